import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { Pool, escapeIdentifier } from 'pg';

/** One stored row exactly as the table holds it: data and metadata as their stored text. */
export interface RawEventRow {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The identity columns of a row, for the per-stream and per-eventId passes. */
export interface RowKey {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
}

/**
 * Read access to the store's tables for the auditor, bypassing the store's own code (which
 * assumes the constraints hold). Every read is a keyset page, so a walk needs constant memory.
 */
export interface AuditLogSource {
  /** e.g. `sqlite:/data/events.sqlite` or `postgres:event_store`. */
  readonly description: string;
  /** Rows with position > `after`, by position. */
  rowsByPosition(after: number, limit: number): Promise<RawEventRow[]>;
  /** Keys ordered by (streamId, streamVersion, globalPosition), strictly after `after`. */
  keysByStream(after: RowKey | null, limit: number): Promise<RowKey[]>;
  /** Keys ordered by (eventId, globalPosition), strictly after `after`. */
  keysByEventId(after: RowKey | null, limit: number): Promise<RowKey[]>;
  /** The head the store keeps apart from the rows (PostgreSQL `log_head`), or null when it keeps none. */
  recordedHead(): Promise<{ position: number; hash: string } | null>;
  /** The highest global position stored (0: empty). */
  maxPosition(): Promise<number>;
  close(): Promise<void>;
}

interface Row {
  global_position: number | string;
  event_id: string;
  stream_id: string;
  stream_version: number | string;
  type: string;
  schema_version: number | string;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}
type KeyRow = Pick<Row, 'global_position' | 'event_id' | 'stream_id' | 'stream_version'>;

const COLUMNS = 'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const KEY_COLUMNS = 'global_position, event_id, stream_id, stream_version';

const toRaw = (r: Row): RawEventRow => ({
  globalPosition: Number(r.global_position),
  eventId: r.event_id,
  streamId: r.stream_id,
  streamVersion: Number(r.stream_version),
  type: r.type,
  schemaVersion: Number(r.schema_version),
  dataText: r.data,
  metadataText: r.metadata,
  recordedAt: r.recorded_at,
  prevHash: r.prev_hash,
  hash: r.hash,
});
const toKey = (r: KeyRow): RowKey => ({ globalPosition: Number(r.global_position), eventId: r.event_id, streamId: r.stream_id, streamVersion: Number(r.stream_version) });

export class AuditSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSourceError';
  }
}

/** The embedded store's SQLite file, opened read-only. */
export class SqliteAuditLogSource implements AuditLogSource {
  readonly description: string;
  private readonly db: Database.Database;

  constructor(file: string) {
    if (!existsSync(file)) throw new AuditSourceError(`${file}: no event store there (expected the SQLite file events.sqlite)`);
    this.description = `sqlite:${file}`;
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    const table = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!table) {
      this.db.close();
      throw new AuditSourceError(`${file}: not an event store (it has no events table)`);
    }
  }

  async rowsByPosition(after: number, limit: number): Promise<RawEventRow[]> {
    return this.db.prepare<[number, number], Row>(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`).all(after, limit).map(toRaw);
  }

  async keysByStream(after: RowKey | null, limit: number): Promise<RowKey[]> {
    const rows = after
      ? this.db
          .prepare<[string, number, number, number], KeyRow>(`SELECT ${KEY_COLUMNS} FROM events WHERE (stream_id, stream_version, global_position) > (?, ?, ?) ORDER BY stream_id, stream_version, global_position LIMIT ?`)
          .all(after.streamId, after.streamVersion, after.globalPosition, limit)
      : this.db.prepare<[number], KeyRow>(`SELECT ${KEY_COLUMNS} FROM events ORDER BY stream_id, stream_version, global_position LIMIT ?`).all(limit);
    return rows.map(toKey);
  }

  async keysByEventId(after: RowKey | null, limit: number): Promise<RowKey[]> {
    const rows = after
      ? this.db
          .prepare<[string, number, number], KeyRow>(`SELECT ${KEY_COLUMNS} FROM events WHERE (event_id, global_position) > (?, ?) ORDER BY event_id, global_position LIMIT ?`)
          .all(after.eventId, after.globalPosition, limit)
      : this.db.prepare<[number], KeyRow>(`SELECT ${KEY_COLUMNS} FROM events ORDER BY event_id, global_position LIMIT ?`).all(limit);
    return rows.map(toKey);
  }

  async recordedHead(): Promise<null> {
    return null;
  }

  async maxPosition(): Promise<number> {
    return this.db.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck().get() ?? 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The PostgreSQL store's schema (`events`, `log_head`), read with plain SQL. */
export class PostgresAuditLogSource implements AuditLogSource {
  readonly description: string;
  private readonly s: string;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    schema: string,
  ) {
    this.description = `postgres:${schema}`;
    this.s = escapeIdentifier(schema);
  }

  /** Opens the schema; fails with a clear message when PostgreSQL is unreachable or the schema holds no store. */
  static async open(options: { connectionString?: string; pool?: Pool; schema: string }): Promise<PostgresAuditLogSource> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new AuditSourceError(`schema: "${options.schema}" must be lower-case letters, digits and underscores`);
    const pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: 2 });
    if (!options.pool) pool.on('error', () => undefined);
    const source = new PostgresAuditLogSource(pool, !options.pool, options.schema);
    try {
      const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`${escapeIdentifier(options.schema)}.events`]);
      if (!rows[0]?.found) throw new AuditSourceError(`schema ${options.schema} holds no event store (no table events)`);
    } catch (e) {
      await source.close();
      if (e instanceof AuditSourceError) throw e;
      throw new AuditSourceError(`PostgreSQL is unreachable (${(e as Error).message})`);
    }
    return source;
  }

  async rowsByPosition(after: number, limit: number): Promise<RawEventRow[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.s}.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`, [after, limit]);
    return rows.map(toRaw);
  }

  async keysByStream(after: RowKey | null, limit: number): Promise<RowKey[]> {
    const { rows } = after
      ? await this.pool.query<KeyRow>(
          `SELECT ${KEY_COLUMNS} FROM ${this.s}.events WHERE (stream_id COLLATE "C", stream_version, global_position) > ($1 COLLATE "C", $2, $3) ORDER BY stream_id COLLATE "C", stream_version, global_position LIMIT $4`,
          [after.streamId, after.streamVersion, after.globalPosition, limit],
        )
      : await this.pool.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM ${this.s}.events ORDER BY stream_id COLLATE "C", stream_version, global_position LIMIT $1`, [limit]);
    return rows.map(toKey);
  }

  async keysByEventId(after: RowKey | null, limit: number): Promise<RowKey[]> {
    const { rows } = after
      ? await this.pool.query<KeyRow>(
          `SELECT ${KEY_COLUMNS} FROM ${this.s}.events WHERE (event_id COLLATE "C", global_position) > ($1 COLLATE "C", $2) ORDER BY event_id COLLATE "C", global_position LIMIT $3`,
          [after.eventId, after.globalPosition, limit],
        )
      : await this.pool.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM ${this.s}.events ORDER BY event_id COLLATE "C", global_position LIMIT $1`, [limit]);
    return rows.map(toKey);
  }

  async recordedHead(): Promise<{ position: number; hash: string } | null> {
    const { rows } = await this.pool.query<{ position: string; hash: string }>(`SELECT position, hash FROM ${this.s}.log_head`);
    return rows[0] ? { position: Number(rows[0].position), hash: rows[0].hash } : null;
  }

  async maxPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ max: string }>(`SELECT coalesce(max(global_position), 0) AS max FROM ${this.s}.events`);
    return Number(rows[0].max);
  }

  async close(): Promise<void> {
    if (this.ownsPool && !this.pool.ended) await this.pool.end();
  }
}
