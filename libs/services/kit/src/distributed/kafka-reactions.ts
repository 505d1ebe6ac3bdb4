import { computeEventHash, type StoredEvent } from '@bj/event-store';
import { DEFAULT_RETRY_POLICY, type InboundMessage, type MessageBus, type MessageConsumer, type RetryPolicy } from '@bj/messaging';
import type { ProjectionHost } from '../projection-host';
import type { ReactionHost } from '../reaction-host';
import type { RelayLogger } from './outbox-relay';

/** A message on an event topic that is not a stored event of this system: it goes to the dead-letter topic. */
export class MalformedEventMessageError extends Error {
  constructor(reason: string) {
    super(`Not an event envelope: ${reason}`);
    this.name = 'MalformedEventMessageError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the stored event from a message the outbox relay published, and checks it: the
 * envelope's members, that its hash is the hash of its content (what the store computed), and
 * that the eventId header agrees. Anything else throws MalformedEventMessageError.
 */
export function eventFromMessage(message: Pick<InboundMessage, 'value' | 'headers'>): StoredEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    throw new MalformedEventMessageError(`the value is not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new MalformedEventMessageError('the value is not a JSON object');
  const problems: string[] = [];
  for (const key of ['eventId', 'streamId', 'type', 'recordedAt', 'prevHash', 'hash'] as const) {
    if (typeof parsed[key] !== 'string' || parsed[key] === '') problems.push(`${key} must be a non-empty string`);
  }
  for (const key of ['streamVersion', 'globalPosition', 'schemaVersion'] as const) {
    if (!Number.isSafeInteger(parsed[key]) || (parsed[key] as number) < 1) problems.push(`${key} must be an integer ≥ 1`);
  }
  if (!('data' in parsed)) problems.push('data is missing');
  const metadata = parsed['metadata'];
  if (!isObject(metadata) || typeof metadata['actorId'] !== 'string' || typeof metadata['occurredAt'] !== 'string' || typeof metadata['correlationId'] !== 'string') {
    problems.push('metadata must have actorId, correlationId and occurredAt');
  }
  if (problems.length > 0) throw new MalformedEventMessageError(problems.join('; '));
  const event = parsed as unknown as StoredEvent;
  if (computeEventHash(event) !== event.hash) throw new MalformedEventMessageError(`hash of event ${event.eventId} does not match its content`);
  const headerId = message.headers['eventId'];
  if (headerId !== undefined && headerId !== event.eventId) throw new MalformedEventMessageError(`eventId header ${headerId} differs from the envelope's ${event.eventId}`);
  return event;
}

export interface KafkaReactionsOptions {
  readonly bus: MessageBus;
  readonly reactions: ReactionHost;
  readonly projections: ProjectionHost;
  /** `bj.review.reactions`: one group per service, so every service sees every event once. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly deadLetterTopic: string;
  readonly retry?: RetryPolicy;
  /**
   * How long a message waits for the read models to reach its event's position (default 30 s). An
   * event that never appears in this store's log (a topic shared with another deployment) then
   * fails, and after its attempts goes to the dead-letter topic instead of blocking the partition.
   */
  readonly projectionWaitMs?: number;
  /** Wait between attempts to start the consumer while the broker is unreachable: min(initial · 2^(n-1), max). Defaults 1 s and 15 s. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly logger?: RelayLogger;
}

export interface KafkaReactionsStatus {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly consuming: boolean;
  readonly handledMessages: number;
  readonly lastError?: string;
}

/**
 * Feeds this service's reactions (process managers) from Kafka: one consumer group per service
 * over the event topics. Each message is checked (eventFromMessage), the read models are brought
 * up to the event's position in the shared log (a reaction reads them), then ReactionHost.dispatch
 * runs the reactions. Redeliveries are harmless: reactions append with event ids derived from the
 * cause, and the store's append is idempotent. A message that keeps failing goes to the
 * dead-letter topic (the messaging port does that) and the partition moves on.
 */
export class KafkaReactionConsumer {
  private consumer: MessageConsumer | undefined;
  /** The consumer being started (joining its group, or waiting for the broker). */
  private pending: MessageConsumer | undefined;
  private consuming = false;
  private handledMessages = 0;
  private lastError: string | undefined;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private cancelWait: (() => void) | undefined;

  constructor(private readonly options: KafkaReactionsOptions) {}

  /** Starts consuming in the background: while the broker is unreachable it keeps trying with backoff. */
  start(): void {
    if (this.starting) return;
    this.stopped = false;
    this.starting = this.startWithRetry();
  }

  /** Stops consuming and leaves the group; a start still in progress is abandoned (not awaited: joining can take a session timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWait?.();
    await this.pending?.stop().catch(() => undefined);
    this.starting = undefined;
    await this.consumer?.stop();
    this.consumer = undefined;
    this.consuming = false;
  }

  status(): KafkaReactionsStatus {
    return {
      groupId: this.options.groupId,
      topics: this.options.topics,
      consuming: this.consuming,
      handledMessages: this.handledMessages,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** The handler of one message: check, catch the read models up, dispatch. Throws to ask for a retry. */
  async handle(message: InboundMessage): Promise<void> {
    try {
      const event = eventFromMessage(message);
      await this.readModelsAt(event);
      await this.options.reactions.dispatch(event);
      this.handledMessages++;
    } catch (error) {
      this.lastError = `${message.topic}/${message.partition}@${message.offset} attempt ${message.attempt}: ${(error as Error).message}`;
      this.options.logger?.warn(`reaction message failed, ${this.lastError}`);
      throw error;
    }
  }

  private async readModelsAt(event: StoredEvent): Promise<void> {
    const limitMs = this.options.projectionWaitMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`event ${event.eventId} at position ${event.globalPosition} did not appear in this service's event store within ${limitMs} ms`)),
        limitMs,
      );
    });
    try {
      await Promise.race([this.options.projections.waitFor(event.globalPosition), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async startWithRetry(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 15_000;
    for (let failures = 0; !this.stopped; ) {
      const consumer = this.options.bus.createConsumer();
      consumer.subscribe({
        groupId: this.options.groupId,
        topics: this.options.topics,
        deadLetterTopic: this.options.deadLetterTopic,
        retry: this.options.retry ?? DEFAULT_RETRY_POLICY,
        handler: (message) => this.handle(message),
      });
      this.pending = consumer;
      try {
        await consumer.start();
        this.pending = undefined;
        if (this.stopped) {
          await consumer.stop();
          return;
        }
        this.consumer = consumer;
        this.consuming = true;
        this.options.logger?.log(`reactions consuming ${this.options.topics.join(', ')} in group ${this.options.groupId}`);
        return;
      } catch (error) {
        this.pending = undefined;
        if (this.stopped) return;
        failures++;
        this.lastError = (error as Error).message;
        this.options.logger?.warn(`reaction consumer ${this.options.groupId} could not start (${failures}×), retrying: ${this.lastError}`);
        await consumer.stop().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(initial * 2 ** (failures - 1), max));
          this.cancelWait = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.cancelWait = undefined;
      }
    }
  }
}
