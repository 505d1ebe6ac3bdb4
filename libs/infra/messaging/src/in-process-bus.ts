import { createHash } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { ConsumerStartError, InvalidMessagingInputError } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  type InboundMessage,
  type MessageBus,
  type MessageConsumer,
  type OutboundMessage,
  type Subscription,
} from './messaging.port';
import { deadLetterFor, deliverWithRetry } from './retry';
import { assertValidMessages, assertValidSubscription } from './validation';

interface StoredRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface InProcessBusOptions {
  /** Partitions of every topic (default 3): order is kept per key, as with Kafka. */
  readonly partitions?: number;
}

/**
 * The embedded-mode adapter: topics, partitions and per-group committed offsets in memory, with
 * the same delivery semantics as KafkaBus (order per key, at-least-once, retries, dead-letter topic).
 * Nothing survives the process.
 */
export class InProcessBus implements MessageBus {
  private readonly partitionCount: number;
  private readonly topics = new Map<string, StoredRecord[][]>();
  /** group → "topic/partition" → next offset to deliver. */
  private readonly committed = new Map<string, Map<string, number>>();
  private readonly activeGroups = new Set<string>();
  private readonly consumers = new Set<InProcessConsumer>();
  private readonly appended = new EventEmitter();

  constructor(options: InProcessBusOptions = {}) {
    const partitions = options.partitions ?? 3;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new InvalidMessagingInputError('configuration', [{ path: 'partitions', message: 'must be an integer ≥ 1' }]);
    }
    this.partitionCount = partitions;
    this.appended.setMaxListeners(0);
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    assertValidMessages(messages);
    for (const m of messages) {
      const partitions = this.topic(m.topic);
      partitions[this.partitionFor(m.key)].push({
        key: m.key,
        value: Buffer.from(m.value), // a copy: later changes by the caller do not reach consumers
        headers: { ...(m.headers ?? {}) },
      });
    }
    if (messages.length > 0) this.appended.emit('appended');
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    assertValidMessages(topics.map((topic) => ({ topic, key: 'ensure', value: '' })));
    topics.forEach((t) => this.topic(t));
  }

  createConsumer(): MessageConsumer {
    const consumer = new InProcessConsumer(this);
    this.consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
  }

  /** @internal for InProcessConsumer */
  claimGroup(groupId: string): void {
    if (this.activeGroups.has(groupId)) {
      throw new ConsumerStartError(`Consumer group "${groupId}" already has a running consumer in this process`);
    }
    this.activeGroups.add(groupId);
  }

  /** @internal */
  releaseGroup(groupId: string): void {
    this.activeGroups.delete(groupId);
  }

  /** @internal The next uncommitted message of the group on any of the topics, partitions taken in turn. */
  nextFor(groupId: string, topics: readonly string[], turn: number): Omit<InboundMessage, 'attempt'> | undefined {
    const offsets = this.offsetsOf(groupId);
    const slots = topics.flatMap((topic) => this.topic(topic).map((records, partition) => ({ topic, partition, records })));
    for (let i = 0; i < slots.length; i++) {
      const { topic, partition, records } = slots[(turn + i) % slots.length];
      const offset = offsets.get(`${topic}/${partition}`) ?? 0;
      const record = records[offset];
      if (record) {
        return { topic, partition, offset: String(offset), key: record.key, value: Buffer.from(record.value), headers: { ...record.headers } };
      }
    }
    return undefined;
  }

  /** @internal */
  commit(groupId: string, message: Omit<InboundMessage, 'attempt'>): void {
    this.offsetsOf(groupId).set(`${message.topic}/${message.partition}`, Number(message.offset) + 1);
  }

  /** @internal Resolves at the next publish, or rejects when the signal aborts. */
  async nextAppend(signal: AbortSignal): Promise<void> {
    await once(this.appended, 'appended', { signal });
  }

  private topic(name: string): StoredRecord[][] {
    let partitions = this.topics.get(name);
    if (!partitions) {
      partitions = Array.from({ length: this.partitionCount }, () => []);
      this.topics.set(name, partitions);
    }
    return partitions;
  }

  private partitionFor(key: string): number {
    return createHash('sha1').update(key).digest().readUInt32BE(0) % this.partitionCount;
  }

  private offsetsOf(groupId: string): Map<string, number> {
    let offsets = this.committed.get(groupId);
    if (!offsets) {
      offsets = new Map();
      this.committed.set(groupId, offsets);
    }
    return offsets;
  }
}

class InProcessConsumer implements MessageConsumer {
  private readonly subscriptions: Subscription[] = [];
  private running: { readonly controller: AbortController; readonly loops: Promise<void>[]; readonly groups: string[] } | undefined;

  constructor(private readonly bus: InProcessBus) {}

  subscribe(subscription: Subscription): void {
    if (this.running) throw new ConsumerStartError('subscribe() is only allowed while the consumer is stopped');
    assertValidSubscription(subscription);
    this.subscriptions.push(subscription);
  }

  async start(): Promise<void> {
    if (this.running) return;
    if (this.subscriptions.length === 0) throw new ConsumerStartError('start() needs at least one subscription');
    const groups: string[] = [];
    try {
      for (const s of this.subscriptions) {
        this.bus.claimGroup(s.groupId);
        groups.push(s.groupId);
      }
    } catch (error) {
      groups.forEach((g) => this.bus.releaseGroup(g));
      throw error;
    }
    const controller = new AbortController();
    const loops = this.subscriptions.map((s) => this.consume(s, controller.signal));
    this.running = { controller, loops, groups };
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.controller.abort();
    await Promise.all(running.loops);
    running.groups.forEach((g) => this.bus.releaseGroup(g));
    this.running = undefined;
  }

  private async consume(subscription: Subscription, signal: AbortSignal): Promise<void> {
    const policy = subscription.retry ?? DEFAULT_RETRY_POLICY;
    // Deliver on a later turn of the event loop than start() and publish(), as a broker would.
    await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; !signal.aborted; turn++) {
      const message = this.bus.nextFor(subscription.groupId, subscription.topics, turn);
      if (!message) {
        try {
          await this.bus.nextAppend(signal);
        } catch {
          return; // stopping
        }
        continue;
      }
      const outcome = await deliverWithRetry(subscription.handler, message, policy, { signal });
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'exhausted') {
        await this.bus.publish([deadLetterFor(message, outcome, subscription.groupId, subscription.deadLetterTopic)]);
      }
      this.bus.commit(subscription.groupId, message);
    }
  }
}
