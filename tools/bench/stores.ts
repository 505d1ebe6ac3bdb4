// Child of `npm run bench`: append and read throughput of one store, ours or Emmett's, on SQLite
// or PostgreSQL. Each run starts from an empty store (a new file, or a new schema dropped after).
// Usage: node tools/scripts/run-ts.js tools/bench/stores.ts --impl ours|emmett --db sqlite|postgres --appends N --runs R
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@bj/event-store';
import { benchData, benchEvent, benchMetadata } from './payload';
import { dumbo, emmettPostgres, emmettSqlite, type EmmettStore } from './peer';
import { PG_URL, SCRATCH, createSchema, dropSchema, freshSchema, median, option, report, wholeNumberOption } from './support';

const WRITERS = 8;
const READ_BATCH = 2000;
const STREAM_LENGTH = 20;

/** What every measured store offers the benchmark: one event per append, at the version read. */
interface BenchStore {
  append(streamId: string, version: number, i: number): Promise<void>;
  /** Reads the whole log in batches; returns how many events. */
  readAll(): Promise<number>;
  readStream(streamId: string): Promise<number>;
  /** Opens what the reads go through, before they are timed. */
  openReads?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Ours: the appends go through one store; the reads through a second one opened on the same
 * file or schema, as another process or a restart reads the log. (The writer's own store would
 * serve the newest events from its window of recent events, which measures memory, not the
 * database.)
 */
function ours(store: EventStore, openReader: () => Promise<EventStore>, cleanup: () => Promise<void>): BenchStore {
  let reader: EventStore | undefined;
  const read = async () => (reader ??= await openReader());
  return {
    async append(streamId, version, i) {
      await store.append(streamId, [benchEvent(i)], version);
    },
    async openReads() {
      await (await read()).headPosition();
    },
    async readAll() {
      const from = await read();
      let after = 0;
      let count = 0;
      for (;;) {
        const batch = await from.readAll({ after, limit: READ_BATCH });
        count += batch.length;
        if (batch.length < READ_BATCH) return count;
        after = batch[batch.length - 1].globalPosition;
      }
    },
    async readStream(streamId) {
      return (await (await read()).readStream(streamId)).length;
    },
    async close() {
      await reader?.close();
      await store.close();
      await cleanup();
    },
  };
}

function emmettAppend(store: EmmettStore) {
  return async (streamId: string, version: number, i: number) => {
    await store.appendToStream(streamId, [{ type: 'DeclarationRecommended', data: benchData(i), metadata: benchMetadata(i) }], { expectedStreamVersion: BigInt(version) });
  };
}

function emmett(store: EmmettStore, readBatch: (after: bigint) => Promise<{ messages: unknown[]; currentGlobalPosition: bigint }>, cleanup: () => Promise<void>): BenchStore {
  return {
    append: emmettAppend(store),
    async readAll() {
      let after = 0n;
      let count = 0;
      for (;;) {
        const batch = await readBatch(after);
        count += batch.messages.length;
        if (batch.messages.length < READ_BATCH) return count;
        after = batch.currentGlobalPosition;
      }
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).events.length;
    },
    async close() {
      await cleanup();
    },
  };
}

async function openStore(impl: string, db: string, run: number): Promise<BenchStore> {
  if (db === 'sqlite') {
    const dir = join(SCRATCH, `stores-${impl}-${process.pid}-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'events.sqlite');
    const removeDir = async () => rmSync(dir, { recursive: true, force: true });
    if (impl === 'ours') return ours(new SqliteEventStore(file), async () => new SqliteEventStore(file), removeDir);
    const peer = emmettSqlite();
    // One shared connection. Emmett's default (a new connection per call, no busy timeout) fails
    // with SQLITE_BUSY as soon as two writers overlap. On a shared connection Emmett nests every
    // transaction begun while one is open into it, so concurrent writers' appends commit together
    // (one fsync for several appends, and a failure rolls back the others'): its 8-writer figure
    // is group commit, not one durable commit per append as ours.
    const connection = peer.sqliteConnection({ fileName: file });
    const store = peer.getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
    return emmett(store, (after) => peer.readMessagesBatch(connection, { after, batchSize: READ_BATCH }), async () => {
      connection.close();
      await removeDir();
    });
  }
  const schema = freshSchema(`bench_${impl}`);
  if (impl === 'ours') {
    const store = await PostgresEventStore.open({ connectionString: PG_URL, schema, maxConnections: WRITERS + 2 });
    return ours(store, () => PostgresEventStore.open({ connectionString: PG_URL, schema, maxConnections: 2 }), () => dropSchema(schema));
  }
  await createSchema(schema);
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const store = emmettPostgres().getPostgreSQLEventStore(url);
  const pool = dumbo().dumbo({ connectionString: url });
  return emmett(store, (after) => emmettPostgres().readMessagesBatch(pool.execute, { after, batchSize: READ_BATCH }), async () => {
    await pool.close();
    await store.close();
    await dropSchema(schema);
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function oneRun(impl: string, db: string, appends: number, run: number) {
  const store = await openStore(impl, db, run);
  try {
    await store.append('warm-up', 0, 0); // creates the schema (Emmett migrates on first use) and prepares statements
    const singleSeconds = await timed(async () => {
      for (let v = 0; v < appends; v++) await store.append('single-writer', v, v);
    });
    const perWriter = Math.ceil(appends / WRITERS);
    const concurrentSeconds = await timed(() =>
      Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let v = 0; v < perWriter; v++) await store.append(`writer-${w}`, v, w * perWriter + v);
        }),
      ),
    );
    for (let v = 0; v < STREAM_LENGTH; v++) await store.append('aggregate', v, v);
    let total = 0;
    await store.openReads?.();
    const readAllSeconds = await timed(async () => {
      total = await store.readAll();
    });
    const streamReads = Math.max(200, Math.floor(appends / 2));
    const readStreamSeconds = await timed(async () => {
      for (let r = 0; r < streamReads; r++) {
        const n = await store.readStream('aggregate');
        if (n !== STREAM_LENGTH) throw new Error(`read ${n} events of the stream, expected ${STREAM_LENGTH}`);
      }
    });
    return {
      singleWriterAppendsPerSecond: appends / singleSeconds,
      concurrentAppendsPerSecond: (perWriter * WRITERS) / concurrentSeconds,
      readAllEventsPerSecond: total / readAllSeconds,
      readAllEvents: total,
      readStreamPerSecond: streamReads / readStreamSeconds,
    };
  } finally {
    await store.close();
  }
}

async function main() {
  const impl = option('impl', 'ours');
  const db = option('db', 'sqlite');
  if (!['ours', 'emmett'].includes(impl)) throw new Error(`--impl must be ours or emmett, got "${impl}"`);
  if (!['sqlite', 'postgres'].includes(db)) throw new Error(`--db must be sqlite or postgres, got "${db}"`);
  const appends = wholeNumberOption('appends', 1000);
  const runs = wholeNumberOption('runs', 3);
  const results: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let run = 0; run < runs; run++) {
    const r = await oneRun(impl, db, appends, run);
    process.stdout.write(`${impl}/${db} run ${run + 1}: ${r.singleWriterAppendsPerSecond.toFixed(0)} appends/s single, ${r.concurrentAppendsPerSecond.toFixed(0)} appends/s x${WRITERS}, ${r.readAllEventsPerSecond.toFixed(0)} events/s read all, ${r.readStreamPerSecond.toFixed(0)} stream reads/s\n`);
    results.push(r);
  }
  const med = (key: keyof (typeof results)[number]) => median(results.map((r) => r[key]));
  report({
    impl,
    db,
    appends,
    runs,
    writers: WRITERS,
    streamLength: STREAM_LENGTH,
    singleWriterAppendsPerSecond: med('singleWriterAppendsPerSecond'),
    concurrentAppendsPerSecond: med('concurrentAppendsPerSecond'),
    readAllEventsPerSecond: med('readAllEventsPerSecond'),
    readAllEvents: med('readAllEvents'),
    readStreamPerSecond: med('readStreamPerSecond'),
    samples: results,
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
