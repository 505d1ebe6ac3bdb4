import { InvalidMessagingInputError, type MessagingProblem } from './errors';
import type { OutboundMessage, RetryPolicy, Subscription } from './messaging.port';

// Kafka's own rule for topic names (legal characters, at most 249 of them).
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function topicProblem(path: string, topic: unknown): MessagingProblem | undefined {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    return { path, message: 'must be 1–249 characters of letters, digits, ".", "_" or "-"' };
  }
  return undefined;
}

/** Throws InvalidMessagingInputError naming every bad field of every message (`messages[i].field`). */
export function assertValidMessages(messages: readonly OutboundMessage[]): void {
  if (!Array.isArray(messages)) {
    throw new InvalidMessagingInputError('message', [{ path: 'messages', message: 'must be an array' }]);
  }
  const problems: MessagingProblem[] = [];
  messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (typeof m !== 'object' || m === null) {
      problems.push({ path: at, message: 'must be an object' });
      return;
    }
    const bad = topicProblem(`${at}.topic`, m.topic);
    if (bad) problems.push(bad);
    if (typeof m.key !== 'string' || m.key.length === 0) {
      problems.push({ path: `${at}.key`, message: 'must be a non-empty string (the stream id)' });
    }
    if (typeof m.value !== 'string' && !Buffer.isBuffer(m.value)) {
      problems.push({ path: `${at}.value`, message: 'must be a string or a Buffer' });
    }
    if (m.headers !== undefined) {
      if (typeof m.headers !== 'object' || m.headers === null) {
        problems.push({ path: `${at}.headers`, message: 'must be an object of strings' });
      } else {
        for (const [name, value] of Object.entries(m.headers)) {
          if (typeof value !== 'string') problems.push({ path: `${at}.headers.${name}`, message: 'must be a string' });
        }
      }
    }
  });
  if (problems.length > 0) throw new InvalidMessagingInputError('message', problems);
}

function retryProblems(retry: RetryPolicy | undefined): MessagingProblem[] {
  if (retry === undefined) return [];
  if (typeof retry !== 'object' || retry === null) return [{ path: 'retry', message: 'must be an object' }];
  const problems: MessagingProblem[] = [];
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    problems.push({ path: 'retry.attempts', message: 'must be an integer ≥ 1' });
  }
  if (!Number.isFinite(retry.initialBackoffMs) || retry.initialBackoffMs < 0) {
    problems.push({ path: 'retry.initialBackoffMs', message: 'must be a number ≥ 0' });
  }
  if (!Number.isFinite(retry.maxBackoffMs) || retry.maxBackoffMs < retry.initialBackoffMs) {
    problems.push({ path: 'retry.maxBackoffMs', message: 'must be a number ≥ retry.initialBackoffMs' });
  }
  return problems;
}

/** Throws InvalidMessagingInputError naming every bad field of the subscription. */
export function assertValidSubscription(subscription: Subscription): void {
  const problems: MessagingProblem[] = [];
  if (typeof subscription.groupId !== 'string' || subscription.groupId.trim().length === 0) {
    problems.push({ path: 'groupId', message: 'must be a non-empty string' });
  }
  if (!Array.isArray(subscription.topics) || subscription.topics.length === 0) {
    problems.push({ path: 'topics', message: 'must list at least one topic' });
  } else {
    subscription.topics.forEach((t, i) => {
      const bad = topicProblem(`topics[${i}]`, t);
      if (bad) problems.push(bad);
    });
  }
  if (typeof subscription.handler !== 'function') {
    problems.push({ path: 'handler', message: 'must be a function returning a promise' });
  }
  const badDlq = topicProblem('deadLetterTopic', subscription.deadLetterTopic);
  if (badDlq) problems.push(badDlq);
  else if (Array.isArray(subscription.topics) && subscription.topics.includes(subscription.deadLetterTopic)) {
    problems.push({ path: 'deadLetterTopic', message: 'must not be one of the subscribed topics' });
  }
  problems.push(...retryProblems(subscription.retry));
  if (problems.length > 0) throw new InvalidMessagingInputError('subscription', problems);
}
