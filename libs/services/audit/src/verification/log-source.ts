import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { Pool, escapeIdentifier } from 'pg';
import type { StoredEventText } from '@bj/event-store';

/** One stored row exactly as the table holds it: data and metadata as their stored text, and its hash. */
export interface RawEventRow extends StoredEventText {
  readonly hash: string;
  /**
   * The stored UTF-8 bytes of data and metadata, where the source reads them as such (SQLite):
   * the chain is then checked on the bytes, and the text is decoded only when it is asked for.
   */
  readonly dataBytes?: Uint8Array;
  readonly metadataBytes?: Uint8Array;
}

/**
 * What the chain walk needs of a row: its position, its two hashes and the canonical envelope
 * its hash covers, as UTF-8 bytes (the hashed text of computeEventHash). A source that can build
 * the envelope itself (SQLite, with json_quote and concat) hands out these instead of whole rows;
 * the walk reads a whole row only to explain a break.
 */
export interface ChainLink {
  readonly globalPosition: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly envelope: Uint8Array;
}

/** The identity columns of a row, for the per-stream and per-eventId passes. */
export interface RowKey {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
}

/** A row whose stream version does not follow the row before it in its stream, with that row (null: the stream's first). */
export interface VersionAnomaly {
  readonly key: RowKey;
  readonly previous: { readonly streamVersion: number; readonly globalPosition: number } | null;
}

/** A row whose event id an earlier row already holds. */
export interface DuplicateEventId {
  readonly key: RowKey;
  readonly earlierPosition: number;
}

/**
 * Read access to the store's tables for the auditor, bypassing the store's own code (which
 * assumes the constraints hold). The rows are read in keyset pages, so the walk needs constant
 * memory; the per-stream and per-id checks run in the database (window functions over the
 * whole table) and return only the rows that break them.
 */
export interface AuditLogSource {
  /** e.g. `sqlite:/data/events.sqlite` or `postgres:event_store`. */
  readonly description: string;
  /** Rows with position > `after`, by position. */
  rowsByPosition(after: number, limit: number): Promise<RawEventRow[]>;
  /** The same rows as chain links, where the source builds the envelope (optional: the walk then reads whole rows). */
  chainLinksByPosition?(after: number, limit: number): Promise<ChainLink[]>;
  /**
   * Within each stream, rows ordered by (streamVersion, globalPosition): those whose version is
   * not the previous one's + 1 (or not 1 for the first), or whose position is before the
   * previous one's; ordered by (streamId, streamVersion, globalPosition).
   */
  versionAnomalies(): Promise<VersionAnomaly[]>;
  /** How many distinct streams the rows name. */
  streamCount(): Promise<number>;
  /** Every row after the first holding the same event id, ordered by (eventId, globalPosition). */
  duplicateEventIds(): Promise<DuplicateEventId[]>;
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
type AnomalyRow = KeyRow & { prev_version: number | string | null; prev_position: number | string | null };
type DuplicateRow = KeyRow & { earlier_position: number | string };

/**
 * The two window queries, the same text for SQLite and PostgreSQL but for the ordering collation.
 * The inner query reads only indexed columns (an index-only scan where the store's indexes
 * exist); the offending rows, few, are joined back for their other columns.
 */
const versionAnomaliesSql = (table: string, collate: string) => `
  SELECT e.global_position, e.event_id, e.stream_id, e.stream_version, ranked.prev_version, ranked.prev_position FROM (
    SELECT global_position, stream_version,
      LAG(stream_version) OVER w AS prev_version,
      LAG(global_position) OVER w AS prev_position
    FROM ${table}
    WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version, global_position)
  ) AS ranked
  JOIN ${table} AS e ON e.global_position = ranked.global_position
  WHERE (ranked.prev_version IS NULL AND ranked.stream_version <> 1)
     OR (ranked.prev_version IS NOT NULL AND (ranked.stream_version <> ranked.prev_version + 1 OR ranked.global_position < ranked.prev_position))
  ORDER BY e.stream_id${collate}, e.stream_version, e.global_position`;
const duplicateEventIdsSql = (table: string, collate: string) => `
  SELECT e.global_position, e.event_id, e.stream_id, e.stream_version, ranked.earlier_position FROM (
    SELECT global_position, LAG(global_position) OVER (PARTITION BY event_id ORDER BY global_position) AS earlier_position
    FROM ${table}
  ) AS ranked
  JOIN ${table} AS e ON e.global_position = ranked.global_position
  WHERE ranked.earlier_position IS NOT NULL
  ORDER BY e.event_id${collate}, e.global_position`;
const toAnomaly = (r: AnomalyRow): VersionAnomaly => ({
  key: toKey(r),
  previous: r.prev_version === null || r.prev_position === null ? null : { streamVersion: Number(r.prev_version), globalPosition: Number(r.prev_position) },
});
const toDuplicate = (r: DuplicateRow): DuplicateEventId => ({ key: toKey(r), earlierPosition: Number(r.earlier_position) });

const COLUMNS = 'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

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
/**
 * The envelope of computeEventHash built by SQLite from the stored columns: the stored data and
 * metadata text as they are, the other members quoted by json_quote, which writes a string as
 * JSON.stringify does (a test holds them equal on hostile strings); a text that differs would
 * only make the hash fail, and the walk then explains the row from its columns.
 */
const ENVELOPE_SQL = `CAST(concat('{"data":', data, ',"eventId":', json_quote(event_id), ',"globalPosition":', global_position, ',"metadata":', metadata,
  ',"prevHash":', json_quote(prev_hash), ',"recordedAt":', json_quote(recorded_at), ',"schemaVersion":', schema_version,
  ',"streamId":', json_quote(stream_id), ',"streamVersion":', stream_version, ',"type":', json_quote(type), '}') AS BLOB)`;

/** A SQLite row read with its data and metadata as their bytes (CAST AS BLOB returns them unconverted). */
type BytesRow = Omit<Row, 'data' | 'metadata'> & { data: Buffer; metadata: Buffer };
const BYTES_COLUMNS = 'global_position, event_id, stream_id, stream_version, type, schema_version, CAST(data AS BLOB) AS data, CAST(metadata AS BLOB) AS metadata, recorded_at, prev_hash, hash';

/** A row whose text is decoded from its bytes only when read (the verification reads the bytes). */
class SqliteRawRow implements RawEventRow {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataBytes: Buffer;
  readonly metadataBytes: Buffer;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
  constructor(r: BytesRow) {
    this.globalPosition = Number(r.global_position);
    this.eventId = r.event_id;
    this.streamId = r.stream_id;
    this.streamVersion = Number(r.stream_version);
    this.type = r.type;
    this.schemaVersion = Number(r.schema_version);
    this.dataBytes = r.data;
    this.metadataBytes = r.metadata;
    this.recordedAt = r.recorded_at;
    this.prevHash = r.prev_hash;
    this.hash = r.hash;
  }
  get dataText(): string {
    return this.dataBytes.toString('utf8');
  }
  get metadataText(): string {
    return this.metadataBytes.toString('utf8');
  }
}

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
  private readonly byPosition: Database.Statement<[number, number], BytesRow>;
  private readonly linksByPosition: Database.Statement<[number, number], [number, string, string, Buffer]>;

  constructor(file: string) {
    if (!existsSync(file)) throw new AuditSourceError(`${file}: no event store there (expected the SQLite file events.sqlite)`);
    this.description = `sqlite:${file}`;
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    // the walk reads each page once, and passes 2 and 3 group a million rows: a small page cache,
    // and the grouping's scratch on disk rather than in this process's memory (1M events: 218 → 190 MiB)
    this.db.pragma('cache_size = -2000');
    this.db.pragma('temp_store = FILE');
    const table = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!table) {
      this.db.close();
      throw new AuditSourceError(`${file}: not an event store (it has no events table)`);
    }
    this.byPosition = this.db.prepare<[number, number], BytesRow>(`SELECT ${BYTES_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`);
    this.linksByPosition = this.db
      .prepare<[number, number], [number, string, string, Buffer]>(`SELECT global_position, prev_hash, hash, ${ENVELOPE_SQL} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`)
      .raw(true);
  }

  async chainLinksByPosition(after: number, limit: number): Promise<ChainLink[]> {
    return this.linksByPosition.all(after, limit).map(([globalPosition, prevHash, hash, envelope]) => ({ globalPosition, prevHash, hash, envelope }));
  }

  async rowsByPosition(after: number, limit: number): Promise<RawEventRow[]> {
    return this.byPosition.all(after, limit).map((r) => new SqliteRawRow(r));
  }

  async versionAnomalies(): Promise<VersionAnomaly[]> {
    return this.db.prepare<[], AnomalyRow>(versionAnomaliesSql('events', '')).all().map(toAnomaly);
  }

  async streamCount(): Promise<number> {
    return this.db.prepare<[], number>('SELECT count(DISTINCT stream_id) FROM events').pluck().get() ?? 0;
  }

  async duplicateEventIds(): Promise<DuplicateEventId[]> {
    return this.db.prepare<[], DuplicateRow>(duplicateEventIdsSql('events', '')).all().map(toDuplicate);
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

  async versionAnomalies(): Promise<VersionAnomaly[]> {
    const { rows } = await this.pool.query<AnomalyRow>(versionAnomaliesSql(`${this.s}.events`, ' COLLATE "C"'));
    return rows.map(toAnomaly);
  }

  async streamCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(DISTINCT stream_id) AS n FROM ${this.s}.events`);
    return Number(rows[0].n);
  }

  async duplicateEventIds(): Promise<DuplicateEventId[]> {
    const { rows } = await this.pool.query<DuplicateRow>(duplicateEventIdsSql(`${this.s}.events`, ' COLLATE "C"'));
    return rows.map(toDuplicate);
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
