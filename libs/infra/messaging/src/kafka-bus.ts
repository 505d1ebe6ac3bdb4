import {
  Kafka,
  Partitioners,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type IHeaders,
  type Message,
  type Producer,
} from 'kafkajs';
import { ConsumerStartError, InvalidMessagingInputError, MessagePublishError } from './errors';
import { kafkaBusOptionsFromEnv, type KafkaBusOptions } from './kafka-config';
import {
  DEFAULT_RETRY_POLICY,
  type InboundMessage,
  type MessageBus,
  type MessageConsumer,
  type OutboundMessage,
  type RetryPolicy,
  type Subscription,
} from './messaging.port';
import { deadLetterFor, deliverWithRetry } from './retry';
import { assertValidMessages, assertValidSubscription } from './validation';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The distributed-mode adapter over kafkajs. Publishing: an idempotent producer, acks from all
 * in-sync replicas, one request in flight (keeps per-key order across retries), Kafka's default
 * (murmur2) partitioner, so a key always lands on the same partition. Consuming: one kafkajs
 * consumer per subscription (= per group), one message at a time, the offset committed only after
 * the handler succeeded or the message went to the dead-letter topic.
 */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly consumers = new Set<KafkaConsumer>();
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;

  constructor(private readonly options: KafkaBusOptions) {
    const problems = [];
    if (!Array.isArray(options.brokers) || options.brokers.length === 0) {
      problems.push({ path: 'brokers', message: 'must list at least one host:port' });
    }
    if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
      problems.push({ path: 'clientId', message: 'must be a non-empty string' });
    }
    if (options.partitions !== undefined && (!Number.isInteger(options.partitions) || options.partitions < 1)) {
      problems.push({ path: 'partitions', message: 'must be an integer ≥ 1' });
    }
    if (problems.length > 0) throw new InvalidMessagingInputError('configuration', problems);
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: options.logLevel ?? kafkaBusOptionsFromEnv({}).logLevel,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      retry: { retries: 5 },
    });
  }

  /** A bus configured by KAFKA_BROKERS, KAFKA_CLIENT_ID and KAFKA_LOG_LEVEL (see kafkaBusOptionsFromEnv). */
  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): KafkaBus {
    return new KafkaBus(kafkaBusOptionsFromEnv(env));
  }

  get brokers(): readonly string[] {
    return this.options.brokers;
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    assertValidMessages(messages);
    if (messages.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: { ...(m.headers ?? {}) } });
      byTopic.set(m.topic, list);
    }
    try {
      const producer = await this.connectedProducer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    } catch (error) {
      throw new MessagePublishError(
        `Kafka at ${this.options.brokers.join(',')} did not accept ${messages.length} message(s): ${errorText(error)}`,
        error,
      );
    }
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    assertValidMessages(topics.map((topic) => ({ topic, key: 'ensure', value: '' })));
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    // false (not an error) when another client created them in the meantime
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3 })),
    });
  }

  createConsumer(): MessageConsumer {
    const consumer = new KafkaConsumer(this, this.kafka, this.options);
    this.consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    await Promise.all([
      producer?.then((p) => p.disconnect()).catch(() => undefined),
      admin?.then((a) => a.disconnect()).catch(() => undefined),
    ]);
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: true,
        // Bounded, so that a lost broker fails publish() (the caller's outbox retries) instead of hanging.
        retry: { retries: 6 },
      });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => (this.producer = undefined));
    }
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw; // a repeated header: the last one wins
    if (value !== undefined) decoded[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return decoded;
}

class KafkaConsumer implements MessageConsumer {
  private readonly subscriptions: Subscription[] = [];
  private running: { readonly controller: AbortController; readonly consumers: Consumer[] } | undefined;

  constructor(
    private readonly bus: KafkaBus,
    private readonly kafka: Kafka,
    private readonly options: KafkaBusOptions,
  ) {}

  subscribe(subscription: Subscription): void {
    if (this.running) throw new ConsumerStartError('subscribe() is only allowed while the consumer is stopped');
    assertValidSubscription(subscription);
    this.subscriptions.push(subscription);
  }

  async start(): Promise<void> {
    if (this.running) return;
    if (this.subscriptions.length === 0) throw new ConsumerStartError('start() needs at least one subscription');
    const running = { controller: new AbortController(), consumers: [] as Consumer[] };
    this.running = running;
    try {
      if (this.options.createTopics ?? true) {
        await this.bus.ensureTopics(this.subscriptions.flatMap((s) => [...s.topics, s.deadLetterTopic]));
      }
      await Promise.all(this.subscriptions.map((s) => this.startOne(s, running)));
    } catch (error) {
      await this.stop();
      if (error instanceof ConsumerStartError) throw error;
      throw new ConsumerStartError(
        `Kafka consumer could not start against ${this.options.brokers.join(',')}: ${errorText(error)}`,
        error,
      );
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.controller.abort(); // ends backoff waits; an unfinished message stays uncommitted
    await Promise.all(running.consumers.map((c) => c.disconnect().catch(() => undefined)));
    this.running = undefined;
  }

  private async startOne(
    subscription: Subscription,
    running: { readonly controller: AbortController; readonly consumers: Consumer[] },
  ): Promise<void> {
    const policy = subscription.retry ?? DEFAULT_RETRY_POLICY;
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
      retry: { retries: 5 },
    });
    running.consumers.push(consumer);
    const joinTimeoutMs = this.options.joinTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const removers: (() => void)[] = [];
    const joined = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new ConsumerStartError(`Consumer group "${subscription.groupId}" did not join within ${joinTimeoutMs} ms`)),
        joinTimeoutMs,
      );
      removers.push(consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      removers.push(
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(new ConsumerStartError(`Consumer group "${subscription.groupId}" crashed: ${errorText(event.payload.error)}`, event.payload.error));
        }),
      );
    });
    joined.catch(() => undefined); // observed below; avoids an unhandled rejection if connect() throws first
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: (payload) => this.handle(subscription, policy, consumer, payload, running.controller.signal),
      });
      await joined;
    } finally {
      clearTimeout(timer);
      removers.forEach((remove) => remove());
    }
  }

  private async handle(
    subscription: Subscription,
    policy: RetryPolicy,
    consumer: Consumer,
    { topic, partition, message, heartbeat }: EachMessagePayload,
    signal: AbortSignal,
  ): Promise<void> {
    const inbound: Omit<InboundMessage, 'attempt'> = {
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      value: message.value ?? Buffer.alloc(0),
      headers: decodeHeaders(message.headers),
    };
    const outcome = await deliverWithRetry(subscription.handler, inbound, policy, { signal, betweenAttempts: heartbeat });
    if (outcome.kind === 'stopped') return; // not committed: delivered again after a restart
    if (outcome.kind === 'exhausted') {
      await this.bus.publish([deadLetterFor(inbound, outcome, subscription.groupId, subscription.deadLetterTopic)]);
    }
    await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  }
}
