// An experiment for the replay benchmark: verifying the hash chain from the stored text, without
// parsing and re-serialising every event. The store writes `data` and `metadata` as canonical JSON
// text, so the canonical JSON of the hashed envelope can be assembled by concatenation, its
// members in sorted order. Measures what a store-side verification could gain over
// `verifyHashChain` on parsed events; the product does not use it (yet).
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '@bj/event-store';

interface RawRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

/** Returns the first position whose link or hash does not verify, or null; and how many events were read. */
export function verifyStoredText(file: string): { broken: number | null; events: number } {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], RawRow>('SELECT global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash FROM events ORDER BY global_position')
      .iterate();
    let prevHash = GENESIS_HASH;
    let expectedPosition = 1;
    let events = 0;
    for (const r of rows) {
      events++;
      if (r.global_position !== expectedPosition || r.prev_hash !== prevHash) return { broken: r.global_position, events };
      // members in sorted order: data, eventId, globalPosition, metadata, prevHash, recordedAt, schemaVersion, streamId, streamVersion, type
      const text =
        `{"data":${r.data},"eventId":${JSON.stringify(r.event_id)},"globalPosition":${r.global_position},"metadata":${r.metadata},` +
        `"prevHash":${JSON.stringify(r.prev_hash)},"recordedAt":${JSON.stringify(r.recorded_at)},"schemaVersion":${r.schema_version},` +
        `"streamId":${JSON.stringify(r.stream_id)},"streamVersion":${r.stream_version},"type":${JSON.stringify(r.type)}}`;
      if (createHash('sha256').update(text, 'utf8').digest('hex') !== r.hash) return { broken: r.global_position, events };
      prevHash = r.hash;
      expectedPosition++;
    }
    return { broken: null, events };
  } finally {
    db.close();
  }
}
