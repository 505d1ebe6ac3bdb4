import { SqliteEventStore, type EventStore, type NewEvent, type ProjectedEvent, type ReadAllOptions } from '@bj/event-store';
import { Logger } from '@nestjs/common';
import { ProjectionHost, type Projection } from './projection-host';

let n = 0;
const newEvent = (type: string): NewEvent => ({
  eventId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actorId: 'test', actorRole: 'SYSTEM', correlationId: 'c', occurredAt: '2026-06-10T01:00:00Z' },
});

/** A projection that records the events it was given. */
class Recorder implements Projection {
  readonly seen: string[] = [];
  constructor(
    readonly name: string,
    readonly eventTypes?: readonly string[],
  ) {}
  apply(event: ProjectedEvent): void {
    this.seen.push(`${event.globalPosition}:${event.type}`);
  }
}

/** A read of the log: which one (readAll, or readProjected for the read models) and its options. */
type Read = { readonly method: 'readAll' | 'readProjected' } & ReadAllOptions;

/** The store, recording every read of the log. */
function recordingReads(store: EventStore): { store: EventStore; reads: Read[] } {
  const reads: Read[] = [];
  return {
    reads,
    store: new Proxy(store, {
      get(target, key) {
        if (key === 'readAll' || key === 'readProjected') return (options?: ReadAllOptions) => (reads.push({ method: key, ...options }), target[key](options));
        const member = Reflect.get(target, key) as unknown;
        return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
      },
    }),
  };
}

describe('ProjectionHost: what each projection is given', () => {
  let store: SqliteEventStore;
  let host: ProjectionHost | undefined;

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    await store.append('s-1', [newEvent('Opened'), newEvent('BallotCast'), newEvent('Closed')], 0);
    await store.append('s-2', [newEvent('Opened'), newEvent('BallotCast')], 0); // the log ends with a type nobody reads
  });

  afterEach(async () => {
    host?.beforeApplicationShutdown();
    await store.close();
  });

  it('given projections that name their types, when the host starts, then each gets only its types and the rebuild reads only those', async () => {
    const { store: reading, reads } = recordingReads(store);
    host = new ProjectionHost(reading);
    const opened = new Recorder('opened', ['Opened']);
    const both = new Recorder('both', ['Opened', 'Closed']);
    host.register(opened);
    host.register(both);
    await host.start(60_000);
    expect(opened.seen).toEqual(['1:Opened', '4:Opened']);
    expect(both.seen).toEqual(['1:Opened', '3:Closed', '4:Opened']);
    // the rebuild reads for the read models (no hash chain), only their types, up to the head at the start
    expect(reads[0]).toEqual({ method: 'readProjected', after: 0, limit: 2000, upTo: 5, types: ['Closed', 'Opened'] });
    // the rebuild has passed the ballots at the end of the log: waiting for the head does not hang
    expect(host.handledPosition).toBe(5);
    await expect(host.waitFor(5)).resolves.toBeUndefined();
  });

  it('given a projection that reads every event, when the host starts, then the rebuild reads the whole log and the others still get only their types', async () => {
    const { store: reading, reads } = recordingReads(store);
    host = new ProjectionHost(reading);
    const everything = new Recorder('everything');
    const closed = new Recorder('closed', ['Closed']);
    host.register(everything);
    host.register(closed);
    await host.start(60_000);
    expect(everything.seen).toEqual(['1:Opened', '2:BallotCast', '3:Closed', '4:Opened', '5:BallotCast']);
    expect(closed.seen).toEqual(['3:Closed']);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((options) => options.types === undefined)).toBe(true);
  });

  it('given a started host, when events are appended, then each projection gets the new events of its types, in order', async () => {
    host = new ProjectionHost(store);
    const closed = new Recorder('closed', ['Closed']);
    host.register(closed);
    await host.start(60_000);
    const appended = await store.append('s-2', [newEvent('BallotCast'), newEvent('Closed')], 2);
    await host.waitFor(appended.globalPosition);
    expect(closed.seen).toEqual(['3:Closed', '7:Closed']);
    expect(host.handledPosition).toBe(7);
  });

  it('given a read of the log that fails once, when the host catches up, then it logs the failure, reads again at the next poll and ends no process', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      host = new ProjectionHost(store);
      const closed = new Recorder('closed', ['Closed']);
      host.register(closed);
      await host.start(20);
      jest.spyOn(store, 'readAll').mockRejectedValueOnce(new Error('database unreachable'));

      const appended = await store.append('s-2', [newEvent('Closed')], 2);
      await host.waitFor(appended.globalPosition);
      await new Promise((resolve) => setImmediate(resolve));

      expect(closed.seen).toEqual(['3:Closed', '6:Closed']);
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^Reading the log after event 5 failed, read again at the next append or poll: database unreachable$/));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      errors.mockRestore();
    }
  });

  it('refuses a projection registered after the start', async () => {
    host = new ProjectionHost(store);
    await host.start(60_000);
    expect(() => host?.register(new Recorder('late'))).toThrow(/registered after the host started/);
  });
});
