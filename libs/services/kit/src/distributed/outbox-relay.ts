import type { EventStore, StoredEvent } from '@bj/event-store';
import type { MessagePublisher, OutboundMessage } from '@bj/messaging';
import { owningPrefix, relayCheckpointName, topicForPrefix } from './topology';

/** Where the relay reports; Nest's Logger fits. */
export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface OutboxRelayOptions {
  readonly store: EventStore;
  readonly publisher: MessagePublisher;
  /** The service whose streams are relayed; the checkpoint is saved as `relay:<service>`. */
  readonly service: string;
  /** Stream id prefixes this service owns: only their events are published. */
  readonly ownedStreamPrefixes: readonly string[];
  /** `bj`: topics are `bj.<category>`. */
  readonly topicPrefix: string;
  /** Events read per round. Default 200. */
  readonly batchSize?: number;
  /** How often to look for events appended by other processes of the same service. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Wait after the n-th consecutive failure: min(initial · 2^(n-1), max). Defaults 500 ms and 5 s. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly logger?: RelayLogger;
}

export interface OutboxRelayStatus {
  readonly checkpointName: string;
  /** Every event up to here has been published (if owned) and acknowledged by the broker; -1 before the checkpoint is loaded. */
  readonly relayedPosition: number;
  readonly publishedMessages: number;
  /** Consecutive failed rounds (the broker or the store unreachable); 0 when healthy. */
  readonly consecutiveFailures: number;
  readonly lastError?: string;
}

/** The Kafka message of a stored event: key = stream id, value = the JSON envelope, headers for routing without parsing. */
export function eventToMessage(event: StoredEvent, topic: string): OutboundMessage {
  return {
    topic,
    key: event.streamId,
    value: JSON.stringify(event),
    headers: {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: String(event.schemaVersion),
      hash: event.hash,
      globalPosition: String(event.globalPosition),
      streamVersion: String(event.streamVersion),
      correlationId: event.metadata.correlationId,
    },
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The transactional outbox, with the event store as the outbox: follows the global log from a
 * durable checkpoint (`relay:<service>`), publishes the events of the streams this service owns,
 * and moves the checkpoint only after the broker acknowledged them. Delivery is therefore at
 * least once: a crash or a failed checkpoint save between the acknowledgement and the save
 * publishes those events again. When the broker is unreachable the relay retries with backoff
 * for as long as it takes; commands are unaffected (they only touch the store).
 */
export class OutboxRelay {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private relayedPosition = -1;
  private publishedMessages = 0;
  private consecutiveFailures = 0;
  private lastError: string | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private wakeRequested = false;
  private unsubscribe: (() => void) | undefined;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(private readonly options: OutboxRelayOptions) {
    if (options.ownedStreamPrefixes.length === 0) throw new Error('ownedStreamPrefixes: the relay needs at least one stream id prefix');
    this.name = relayCheckpointName(options.service);
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.unsubscribe = this.options.store.onAppended(() => this.requestWake(true));
    this.loop = this.run();
  }

  /** Finishes the round in flight (a publish is awaited, its checkpoint saved) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.requestWake();
    await this.loop;
    this.loop = undefined;
  }

  status(): OutboxRelayStatus {
    return {
      checkpointName: this.name,
      relayedPosition: this.relayedPosition,
      publishedMessages: this.publishedMessages,
      consecutiveFailures: this.consecutiveFailures,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Resolves once every event up to `position` has been relayed (published if owned, and checkpointed). */
  relayed(position: number): Promise<void> {
    if (this.relayedPosition >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private async run(): Promise<void> {
    let position: number | undefined;
    while (!this.stopped) {
      try {
        if (position === undefined) {
          position = await this.options.store.loadCheckpoint(this.name);
          this.advance(position);
        }
        const batch = await this.options.store.readAll({ after: position, limit: this.batchSize });
        if (batch.length > 0) {
          const messages = this.messagesOf(batch);
          if (messages.length > 0) await this.options.publisher.publish(messages);
          const last = batch[batch.length - 1].globalPosition;
          await this.options.store.saveCheckpoint(this.name, last);
          position = last;
          this.publishedMessages += messages.length;
          this.advance(last);
        }
        this.recovered();
        if (batch.length < this.batchSize) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        this.failed(error);
        await this.sleep(Math.min(this.initialBackoffMs * 2 ** (this.consecutiveFailures - 1), this.maxBackoffMs));
      }
    }
  }

  private messagesOf(batch: readonly StoredEvent[]): OutboundMessage[] {
    const messages: OutboundMessage[] = [];
    for (const event of batch) {
      const prefix = owningPrefix(event.streamId, this.options.ownedStreamPrefixes);
      if (prefix) messages.push(eventToMessage(event, topicForPrefix(this.options.topicPrefix, prefix)));
    }
    return messages;
  }

  private failed(error: unknown): void {
    this.consecutiveFailures++;
    const text = messageOf(error);
    // the first failure, a new kind of failure, then every 10th: an outage does not flood the log
    if (this.consecutiveFailures === 1 || text !== this.lastError || this.consecutiveFailures % 10 === 0) {
      this.options.logger?.warn(`relay ${this.name} at position ${this.relayedPosition} failed (${this.consecutiveFailures}×), retrying with backoff: ${text}`);
    }
    this.lastError = text;
  }

  private recovered(): void {
    if (this.consecutiveFailures === 0) return;
    this.options.logger?.log(`relay ${this.name} is publishing again after ${this.consecutiveFailures} failed attempt(s); at position ${this.relayedPosition}`);
    this.consecutiveFailures = 0;
    this.lastError = undefined;
  }

  private advance(position: number): void {
    this.relayedPosition = position;
    const due = this.waiters.filter((w) => w.position <= position);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    due.forEach((w) => w.resolve());
  }

  /** An append in this process ends a poll wait at once, but not a backoff after a failure (that would hammer a lost broker). */
  private requestWake(byAppend = false): void {
    this.wakeRequested = true;
    if (!byAppend || this.consecutiveFailures === 0) this.wake?.();
  }

  private async sleep(ms: number): Promise<void> {
    if (!this.wakeRequested && !this.stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        this.wake = done;
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wake = undefined;
    }
    this.wakeRequested = false;
  }
}
