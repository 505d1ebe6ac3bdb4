import { setTimeout as delay } from 'node:timers/promises';
import {
  DEAD_LETTER_HEADERS,
  type InboundMessage,
  type MessageHandler,
  type OutboundMessage,
  type RetryPolicy,
} from './messaging.port';

/** The wait after failed attempt n (1-based): min(initialBackoffMs · 2^(n-1), maxBackoffMs). */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.initialBackoffMs * 2 ** (failedAttempt - 1), policy.maxBackoffMs);
}

export type DeliveryOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'exhausted'; readonly error: unknown; readonly attempts: number }
  /** The consumer is stopping: leave the message uncommitted so that it is delivered again. */
  | { readonly kind: 'stopped' };

export interface DeliveryHooks {
  readonly signal: AbortSignal;
  /** Called between attempts (Kafka: heartbeat, so that a long backoff does not cost the assignment). */
  readonly betweenAttempts?: () => Promise<void>;
}

/** Runs the handler up to `policy.attempts` times with exponential backoff between failures. */
export async function deliverWithRetry(
  handler: MessageHandler,
  message: Omit<InboundMessage, 'attempt'>,
  policy: RetryPolicy,
  hooks: DeliveryHooks,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    if (hooks.signal.aborted) return { kind: 'stopped' };
    try {
      await handler({ ...message, attempt });
      return { kind: 'handled' };
    } catch (error) {
      if (attempt >= policy.attempts) return { kind: 'exhausted', error, attempts: attempt };
      try {
        await delay(backoffDelayMs(policy, attempt), undefined, { signal: hooks.signal });
      } catch {
        return { kind: 'stopped' };
      }
      await hooks.betweenAttempts?.();
    }
  }
}

const MAX_ERROR_HEADER_LENGTH = 2000;

/** The message to publish to the dead-letter topic: same key, value and headers, plus the error. */
export function deadLetterFor(
  message: Omit<InboundMessage, 'attempt'>,
  outcome: { readonly error: unknown; readonly attempts: number },
  groupId: string,
  deadLetterTopic: string,
): OutboundMessage {
  const error = outcome.error;
  const errorMessage = error instanceof Error ? error.message : String(error);
  return {
    topic: deadLetterTopic,
    // A keyless message (from another producer) keeps its partition's order under a key of its own.
    key: message.key ?? `${message.topic}/${message.partition}`,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
      [DEAD_LETTER_HEADERS.consumerGroup]: groupId,
      [DEAD_LETTER_HEADERS.attempts]: String(outcome.attempts),
      [DEAD_LETTER_HEADERS.errorName]: error instanceof Error ? error.name : typeof error,
      [DEAD_LETTER_HEADERS.errorMessage]: errorMessage.slice(0, MAX_ERROR_HEADER_LENGTH),
    },
  };
}
