import { SqliteEventStore, type NewEvent } from '@bj/event-store';
import type { MessagePublisher, OutboundMessage } from '@bj/messaging';
import { OutboxRelay } from './outbox-relay';
import { STREAM_OWNERSHIP } from './topology';

const event = (type: string, n: number): NewEvent => ({
  eventId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actorId: 'u1', actorRole: 'APPLICANT', correlationId: `c${n}`, occurredAt: '2026-06-15T02:00:00.000Z' },
});

/** A broker stand-in: records what it acknowledged, or refuses while `down`. */
class FakeBroker implements MessagePublisher {
  readonly acknowledged: OutboundMessage[] = [];
  down = false;
  attempts = 0;
  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error('broker unreachable');
    this.acknowledged.push(...messages);
  }
}

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('OutboxRelay', () => {
  let store: SqliteEventStore;
  let broker: FakeBroker;
  const relays: OutboxRelay[] = [];
  const relay = () => {
    const r = new OutboxRelay({ store, publisher: broker, service: 'declaration', ownedStreamPrefixes: STREAM_OWNERSHIP.declaration, topicPrefix: 'bj', pollIntervalMs: 10, initialBackoffMs: 10, maxBackoffMs: 20 });
    relays.push(r);
    return r;
  };

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:', { now: () => '2026-06-15T02:00:00.000Z' });
    broker = new FakeBroker();
    await store.append('declaration-d1', [event('DeclarationDrafted', 1), event('DeclarationSubmitted', 2)], 0);
    await store.append('annual-session-2026', [event('SessionOpened', 3)], 0);
    await store.append('declaration-d2', [event('DeclarationDrafted', 4)], 0);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await store.close();
  });

  it('publishes only the streams its service owns, keyed by stream, with the envelope and its headers, then saves the checkpoint', async () => {
    const r = relay();
    r.start();
    await r.relayed(4);
    expect(broker.acknowledged.map((m) => [m.topic, m.key, m.headers?.['type']])).toEqual([
      ['bj.declaration', 'declaration-d1', 'DeclarationDrafted'],
      ['bj.declaration', 'declaration-d1', 'DeclarationSubmitted'],
      ['bj.declaration', 'declaration-d2', 'DeclarationDrafted'],
    ]);
    const [first] = await store.readStream('declaration-d1');
    expect(JSON.parse(String(broker.acknowledged[0].value))).toEqual(first);
    expect(broker.acknowledged[0].headers).toEqual({
      eventId: first.eventId,
      type: 'DeclarationDrafted',
      schemaVersion: '1',
      hash: first.hash,
      globalPosition: '1',
      streamVersion: '1',
      correlationId: 'c1',
    });
    expect(await store.loadCheckpoint('relay:declaration')).toBe(4);
  });

  it('keeps the checkpoint while the broker refuses, lets commands append meanwhile, and publishes everything once it is back', async () => {
    broker.down = true;
    const r = relay();
    r.start();
    await until('a few failed attempts', () => broker.attempts >= 3);
    await store.append('declaration-d3', [event('DeclarationDrafted', 5)], 0);
    expect(await store.loadCheckpoint('relay:declaration')).toBe(0);
    expect(r.status()).toMatchObject({ relayedPosition: 0, publishedMessages: 0, lastError: 'broker unreachable' });
    expect(r.status().consecutiveFailures).toBeGreaterThanOrEqual(3);

    broker.down = false;
    await r.relayed(5);
    expect(broker.acknowledged.map((m) => m.headers?.['globalPosition'])).toEqual(['1', '2', '4', '5']);
    expect(r.status()).toMatchObject({ relayedPosition: 5, publishedMessages: 4, consecutiveFailures: 0 });
    expect(await store.loadCheckpoint('relay:declaration')).toBe(5);
  });

  it('resumes after its checkpoint when started again: what was acknowledged is not published again', async () => {
    const r1 = relay();
    r1.start();
    await r1.relayed(4);
    await r1.stop();
    await store.append('declaration-d1', [event('DeclarationWithdrawn', 6)], 2);
    const r2 = relay();
    r2.start();
    await r2.relayed(5);
    expect(broker.acknowledged.map((m) => m.headers?.['globalPosition'])).toEqual(['1', '2', '4', '5']);
  });
});
