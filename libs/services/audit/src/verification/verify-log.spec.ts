import Database from 'better-sqlite3';
import fc from 'fast-check';
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@bj/event-store';
import { SqliteAuditLogSource } from './log-source';
import { describeTamperDetection } from './tamper-cases';
import { verifyLog } from './verify-log';

describeTamperDetection('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bj-audit-verify-'));
  const file = join(dir, 'events.sqlite');
  let tick = 0;
  const store = new SqliteEventStore(file, { now: () => new Date(Date.UTC(2026, 8, 1, 1, 0, tick++)).toISOString() });
  const db = new Database(file);
  return {
    store,
    events: 'events',
    p: () => '?',
    exec: async (sql, params = []) => {
      db.prepare(sql).run(...params);
    },
    source: async () => new SqliteAuditLogSource(file),
    dispose: async () => {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteAuditLogSource', () => {
  it('refuses a folder without a store, naming the file', () => {
    expect(() => new SqliteAuditLogSource('/nonexistent/events.sqlite')).toThrow('/nonexistent/events.sqlite: no event store there');
  });

  it('verifies an empty log as intact at position 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bj-audit-empty-'));
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const source = new SqliteAuditLogSource(join(dir, 'events.sqlite'));
    try {
      expect(await verifyLog(source)).toMatchObject({ intact: true, eventsChecked: 0, headPosition: 0, headHash: '0'.repeat(64) });
    } finally {
      await source.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds every envelope in SQLite exactly as the store hashed it, for hostile ids, streams and types', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bj-audit-envelope-'));
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore(file);
    // every character JSON escapes, and the ones it does not (U+2028, U+007F, Chinese, emoji)
    const hostile = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '/', '张', '😀', 'a'), minLength: 1 });
    try {
      const samples = fc.sample(fc.record({ id: hostile, stream: hostile, type: hostile, data: fc.jsonValue() }), 200);
      for (const [i, { id, stream, type, data }] of samples.entries()) {
        await store.append(`${stream}#${i}`, [{ eventId: `${id}#${i}`, type, schemaVersion: 1, data, metadata: { actorId: id, actorRole: 'CENTRE_STAFF', correlationId: stream, occurredAt: '2026-09-01T01:00:00.000Z' } }], 'any');
      }
      const source = new SqliteAuditLogSource(file);
      try {
        const links = await source.chainLinksByPosition(0, 1000);
        expect(links).toHaveLength(samples.length);
        expect(links.filter((l) => hash('sha256', l.envelope, 'hex') !== l.hash).map((l) => l.globalPosition)).toEqual([]);
        expect(await verifyLog(source, { batchSize: 7 })).toMatchObject({ intact: true, eventsChecked: samples.length });
      } finally {
        await source.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a copied event and a doubled stream version in a table whose constraints were dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bj-audit-copied-'));
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore(file);
    const event = (n: number): NewEvent => ({ eventId: `00000000-0000-7000-8000-00000000000${n}`, type: 'AmountRecorded', schemaVersion: 1, data: { amount: n }, metadata: { actorId: 'clerk-1', actorRole: 'CENTRE_STAFF', correlationId: `c-${n}`, occurredAt: '2026-09-01T01:00:00.000Z' } });
    await store.append('stream-A', [event(1), event(2)], 0);
    await store.append('stream-B', [event(3)], 0);
    await store.close();
    // The attacker rebuilds the table without its UNIQUE constraints, then copies event 2 to the end.
    const db = new Database(file);
    db.exec('CREATE TABLE loose AS SELECT * FROM events; DROP TABLE events; ALTER TABLE loose RENAME TO events;');
    db.exec('INSERT INTO events SELECT 4, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash FROM events WHERE global_position = 2');
    db.close();
    const source = new SqliteAuditLogSource(file);
    try {
      const report = await verifyLog(source);
      expect(report.streamsChecked).toBe(2);
      expect(report.breaks.filter((b) => b.kind === 'VERSION_DUPLICATE' || b.kind === 'DUPLICATE_EVENT_ID')).toEqual([
        expect.objectContaining({ kind: 'VERSION_DUPLICATE', globalPosition: 4, streamId: 'stream-A', streamVersion: 2, explanation: 'stream stream-A holds version 2 twice (positions 2 and 4)' }),
        expect.objectContaining({ kind: 'DUPLICATE_EVENT_ID', globalPosition: 4, eventId: event(2).eventId, explanation: `eventId ${event(2).eventId} is stored at positions 2 and 4` }),
      ]);
    } finally {
      await source.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
