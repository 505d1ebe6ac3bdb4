// Child of `npm run bench`: writes a log of N events (default 1,000,000) for the replay benchmark,
// as `years` annual sessions. The template is the log of a real simulated session (the session
// benchmark's SQLite file), so event types, shapes and sizes are what the services write; each year
// repeats the template's applicants as many times as needed, every copy with fresh ids (UUIDs) and
// the year shifted. Rows are written straight into the store's table, in large transactions,
// each event with its correct hash chain (the same computeEventHash as the store's append).
// Usage: node tools/scripts/run-ts.js tools/bench/replay-generate.ts --template FILE --out FILE --events N --years 10
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { v4 as uuidv4 } from 'uuid';
import { computeEventHash, GENESIS_HASH, SqliteEventStore, type EventMetadata } from '@bj/event-store';
import { formatCertificateNumber, parseCertificateNumber } from '@bj/certificate-domain';
import { option, report, wholeNumberOption } from './support';

interface Row {
  event_id: string;
  stream_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** In one pass (no replacement is seen twice): certificate numbers, UUIDs, and years near the template's. */
const REMAPPED = /(BJAI-\d{4}-G[1-4]-\d{6}-[\dX])|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|((?<![0-9])202[4-7](?![0-9]))/g;
const YEAR = /(?<![0-9])202[4-7](?![0-9])/g;
const TEMPLATE_YEAR = 2026;
const CERTIFICATE = /BJAI-\d{4}-G[1-4]-\d{6}-[\dX]/g;
/** Streams of the year itself (the session, its expert pool): written once a year, not per copy. */
const ONCE_A_YEAR = /^annual-session-/;

async function main() {
  const template = option('template', 'tmp/bench/session/events.sqlite');
  const out = option('out', 'tmp/bench/replay/events.sqlite');
  const total = wholeNumberOption('events', 1_000_000);
  const years = wholeNumberOption('years', 10);
  const source = new Database(template, { readonly: true, fileMustExist: true });
  const rows = source.prepare<[], Row>('SELECT event_id, stream_id, type, schema_version, data, metadata, recorded_at FROM events ORDER BY global_position').all();
  const templateApplicants = source.prepare<[], number>("SELECT count(*) FROM events WHERE type = 'DeclarationDrafted'").pluck().get() ?? 0;
  // how far behind the template's head its consumers (the reactions) were: the generated log keeps that lag
  const checkpointLags = source.prepare<[], { name: string; lag: number }>('SELECT name, (SELECT max(global_position) FROM events) - position AS lag FROM checkpoints').all();
  source.close();
  if (rows.length === 0) throw new Error(`the template ${template} holds no events: run the session benchmark first`);
  // certificate numbers get a sequence of their own in each copy (and a correct check character)
  let maxSequence = 0;
  for (const row of rows) for (const n of row.data.match(CERTIFICATE) ?? []) maxSequence = Math.max(maxSequence, parseCertificateNumber(n).sequence);

  for (const suffix of ['', '-wal', '-shm']) rmSync(out + suffix, { force: true });
  await new SqliteEventStore(out).close(); // creates the file with the store's own schema
  const db = new Database(out);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // generation only: the measured replay reads it back
  const insert = db.prepare(
    `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  let position = 0;
  let prevHash = GENESIS_HASH;
  let lastRecordedAt = new Date().toISOString();
  let pending: unknown[][] = [];
  const flush = db.transaction((batch: unknown[][]) => {
    for (const values of batch) insert.run(...values);
  });
  const perYear = Math.ceil(total / years);
  const copiesPerYear = Math.ceil(perYear / rows.length);
  const started = performance.now();
  outer: for (let y = 0; y < years; y++) {
    const year = TEMPLATE_YEAR + y; // certificate numbers start in 2020: the ten years run forward
    const shift = (text: string) => text.replace(YEAR, (m) => String(Number(m) - TEMPLATE_YEAR + year));
    let writtenThisYear = 0;
    for (let copy = 0; copy < copiesPerYear && writtenThisYear < perYear; copy++) {
      const fresh = new Map<string, string>();
      const remap = (text: string) =>
        text.replace(REMAPPED, (match: string, certificate?: string, id?: string) => {
          if (certificate) {
            const parsed = parseCertificateNumber(certificate);
            return formatCertificateNumber({ year, level: parsed.level, sequence: copy * maxSequence + parsed.sequence });
          }
          if (id) {
            let mapped = fresh.get(id);
            if (!mapped) fresh.set(id, (mapped = uuidv4()));
            return mapped;
          }
          return String(Number(match) - TEMPLATE_YEAR + year);
        });
      for (const row of rows) {
        if (copy > 0 && ONCE_A_YEAR.test(row.stream_id)) continue;
        if (position >= total) break outer;
        const streamId = remap(row.stream_id);
        const streamVersion = (versions.get(streamId) ?? 0) + 1;
        versions.set(streamId, streamVersion);
        const data = remap(row.data);
        const metadata = remap(row.metadata);
        const event = {
          eventId: uuidv4(),
          streamId,
          streamVersion,
          globalPosition: ++position,
          type: row.type,
          schemaVersion: row.schema_version,
          data: JSON.parse(data) as unknown,
          metadata: JSON.parse(metadata) as EventMetadata,
          recordedAt: shift(row.recorded_at),
          prevHash,
        };
        const hash = computeEventHash(event);
        pending.push([position, event.eventId, streamId, streamVersion, row.type, row.schema_version, data, metadata, event.recordedAt, prevHash, hash]);
        prevHash = hash;
        lastRecordedAt = event.recordedAt;
        writtenThisYear++;
        if (pending.length === 20_000) {
          flush(pending);
          pending = [];
        }
      }
    }
    process.stdout.write(`year ${year}: ${position} events so far\n`);
  }
  flush(pending);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  // the reactions had handled every copy, as they had the template: a start on this log does not
  // run them again over ten years (their commands would be refused as already done, one warning each)
  const store = new SqliteEventStore(out, { now: () => lastRecordedAt });
  for (const { name, lag } of checkpointLags) await store.saveCheckpoint(name, Math.max(0, position - lag));
  await store.close();
  report({
    events: position,
    years,
    templateEvents: rows.length,
    templateApplicants,
    copiesPerYear,
    applicantsPerYear: templateApplicants * copiesPerYear,
    seconds: (performance.now() - started) / 1000,
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
