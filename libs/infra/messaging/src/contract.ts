import { randomUUID } from 'node:crypto';
import { InvalidMessagingInputError } from './errors';
import {
  DEAD_LETTER_HEADERS,
  type InboundMessage,
  type MessageBus,
  type MessageConsumer,
  type MessageHandler,
  type RetryPolicy,
} from './messaging.port';

/** One bus for the whole contract run; the contract keeps tests apart by unique topic and group names. */
export interface MessagingContractHarness {
  readonly bus: MessageBus;
  /** How long to watch for an unwanted (re)delivery before concluding there is none. */
  readonly settleMs: number;
  dispose(): Promise<void>;
}

const TEST_TIMEOUT_MS = 90_000;
const WAIT_TIMEOUT_MS = 45_000;
const FAST_RETRY: RetryPolicy = { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 20 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_TIMEOUT_MS} ms waiting for ${what}`);
    await sleep(20);
  }
}

const text = (m: InboundMessage) => m.value.toString('utf8');

function findByKey(messages: readonly InboundMessage[], key: string): InboundMessage {
  const found = messages.find((m) => m.key === key);
  if (!found) throw new Error(`No message with key ${key} among ${messages.length}`);
  return found;
}

/**
 * The behaviour every MessageBus adapter must show, as a jest suite (call it from a spec file; it
 * uses jest's globals). `createHarness` is called once, before the tests.
 */
export function describeMessagingContract(name: string, createHarness: () => Promise<MessagingContractHarness>): void {
  describe(`${name} (messaging contract)`, () => {
    const run = randomUUID().slice(0, 8);
    let harness: MessagingContractHarness | undefined;
    let bus: MessageBus;
    let settleMs = 0;
    let consumers: MessageConsumer[] = [];
    let testNumber = 0;
    let names: { topic: string; deadLetters: string; group: (suffix: string) => string };

    beforeAll(async () => {
      harness = await createHarness();
      bus = harness.bus;
      settleMs = harness.settleMs;
    }, TEST_TIMEOUT_MS);

    afterAll(async () => {
      await harness?.dispose();
    }, TEST_TIMEOUT_MS);

    beforeEach(async () => {
      testNumber++;
      const base = `contract.${run}.t${testNumber}`;
      names = { topic: `${base}.events`, deadLetters: `${base}.dlq`, group: (suffix) => `${base}.${suffix}` };
      await bus.ensureTopics([names.topic, names.deadLetters]);
      consumers = [];
    }, TEST_TIMEOUT_MS);

    afterEach(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
    }, TEST_TIMEOUT_MS);

    /** Starts a consumer of one group that records what it handled (after `handler`, if given, succeeded). */
    async function consume(
      group: string,
      options: { topics?: string[]; handler?: MessageHandler; retry?: RetryPolicy } = {},
    ): Promise<{ received: InboundMessage[]; consumer: MessageConsumer }> {
      const received: InboundMessage[] = [];
      const consumer = bus.createConsumer();
      consumer.subscribe({
        groupId: names.group(group),
        topics: options.topics ?? [names.topic],
        deadLetterTopic: options.topics ? `${names.deadLetters}.of-dlq` : names.deadLetters,
        retry: options.retry ?? FAST_RETRY,
        handler: async (message) => {
          await options.handler?.(message);
          received.push(message);
        },
      });
      consumers.push(consumer);
      await consumer.start();
      return { received, consumer };
    }

    it('delivers key, value and headers; a new group starts from the earliest message', async () => {
      await bus.publish([
        {
          topic: names.topic,
          key: 'declaration-1',
          value: '{"declarationId":"declaration-1"}',
          headers: { eventId: 'event-1', type: 'DeclarationSubmitted', schemaVersion: '1', hash: 'ab12' },
        },
      ]);
      const { received } = await consume('reader');
      await bus.publish([{ topic: names.topic, key: 'declaration-2', value: Buffer.from([0, 1, 2, 255]) }]);
      await waitFor('two messages', () => received.length === 2);

      const first = findByKey(received, 'declaration-1');
      expect(first.topic).toBe(names.topic);
      expect(text(first)).toBe('{"declarationId":"declaration-1"}');
      expect(first.headers).toEqual({ eventId: 'event-1', type: 'DeclarationSubmitted', schemaVersion: '1', hash: 'ab12' });
      expect(first.attempt).toBe(1);
      expect(Number.isInteger(first.partition)).toBe(true);
      expect(first.offset).toMatch(/^\d+$/);
      const second = findByKey(received, 'declaration-2');
      expect(Buffer.isBuffer(second.value)).toBe(true);
      expect([...second.value]).toEqual([0, 1, 2, 255]);
      expect(second.headers).toEqual({});
    }, TEST_TIMEOUT_MS);

    it('keeps the publish order of the messages of each key', async () => {
      const keys = ['stream-a', 'stream-b', 'stream-c', 'stream-d', 'stream-e'];
      const published: { key: string; value: string }[] = [];
      const { received } = await consume('ordered');
      for (let batch = 0; batch < 3; batch++) {
        const messages = Array.from({ length: 10 }, (_, i) => {
          const key = keys[(batch * 10 + i) % keys.length];
          published.push({ key, value: `${key}#${batch * 10 + i}` });
          return { topic: names.topic, key, value: `${key}#${batch * 10 + i}` };
        });
        await bus.publish(messages);
      }
      await waitFor('30 messages', () => received.length >= 30);
      for (const key of keys) {
        const sent = published.filter((p) => p.key === key).map((p) => p.value);
        expect(received.filter((m) => m.key === key).map(text)).toEqual(sent);
      }
      expect(received).toHaveLength(30);
    }, TEST_TIMEOUT_MS);

    it('gives every message to every group', async () => {
      const [billing, audit] = await Promise.all([consume('billing'), consume('audit')]);
      const values = Array.from({ length: 10 }, (_, i) => `message-${i}`);
      await bus.publish(values.map((value, i) => ({ topic: names.topic, key: `stream-${i % 4}`, value })));
      await waitFor('10 messages in both groups', () => billing.received.length >= 10 && audit.received.length >= 10);
      expect(billing.received.map(text).sort()).toEqual([...values].sort());
      expect(audit.received.map(text).sort()).toEqual([...values].sort());
    }, TEST_TIMEOUT_MS);

    it('resumes a restarted group after its last committed message, losing and repeating none', async () => {
      const first = await consume('projector');
      await bus.publish(['m1', 'm2', 'm3'].map((value) => ({ topic: names.topic, key: 'stream-1', value })));
      await waitFor('m1..m3', () => first.received.length === 3);
      await first.consumer.stop();

      await bus.publish(['m4', 'm5'].map((value) => ({ topic: names.topic, key: 'stream-1', value })));
      const second = await consume('projector');
      await waitFor('m4, m5 after the restart', () => second.received.length >= 2);
      await sleep(settleMs);
      expect(first.received.map(text)).toEqual(['m1', 'm2', 'm3']);
      expect(second.received.map(text)).toEqual(['m4', 'm5']);
    }, TEST_TIMEOUT_MS);

    it('delivers again, after a restart, a message whose handler had not succeeded when the consumer stopped', async () => {
      const attempts: number[] = [];
      const failing = await consume('unlucky', {
        retry: { attempts: 5, initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
        handler: async (m) => {
          attempts.push(m.attempt);
          throw new Error('database down');
        },
      });
      await bus.publish([{ topic: names.topic, key: 'stream-1', value: 'pending' }]);
      await waitFor('the first attempt', () => attempts.length === 1);
      await failing.consumer.stop(); // during the 60 s backoff: must not wait for it, must not commit

      const dead = await consume('dead-letter-reader', { topics: [names.deadLetters] });
      const recovered = await consume('unlucky');
      await waitFor('the redelivery', () => recovered.received.length === 1);
      await sleep(settleMs);
      expect(text(recovered.received[0])).toBe('pending');
      expect(recovered.received[0].attempt).toBe(1);
      expect(attempts).toEqual([1]);
      expect(dead.received).toEqual([]);
    }, TEST_TIMEOUT_MS);

    it('sends a message that fails every attempt to the dead-letter topic with its error, then goes on', async () => {
      const handled: string[] = [];
      const poisonDeliveries: InboundMessage[] = [];
      const { received } = await consume('strict', {
        retry: { attempts: 3, initialBackoffMs: 5, maxBackoffMs: 10 },
        handler: async (m) => {
          handled.push(`${text(m)}@${m.attempt}`);
          if (text(m) === 'poison') {
            poisonDeliveries.push(m);
            throw new Error('cannot decode poison');
          }
        },
      });
      const dead = await consume('dead-letter-reader', { topics: [names.deadLetters] });
      await bus.publish(
        ['ok-1', 'poison', 'ok-2', 'ok-3'].map((value) => ({
          topic: names.topic,
          key: 'stream-p',
          value,
          headers: { eventId: `event-${value}` },
        })),
      );
      await waitFor('ok-1..ok-3', () => received.length === 3);
      await waitFor('the dead letter', () => dead.received.length === 1);
      await sleep(settleMs);

      expect(handled).toEqual(['ok-1@1', 'poison@1', 'poison@2', 'poison@3', 'ok-2@1', 'ok-3@1']);
      expect(received.map(text)).toEqual(['ok-1', 'ok-2', 'ok-3']);
      const letter = dead.received[0];
      expect(dead.received).toHaveLength(1);
      expect(letter.key).toBe('stream-p');
      expect(text(letter)).toBe('poison');
      expect(letter.headers).toEqual({
        eventId: 'event-poison',
        [DEAD_LETTER_HEADERS.originalTopic]: names.topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(poisonDeliveries[0].partition),
        [DEAD_LETTER_HEADERS.originalOffset]: poisonDeliveries[0].offset,
        [DEAD_LETTER_HEADERS.consumerGroup]: names.group('strict'),
        [DEAD_LETTER_HEADERS.attempts]: '3',
        [DEAD_LETTER_HEADERS.errorName]: 'Error',
        [DEAD_LETTER_HEADERS.errorMessage]: 'cannot decode poison',
      });
    }, TEST_TIMEOUT_MS);

    it('retries with growing, capped backoff and succeeds when the handler recovers', async () => {
      const attemptTimes: number[] = [];
      const { received } = await consume('patient', {
        retry: { attempts: 4, initialBackoffMs: 60, maxBackoffMs: 90 },
        handler: async (m) => {
          attemptTimes.push(performance.now());
          if (m.attempt < 3) throw new Error(`transient failure ${m.attempt}`);
        },
      });
      const dead = await consume('dead-letter-reader', { topics: [names.deadLetters] });
      await bus.publish([{ topic: names.topic, key: 'stream-r', value: 'flaky' }]);
      await waitFor('the message to be handled', () => received.length === 1);
      await sleep(settleMs);

      expect(received.map((m) => [text(m), m.attempt])).toEqual([['flaky', 3]]);
      expect(attemptTimes).toHaveLength(3);
      // 60 ms after attempt 1, then min(120, 90) = 90 ms after attempt 2 (a timer may fire ~1 ms early)
      expect(attemptTimes[1] - attemptTimes[0]).toBeGreaterThanOrEqual(58);
      expect(attemptTimes[2] - attemptTimes[1]).toBeGreaterThanOrEqual(88);
      expect(dead.received).toEqual([]);
    }, TEST_TIMEOUT_MS);

    it('refuses a message without a key or with a bad topic, naming the field, and publishes none of the batch', async () => {
      const { received } = await consume('validation');
      const refused = bus.publish([
        { topic: names.topic, key: 'stream-1', value: 'fine' },
        { topic: names.topic, key: '', value: 'no key' },
        { topic: 'has space', key: 'stream-1', value: 'bad topic' },
      ]);
      await expect(refused).rejects.toBeInstanceOf(InvalidMessagingInputError);
      await expect(refused).rejects.toMatchObject({
        problems: [
          { path: 'messages[1].key', message: expect.stringContaining('non-empty') },
          { path: 'messages[2].topic', message: expect.any(String) },
        ],
      });
      await bus.publish([{ topic: names.topic, key: 'stream-1', value: 'after' }]);
      await waitFor('the valid message', () => received.length === 1);
      await sleep(settleMs);
      expect(received.map(text)).toEqual(['after']);
    }, TEST_TIMEOUT_MS);

    it('refuses a subscription with a bad retry policy or dead-letter topic, naming the fields', () => {
      const consumer = bus.createConsumer();
      expect(() =>
        consumer.subscribe({
          groupId: names.group('invalid'),
          topics: [names.topic],
          deadLetterTopic: names.topic,
          retry: { attempts: 0, initialBackoffMs: 100, maxBackoffMs: 50 },
          handler: async () => undefined,
        }),
      ).toThrow(
        expect.objectContaining({
          problems: [
            { path: 'deadLetterTopic', message: 'must not be one of the subscribed topics' },
            { path: 'retry.attempts', message: 'must be an integer ≥ 1' },
            { path: 'retry.maxBackoffMs', message: 'must be a number ≥ retry.initialBackoffMs' },
          ],
        }),
      );
    });
  });
}
