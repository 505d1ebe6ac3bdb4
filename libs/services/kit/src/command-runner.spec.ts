import { SqliteEventStore, type NewEvent } from '@bj/event-store';
import { DomainError, type Actor, type Decider, type DomainEvent } from '@bj/kernel';
import { CommandRunner } from './command-runner';
import { ProjectionHost } from './projection-host';
import { ReactionHost } from './reaction-host';
import { ManualClock, uuidV7Ids } from './runtime';

// A ticket counter: each command takes the next number, and refuses once `limit` are taken.
type Taken = DomainEvent<'NumberTaken', { number: number; by: string }>;
type Take = { by: string; limit: number };
const counter: Decider<Take, Taken, { taken: number }> = {
  initialState: () => ({ taken: 0 }),
  decide: ({ by, limit }, { taken }) => {
    if (taken >= limit) throw DomainError.rule('SOLD_OUT', `all ${limit} numbers are taken`);
    return [{ type: 'NumberTaken', schemaVersion: 1, data: { number: taken + 1, by } }];
  },
  evolve: ({ taken }) => ({ taken: taken + 1 }),
};
const actor: Actor = { id: 'clerk', role: 'CENTRE_STAFF' };

describe('CommandRunner: commands on one stream', () => {
  let store: SqliteEventStore;
  let projections: ProjectionHost;
  let runner: CommandRunner;

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    projections = new ProjectionHost(store);
    await projections.start();
    runner = new CommandRunner(store, new ManualClock('2026-10-28T01:00:00Z'), uuidV7Ids, projections, new ReactionHost(store));
  });
  afterEach(async () => {
    projections.beforeApplicationShutdown(); // as the app's shutdown does: the host stops before the store closes
    await store.close();
  });

  it('given 40 commands on one stream at once, when they run, then each is decided on the state the one before it left: none is refused', async () => {
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => runner.run('counter-1', counter, () => ({ by: `objector-${i}`, limit: 100 }), actor)));
    expect(outcomes.map((o) => o.streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const numbers = (await store.readStream('counter-1')).map((e) => (e.data as Taken['data']).number);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('given commands in line behind one that is refused, when they run, then the refusal is its own and the others go on', async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => runner.run('counter-2', counter, () => ({ by: `objector-${i}`, limit: 3 }), actor)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(((results[3] as PromiseRejectedResult).reason as DomainError).code).toBe('SOLD_OUT');
    expect(await store.readStream('counter-2')).toHaveLength(3);
  });

  it('given another process appending to the stream meanwhile, when the command appends, then it is decided again on the new state', async () => {
    await runner.run('counter-3', counter, () => ({ by: 'first', limit: 10 }), actor); // the runner now holds the stream's folded state
    const elsewhere: NewEvent = { eventId: uuidV7Ids.next(), type: 'NumberTaken', schemaVersion: 1, data: { number: 2, by: 'another process' }, metadata: { actorId: 'x', actorRole: 'CENTRE_STAFF', correlationId: 'c', occurredAt: '2026-10-28T01:00:00Z' } };
    await store.append('counter-3', [elsewhere], 1);
    const outcome = await runner.run('counter-3', counter, () => ({ by: 'second', limit: 10 }), actor);
    expect(outcome.streamVersion).toBe(3);
    expect((outcome.events[0].data as Taken['data']).number).toBe(3);
  });

  it('given a command appended, when the next command on the stream runs, then it starts from the state that append left, reading back nothing', async () => {
    await runner.run('counter-5', counter, () => ({ by: 'first', limit: 10 }), actor);
    const readStream = jest.spyOn(store, 'readStream');
    const second = await runner.run('counter-5', counter, () => ({ by: 'second', limit: 10 }), actor);
    const third = await runner.run('counter-5', counter, () => ({ by: 'third', limit: 10 }), actor);
    expect([second, third].map((o) => (o.events[0].data as Taken['data']).number)).toEqual([2, 3]);
    // each load asked only for what follows the runner's own append, and there was nothing
    expect(readStream.mock.calls).toEqual([['counter-5', { fromVersion: 2 }], ['counter-5', { fromVersion: 3 }]]);
    expect(await Promise.all(readStream.mock.results.map((r) => r.value))).toEqual([[], []]);
  });

  it('given a command repeated with the same event ids, when it runs again, then the repeat appends nothing and the next command counts the stream once', async () => {
    const eventIds = [uuidV7Ids.next()];
    await runner.run('counter-6', counter, () => ({ by: 'reaction', limit: 10 }), actor, { eventIds });
    const repeat = await runner.run('counter-6', counter, () => ({ by: 'reaction', limit: 10 }), actor, { eventIds });
    expect(repeat.streamVersion).toBe(1);
    const next = await runner.run('counter-6', counter, () => ({ by: 'clerk', limit: 10 }), actor);
    expect(next.streamVersion).toBe(2);
    expect((next.events[0].data as Taken['data']).number).toBe(2);
  });

  it('given commands on different streams, when they run at once, then none waits for another: their appends are in flight together', async () => {
    const trace: string[] = [];
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      trace.push(`append ${streamId}`);
      const result = await append(streamId, events, expected);
      trace.push(`appended ${streamId}`);
      return result;
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => runner.run(`counter-4-${i}`, counter, () => ({ by: 'clerk', limit: 1 }), actor)));
    expect(trace.slice(0, 8).every((t) => t.startsWith('append '))).toBe(true);
    expect(await store.headPosition()).toBe(8);
  });
});
