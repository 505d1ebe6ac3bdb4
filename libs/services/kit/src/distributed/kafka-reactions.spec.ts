import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent, type StoredEvent } from '@bj/event-store';
import { DEAD_LETTER_HEADERS, InProcessBus, type InboundMessage } from '@bj/messaging';
import { ProjectionHost, type Projection } from '../projection-host';
import { ReactionHost } from '../reaction-host';
import { eventFromMessage, KafkaReactionConsumer, MalformedEventMessageError } from './kafka-reactions';
import { eventToMessage } from './outbox-relay';

const newEvent = (type: string, n: number): NewEvent => ({
  eventId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actorId: 'u1', actorRole: 'EMPLOYER', correlationId: `c${n}`, occurredAt: '2026-06-29T02:00:00.000Z' },
});

const inbound = (event: StoredEvent, topic = 'bj.declaration'): InboundMessage => {
  const m = eventToMessage(event, topic);
  return { topic, partition: 0, offset: '0', key: m.key, value: Buffer.from(m.value), headers: m.headers ?? {}, attempt: 1 };
};

describe('eventFromMessage', () => {
  let store: SqliteEventStore;
  let stored: StoredEvent;
  beforeAll(async () => {
    store = new SqliteEventStore(':memory:', { now: () => '2026-06-29T02:00:00.000Z' });
    [stored] = (await store.append('declaration-d1', [newEvent('EmployerRecommended', 1)], 0)).events;
  });
  afterAll(() => store.close());

  it('reads back the stored event the relay published', () => {
    expect(eventFromMessage(inbound(stored))).toEqual(stored);
  });

  it('refuses a value that is not JSON, an incomplete envelope, changed content and a disagreeing eventId header', () => {
    const message = inbound(stored);
    expect(() => eventFromMessage({ ...message, value: Buffer.from('{"eventId": ') })).toThrow(MalformedEventMessageError);
    expect(() => eventFromMessage({ ...message, value: Buffer.from('{"type":"EmployerRecommended"}') })).toThrow(/eventId must be a non-empty string.*globalPosition must be an integer/);
    const tampered = { ...stored, data: { n: 2 } };
    expect(() => eventFromMessage({ ...message, value: Buffer.from(JSON.stringify(tampered)) })).toThrow(/hash of event .* does not match/);
    expect(() => eventFromMessage({ ...message, headers: { ...message.headers, eventId: 'other' } })).toThrow(/eventId header other differs/);
  });
});

describe('KafkaReactionConsumer', () => {
  let dir: string;
  let store: SqliteEventStore;
  let otherProcess: SqliteEventStore;
  let projections: ProjectionHost;
  let bus: InProcessBus;
  let consumer: KafkaReactionConsumer;
  const seenByProjection: number[] = [];
  const reacted: { type: string; projectedAtDispatch: number }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-kafka-reactions-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    // another service's process writing to the same log: this process is not told of its appends
    otherProcess = new SqliteEventStore(join(dir, 'events.sqlite'));
    projections = new ProjectionHost(store);
    const projection: Projection = { name: 'positions', apply: (e) => void seenByProjection.push(e.globalPosition) };
    projections.register(projection);
    await projections.start(60_000);
    const reactions = new ReactionHost(store);
    reactions.register({
      name: 'record',
      eventTypes: ['EmployerRecommended'],
      react: async (e) => void reacted.push({ type: e.type, projectedAtDispatch: projections.handledPosition }),
    });
    bus = new InProcessBus();
    consumer = new KafkaReactionConsumer({
      bus,
      reactions,
      projections,
      groupId: 'bj.review.reactions',
      topics: ['bj.declaration'],
      deadLetterTopic: 'bj.dlq.review.reactions',
      retry: { attempts: 2, initialBackoffMs: 5, maxBackoffMs: 5 },
    });
    seenByProjection.length = 0;
    reacted.length = 0;
  });
  afterEach(async () => {
    await consumer.stop();
    await bus.close();
    projections.beforeApplicationShutdown();
    await store.close();
    await otherProcess.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings the read models up to the event before the reactions run, and dead-letters a poison message without blocking the next', async () => {
    const { events } = await otherProcess.append('declaration-d1', [newEvent('EmployerRecommended', 1)], 0);
    const message = eventToMessage(events[0], 'bj.declaration');
    await bus.publish([{ topic: 'bj.declaration', key: 'declaration-d1', value: 'not json' }, message]);
    const dead: InboundMessage[] = [];
    const reader = bus.createConsumer();
    reader.subscribe({ groupId: 'reader', topics: ['bj.dlq.review.reactions'], deadLetterTopic: 'reader.dlq', handler: async (m) => void dead.push(m) });
    consumer.start();
    await reader.start();
    for (let i = 0; i < 200 && (reacted.length === 0 || dead.length === 0); i++) await new Promise((r) => setTimeout(r, 10));
    await reader.stop();

    expect(reacted).toEqual([{ type: 'EmployerRecommended', projectedAtDispatch: events[0].globalPosition }]);
    expect(seenByProjection).toContain(events[0].globalPosition);
    expect(dead).toHaveLength(1);
    expect(dead[0].value.toString()).toBe('not json');
    expect(dead[0].headers).toMatchObject({ [DEAD_LETTER_HEADERS.errorName]: 'MalformedEventMessageError', [DEAD_LETTER_HEADERS.attempts]: '2' });
    expect(consumer.status()).toMatchObject({ consuming: true, handledMessages: 1, groupId: 'bj.review.reactions' });
  });
});

describe('KafkaReactionConsumer and a log it does not share', () => {
  it('dead-letters an event that never appears in its own store, instead of blocking the partition', async () => {
    const elsewhere = new SqliteEventStore(':memory:');
    const own = new SqliteEventStore(':memory:');
    const { events } = await elsewhere.append('declaration-d1', [newEvent('EmployerRecommended', 1)], 0);
    const projections = new ProjectionHost(own);
    await projections.start(60_000);
    const reactions = new ReactionHost(own);
    const reacted: string[] = [];
    reactions.register({ name: 'record', eventTypes: ['EmployerRecommended'], react: async (e) => void reacted.push(e.eventId) });
    const bus = new InProcessBus();
    const consumer = new KafkaReactionConsumer({
      bus,
      reactions,
      projections,
      groupId: 'g',
      topics: ['bj.declaration'],
      deadLetterTopic: 'g.dlq',
      retry: { attempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 },
      projectionWaitMs: 50,
    });
    const dead: InboundMessage[] = [];
    const reader = bus.createConsumer();
    reader.subscribe({ groupId: 'reader', topics: ['g.dlq'], deadLetterTopic: 'reader.dlq', handler: async (m) => void dead.push(m) });
    try {
      await bus.publish([eventToMessage(events[0], 'bj.declaration')]);
      consumer.start();
      await reader.start();
      for (let i = 0; i < 200 && dead.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(reacted).toEqual([]);
      expect(dead).toHaveLength(1);
      expect(dead[0].headers[DEAD_LETTER_HEADERS.errorMessage]).toMatch(/did not appear in this service's event store within 50 ms/);
    } finally {
      await reader.stop();
      await consumer.stop();
      await bus.close();
      projections.beforeApplicationShutdown();
      await own.close();
      await elsewhere.close();
    }
  });
});
