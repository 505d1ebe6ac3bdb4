import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { describeEventStoreContract } from './contract';
import type { NewEvent } from './event-store.port';
import { WrongExpectedVersionError } from './errors';
import { computeEventHash, verifyHashChain } from './hash-chain';
import { PostgresEventStore } from './postgres-event-store';
import { usePostgresTestSchemas } from './testing/postgres-schemas';

const schemas = usePostgresTestSchemas('es');
const { connectionString, admin } = schemas;
const nextSchema = schemas.next;
const dropSchema = schemas.drop;

describeEventStoreContract('PostgresEventStore', async () => {
  const schema = nextSchema();
  return {
    open: (options) => PostgresEventStore.open({ connectionString, schema, maxConnections: 10, now: options?.now }),
    dispose: () => dropSchema(schema),
  };
});

describe('PostgresEventStore ordering and setup', () => {
  let schema: string;
  const stores: PostgresEventStore[] = [];
  beforeEach(() => {
    schema = nextSchema();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await dropSchema(schema);
  });
  const open = async (): Promise<PostgresEventStore> => {
    const store = await PostgresEventStore.open({ connectionString, schema, maxConnections: 8 });
    stores.push(store);
    return store;
  };

  it('never lets readAll see position N+1 before N while 8 streams are appended concurrently', async () => {
    const writer = await open();
    const reader = await open();
    const streams = Array.from({ length: 8 }, (_, i) => `stream-${i}`);
    const perStream = 25;
    let writing = true;
    const writers = Promise.all(
      streams.map(async (stream) => {
        for (let i = 0; i < perStream; i++) {
          const batch: NewEvent[] = [event(stream, i)];
          if (i % 5 === 0) batch.push(event(stream, i + 0.5));
          await writer.append(stream, batch, 'any');
        }
      }),
    ).finally(() => {
      writing = false;
    });

    const expectedTotal = streams.length * (perStream + perStream / 5);
    let seen = 0;
    let nonEmptyReadsWhileWriting = 0;
    for (;;) {
      const stillWriting = writing;
      const batch = await reader.readAll({ after: seen });
      batch.forEach((e, i) => expect(e.globalPosition).toBe(seen + i + 1));
      if (batch.length > 0 && stillWriting) nonEmptyReadsWhileWriting++;
      seen += batch.length;
      if (!stillWriting && seen === expectedTotal) break;
      if (!stillWriting && batch.length === 0) throw new Error(`reader stopped at ${seen} of ${expectedTotal}`);
    }
    await writers;

    expect(nonEmptyReadsWhileWriting).toBeGreaterThan(1);
    expect(await reader.headPosition()).toBe(expectedTotal);
    expect(verifyHashChain(await reader.readAll())).toBeNull();
  }, 60_000);

  it('hashes in the server exactly as computeEventHash does, whatever the characters', async () => {
    const store = await open();
    const tricky = '引号"反斜杠\\ 换行\n 制表\t 控制\u0001\u001f 删除\u007f 表情😀 分隔\u2028 ü';
    const event: NewEvent = {
      eventId: uuidv7(),
      type: `Type "${tricky}"`,
      schemaVersion: 3,
      data: { text: tricky, nested: { list: [1, -2.5, 1e21, true, null, tricky] }, 'key "with" quotes': tricky },
      metadata: { actorId: tricky, actorRole: 'APPLICANT', correlationId: 'c', occurredAt: '2026-06-10T01:00:00.000Z' },
    };
    const [appended] = (await store.append(`stream ${tricky}`, [event], 0)).events;
    expect(appended.hash).toBe(computeEventHash(appended));
    const [read] = await store.readAll();
    expect(read).toEqual(appended);
    expect(computeEventHash(read)).toBe(read.hash);
  });

  it('commits the appends that wait for one in flight together, each with its own outcome', async () => {
    const pool = new Pool({ connectionString, max: 4 });
    // the size of each group sent (append_group's first argument: one stream per append)
    const groups: number[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      const config = args[0] as { name?: string; values?: unknown[][] };
      if (config?.name?.endsWith('_append_group')) groups.push(config.values?.[0]?.length ?? 0);
      return query(...args);
    }) as never);
    const store = await PostgresEventStore.open({ pool, schema });
    try {
      await store.append('taken', [event('taken', 0)], 0);
      groups.length = 0;
      const tricky = '引号"反斜杠\\ 换行\n 控制\u0001 表情😀 分隔\u2028';
      const first = [event('a', 1)];
      const outcomes = await Promise.allSettled([
        store.append('in-flight', [event('in-flight', 0)], 0),
        store.append('a', first, 0),
        store.append('taken', [event('taken', 1)], 0), // wrong version: refused alone
        store.append(`b ${tricky}`, [{ ...event('b', 2), type: `T ${tricky}`, data: { text: tricky } }], 0),
        store.append('a', first, 0), // a retry of the append two before: answered with what was stored
      ]);
      // the first went alone; the four that waited for it went together
      expect(groups).toEqual([1, 4]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      const [, a, , b, retry] = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
      expect(retry?.events).toEqual(a?.events);
      expect(b?.events[0].hash).toBe(computeEventHash(b!.events[0]));
      const log = await store.readAll();
      expect(log.map((e) => e.streamId)).toEqual(['taken', 'in-flight', 'a', `b ${tricky}`]);
      expect(verifyHashChain(log)).toBeNull();
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('creates its schema idempotently, also when two stores initialise it at once', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await a.init();
    await a.append('s', [event('s', 1)], 0);
    expect(await b.headPosition()).toBe(1);
    const { rows } = await admin.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual(['checkpoints', 'events', 'log_head']);
  });

  it('uses a pool it is given without ending it on close', async () => {
    const pool = new Pool({ connectionString, max: 2 });
    try {
      const store = await PostgresEventStore.open({ pool, schema });
      await store.append('s', [event('s', 1)], 0);
      await store.close();
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
      expect(rows[0].n).toBe(1);
    } finally {
      await pool.end();
    }
  });

  // The append's version lookup used to be max(stream_version), whose plan, cached by the
  // connection while the table was empty, aggregated over every event of the stream: an append
  // took longer as its stream grew. Counted, not timed: the index entries the lookups read.
  it("reads one index entry for a stream's version however long the stream, with plans cached while the table was empty", async () => {
    const pool = new Pool({ connectionString, max: 1 }); // one backend: its statistics can be flushed on demand
    const store = await PostgresEventStore.open({ pool, schema });
    const entriesRead = async (): Promise<number> => {
      await pool.query('SELECT pg_stat_force_next_flush()'); // flushed when this backend goes idle after it
      await pool.query('SELECT 1');
      const { rows } = await admin.query(
        `SELECT idx_tup_read::int AS n FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = 'events_stream_id_stream_version_key'`,
        [schema],
      );
      return rows[0].n;
    };
    try {
      let version = 0;
      for (; version < 300; version++) await store.append('long', [event('long', version)], version);
      const before = await entriesRead();
      for (; version < 350; version++) await store.append('long', [event('long', version)], version);
      const perAppend = ((await entriesRead()) - before) / 50;
      expect(perAppend).toBeLessThanOrEqual(2);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => new PostgresEventStore({ connectionString, schema: 'bad"; DROP' })).toThrow(/schema/);
  });
});

function event(stream: string, n: number): NewEvent {
  return {
    eventId: uuidv7(),
    type: 'Scored',
    schemaVersion: 1,
    data: { stream, n },
    metadata: { actorId: 'expert-1', actorRole: 'EXPERT', correlationId: uuidv7(), occurredAt: '2026-03-01T08:00:00.000Z' },
  };
}
