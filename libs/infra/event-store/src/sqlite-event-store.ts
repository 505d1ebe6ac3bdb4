import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventStoreArgumentError, WrongExpectedVersionError } from './errors';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ProjectedEvent,
  ReadAllOptions,
  StoredEvent,
} from './event-store.port';
import { GENESIS_HASH } from './hash-chain';
import { RecentEvents } from './recent-events';
import {
  AppendNotifier,
  type AppendOutcome,
  type EventRecord,
  type EventRow,
  type PreparedEvent,
  type QueuedAppend,
  allRange,
  isFilteredRead,
  chainEvents,
  checkCheckpointArgs,
  idempotentResult,
  prepareAppend,
  streamRange,
  toStoredEvent,
  versionMatches,
} from './store-support';

export interface SqliteEventStoreOptions {
  /** Store clock for `recordedAt` (ISO instant). Default: the system clock. */
  readonly now?: () => string;
  /** How long a writer waits for another process's write lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  event_id        TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  stream_version  INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  prev_hash       TEXT    NOT NULL,
  hash            TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  name       TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
);
`;

const COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

/** What one append of a group did: its outcome and the rows it wrote, or its error. */
type GroupOutcome = { readonly outcome: AppendOutcome; readonly rows: readonly EventRow[] } | { readonly error: unknown };

/**
 * The event store in one SQLite file (WAL, synchronous=FULL). Appends run in an IMMEDIATE
 * transaction, so writers, in this process or others on the same file, are serialized and
 * global positions are committed in order. Data and metadata are stored as canonical JSON text.
 *
 * Group commit: appends that arrive while one is being prepared (concurrent requests) are
 * committed together in one transaction — one fsync for all — each inside its own savepoint,
 * so a refused append (wrong version) rolls back alone and the others still commit. Durability
 * is unchanged: no caller hears of success before the commit that holds its events.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly now: () => string;
  private readonly notifier = new AppendNotifier();
  /** The newest committed events, for the readers that follow the head (see RecentEvents). */
  private readonly recent = new RecentEvents();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, prepared: readonly PreparedEvent[], expectedVersion: ExpectedVersion) => { outcome: AppendOutcome; rows: readonly EventRow[] }
  >;
  private readonly groupTransaction: Database.Transaction<(group: readonly QueuedAppend[]) => GroupOutcome[]>;
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  /** The log's head while a group's transaction runs (see groupHead). */
  private head: { globalPosition: number; hash: string } | undefined;

  /** Opens (creating if needed) the store at `filename`, or an in-memory store for ':memory:'. */
  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    if (typeof filename !== 'string' || filename.length === 0) {
      throw new EventStoreArgumentError([{ path: 'filename', message: "must be a file path or ':memory:'" }]);
    }
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.db = new Database(filename, { timeout: options.busyTimeoutMs ?? 5000 });
    this.now = options.now ?? (() => new Date().toISOString());
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
    this.appendTransaction = this.db.transaction(
      (streamId: string, prepared: readonly PreparedEvent[], expectedVersion: ExpectedVersion): { outcome: AppendOutcome; rows: readonly EventRow[] } => {
        const streamVersion = this.statements.streamVersion.get(streamId) ?? 0;
        if (!versionMatches(expectedVersion, streamVersion)) {
          // a retry of a stored append is answered even at the version it was first made at
          const stored = this.storedAppend(streamId, prepared);
          if (stored) return answeredRetry(stored);
          throw new WrongExpectedVersionError(streamId, expectedVersion as number, streamVersion);
        }
        const rows = chainEvents(streamId, prepared, { streamVersion, ...this.groupHead() }, this.now());
        for (const { event, dataJson, metadataJson } of rows) {
          this.statements.insert.run({
            globalPosition: event.globalPosition,
            eventId: event.eventId,
            streamId,
            streamVersion: event.streamVersion,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: dataJson,
            metadata: metadataJson,
            recordedAt: event.recordedAt,
            prevHash: event.prevHash,
            hash: event.hash,
          });
        }
        const last = rows[rows.length - 1].event;
        return {
          outcome: {
            result: { streamVersion: last.streamVersion, globalPosition: last.globalPosition, events: rows.map((r) => r.event) },
            appended: true,
          },
          rows,
        };
      },
    );
    // nested in this transaction, each append runs in a savepoint (better-sqlite3 nests them)
    this.groupTransaction = this.db.transaction((group: readonly QueuedAppend[]) => {
      this.head = undefined; // read once a group: no other writer moves it while the group holds the lock
      return group.map((item): GroupOutcome => {
        try {
          const done = this.appendTransaction(item.streamId, item.prepared, item.expectedVersion);
          const last = done.rows[done.rows.length - 1]?.event;
          if (last) this.head = { globalPosition: last.globalPosition, hash: last.hash };
          return done;
        } catch (error) {
          return isEventIdTaken(error) ? this.retryOutcome(item, error) : { error };
        }
      });
    });
  }

  /** An append whose event id is stored already (its savepoint rolled back): a retry's answer, or its refusal. */
  private retryOutcome(item: QueuedAppend, error: unknown): GroupOutcome {
    try {
      const stored = this.storedAppend(item.streamId, item.prepared);
      return stored ? answeredRetry(stored) : { error };
    } catch (conflict) {
      return { error: conflict };
    }
  }

  /** The log's head inside the group's transaction: read for its first append, then carried from append to append. */
  private groupHead(): { globalPosition: number; hash: string } {
    if (!this.head) {
      const row = this.statements.head.get();
      this.head = { globalPosition: row?.global_position ?? 0, hash: row?.hash ?? GENESIS_HASH };
    }
    return this.head;
  }

  /**
   * The stored append these events repeat (same event ids, same stream), undefined when none of
   * them is stored; IdempotencyConflictError when only some are, or on another stream. Looked up
   * only when the version or the event id's unique index refuses the append, so a new append
   * runs no lookup.
   */
  private storedAppend(streamId: string, prepared: readonly PreparedEvent[]): AppendResult | undefined {
    const found = prepared.map((p) => this.statements.byEventId.get(p.eventId)).filter((row): row is EventRecord => row !== undefined);
    return found.length > 0 ? idempotentResult(streamId, prepared, found) : undefined;
  }

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedVersion);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, prepared, expectedVersion, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append in one IMMEDIATE transaction, each in its own savepoint. */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: GroupOutcome[];
    try {
      outcomes = this.groupTransaction.immediate(group);
    } catch (error) {
      for (const item of group) item.reject(error); // the commit itself failed: nothing was stored
      return;
    }
    // committed: the group's rows, in position order, join the window of recent events
    for (const outcome of outcomes) if ('rows' in outcome) this.recent.add(outcome.rows);
    let last = 0;
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) return item.reject(outcome.error);
      if (outcome.outcome.appended) last = Math.max(last, outcome.outcome.result.globalPosition);
      item.resolve(outcome.outcome.result);
    });
    if (last > 0) this.notifier.notify(last);
  }

  async readStream(streamId: string, options?: { fromVersion?: number; toVersion?: number }): Promise<StoredEvent[]> {
    const [from, to] = streamRange(options);
    return this.statements.readStream.all(streamId, from, to).map(toStoredEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    const [after, limit] = allRange(options);
    if (isFilteredRead(options)) {
      const upTo = options?.upTo ?? Number.MAX_SAFE_INTEGER;
      const rows = options?.types
        ? this.statements.readAllOfTypes.all(after, upTo, JSON.stringify(options.types), limit ?? -1)
        : this.statements.readAllUpTo.all(after, upTo, limit ?? -1);
      return rows.map(fromColumns);
    }
    return this.recent.readAll(after, limit, (from, n) => this.statements.readAll.all(from, n ?? -1).map(fromColumns));
  }

  async readProjected(options?: ReadAllOptions): Promise<ProjectedEvent[]> {
    if (!isFilteredRead(options)) return this.readAll(options); // the head's window holds them already
    const [after, limit] = allRange(options);
    const upTo = options?.upTo ?? Number.MAX_SAFE_INTEGER;
    const rows = options?.types
      ? this.statements.projectedOfTypes.all(after, upTo, JSON.stringify(options.types), limit ?? -1)
      : this.statements.projectedUpTo.all(after, upTo, limit ?? -1);
    return rows.map(fromProjectedColumns);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get() ?? 0;
  }

  async loadCheckpoint(name: string): Promise<number> {
    checkCheckpointArgs(name);
    return this.statements.loadCheckpoint.get(name) ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    checkCheckpointArgs(name, position);
    this.statements.saveCheckpoint.run(name, position, this.now());
  }

  onAppended(listener: (globalPosition: number) => void): () => void {
    return this.notifier.subscribe(listener);
  }

  async close(): Promise<void> {
    this.notifier.clear();
    this.recent.clear();
    if (this.db.open) this.db.close();
  }
}

/** A retry's outcome: the stored append's result, nothing written. */
function answeredRetry(result: AppendResult): { outcome: AppendOutcome; rows: readonly EventRow[] } {
  return { outcome: { result, appended: false }, rows: [] };
}

/**
 * Whether an insert was refused because its event id is stored already (the column's unique
 * index). Read from the error's code and message, not `instanceof SqliteError`: the driver's
 * native part keeps the error class of the first copy of the module loaded in the process, so a
 * second copy (a test runner's module registry) would not recognise its own errors.
 */
function isEventIdTaken(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

/** A row of COLUMNS as an array, in their order. */
type EventRecordColumns = [number, string, string, number, string, number, string, string, string, string, string];

function fromColumns(c: EventRecordColumns): StoredEvent {
  return {
    eventId: c[1],
    streamId: c[2],
    streamVersion: c[3],
    globalPosition: c[0],
    type: c[4],
    schemaVersion: c[5],
    data: JSON.parse(c[6]),
    metadata: JSON.parse(c[7]),
    recordedAt: c[8],
    prevHash: c[9],
    hash: c[10],
  };
}

/** The columns a projection reads (ProjectedEvent), in this order. */
const PROJECTED_COLUMNS = 'global_position, stream_id, stream_version, type, schema_version, data, metadata';
type ProjectedColumns = [number, string, number, string, number, string, string];

function fromProjectedColumns(c: ProjectedColumns): ProjectedEvent {
  return {
    streamId: c[1],
    streamVersion: c[2],
    globalPosition: c[0],
    type: c[3],
    schemaVersion: c[4],
    data: JSON.parse(c[5]),
    metadata: JSON.parse(c[6]),
  };
}

function prepareStatements(db: Database.Database) {
return {
    head: db.prepare<[], { global_position: number; hash: string }>(
      'SELECT global_position, hash FROM events ORDER BY global_position DESC LIMIT 1',
    ),
    streamVersion: db
      .prepare<[string], number>('SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ?')
      .pluck(),
    byEventId: db.prepare<[string], EventRecord>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
    insert: db.prepare(
      `INSERT INTO events (${COLUMNS}) VALUES (@globalPosition, @eventId, @streamId, @streamVersion, @type, @schemaVersion, @data, @metadata, @recordedAt, @prevHash, @hash)`,
    ),
    readStream: db.prepare<[string, number, number], EventRecord>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version`,
    ),
    // rows as arrays: a replay reads every row, and named row objects cost 15 % of the read
    readAll: db
      .prepare<[number, number], EventRecordColumns>(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`)
      .raw(true),
    readAllUpTo: db
      .prepare<[number, number, number], EventRecordColumns>(`SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`)
      .raw(true),
    // the types as a JSON array: the rows of other types are skipped before their data is read
    readAllOfTypes: db
      .prepare<[number, number, string, number], EventRecordColumns>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY global_position LIMIT ?`,
      )
      .raw(true),
    projectedUpTo: db
      .prepare<[number, number, number], ProjectedColumns>(`SELECT ${PROJECTED_COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`)
      .raw(true),
    projectedOfTypes: db
      .prepare<[number, number, string, number], ProjectedColumns>(
        `SELECT ${PROJECTED_COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY global_position LIMIT ?`,
      )
      .raw(true),
    headPosition: db.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck(),
    loadCheckpoint: db.prepare<[string], number>('SELECT position FROM checkpoints WHERE name = ?').pluck(),
    saveCheckpoint: db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  };
}
