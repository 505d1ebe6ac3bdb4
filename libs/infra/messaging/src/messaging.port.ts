/**
 * The messaging port: publish messages to topics, consume them in consumer groups with retries and a
 * dead-letter topic. Two adapters: InProcessBus (embedded mode) and KafkaBus (distributed mode).
 * Delivery is at-least-once: handlers must be idempotent (dedupe by the `eventId` header).
 */

/** A message to publish. Messages with the same key on the same topic are delivered in publish order. */
export interface OutboundMessage {
  /** By stream category, e.g. `bj.declaration` (docs/kafka.md). */
  readonly topic: string;
  /** The stream id: keeps the order of one stream's messages. */
  readonly key: string;
  readonly value: Buffer | string;
  /** String headers, e.g. eventId, type, schemaVersion, hash. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface MessagePublisher {
  /** Resolves once every message is durably accepted (Kafka: acks from all in-sync replicas). */
  publish(messages: readonly OutboundMessage[]): Promise<void>;
}

/** A delivered message. */
export interface InboundMessage {
  readonly topic: string;
  readonly partition: number;
  /** The offset within the partition, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  /** null only for messages that other producers wrote without a key. */
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 on first delivery in this consumer, then 2, 3… while the handler is retried. */
  readonly attempt: number;
}

export type MessageHandler = (message: InboundMessage) => Promise<void>;

/** Attempt n (1-based) that fails waits min(initialBackoffMs · 2^(n-1), maxBackoffMs) before attempt n+1. */
export interface RetryPolicy {
  /** Total attempts, the first included (≥ 1). */
  readonly attempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface Subscription {
  /** Consumers with the same groupId share the work; every group gets every message. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: MessageHandler;
  /** Default: DEFAULT_RETRY_POLICY. */
  readonly retry?: RetryPolicy;
  /**
   * Where a message goes, with the error (DEAD_LETTER_HEADERS), once every attempt has failed;
   * consumption then goes on with the next message of the partition.
   */
  readonly deadLetterTopic: string;
}

/**
 * Consumes subscriptions. A group with no committed offset starts from the earliest message; a
 * consumer started again in the same group resumes after the last committed message.
 */
export interface MessageConsumer {
  /** Registers a subscription; only while stopped (it takes effect at the next start). */
  subscribe(subscription: Subscription): void;
  /** Resolves once every subscription is consuming (Kafka: has joined its group). */
  start(): Promise<void>;
  /** Stops consuming; a message whose handler has not succeeded yet is not committed (redelivered later). */
  stop(): Promise<void>;
}

/** Both sides of one adapter. */
export interface MessageBus extends MessagePublisher {
  createConsumer(): MessageConsumer;
  /** Creates the topics that do not exist yet (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Stops every consumer created by this bus and releases connections. */
  close(): Promise<void>;
}

/** Headers added to a dead-lettered message (its own headers are kept). */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
  attempts: 'x-attempts',
  errorName: 'x-error-name',
  errorMessage: 'x-error-message',
} as const;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 10_000 };
