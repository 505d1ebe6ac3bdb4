// The tampering an auditor must detect, run against any store's tables (SQLite and PostgreSQL
// specs call this with their own SQL executor). Not a test file itself: it declares the tests.
import { computeEventHash, type EventStore, type NewEvent } from '@bj/event-store';
import type { AuditLogSource } from './log-source';
import { verifyLog, type LogBreak, type LogBreakKind } from './verify-log';

export interface TamperFixture {
  readonly store: EventStore;
  /** Runs SQL on the store's tables; `?` placeholders are numbered by the fixture where needed. */
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  /** A read-only audit source on the same tables. */
  source(): Promise<AuditLogSource>;
  /** The qualified name of the events table (e.g. events or "schema".events). */
  readonly events: string;
  /** A placeholder for parameter n (1-based): `?` or `$n`. */
  p(n: number): string;
  dispose(): Promise<void>;
}

const event = (n: number): NewEvent => ({
  eventId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'AmountRecorded',
  schemaVersion: 1,
  data: { amount: n, note: `event ${n}` },
  metadata: { actorId: 'clerk-1', actorRole: 'CENTRE_STAFF', correlationId: `c-${n}`, occurredAt: '2026-09-01T01:00:00.000Z' },
});

/** 12 events: positions 1–4 stream A, 5–8 stream B, 9–12 alternating A, C (A v5, C v1, A v6, C v2). */
async function fillLog(store: EventStore): Promise<void> {
  await store.append('stream-A', [1, 2, 3, 4].map(event), 0);
  await store.append('stream-B', [5, 6, 7, 8].map(event), 0);
  await store.append('stream-A', [event(9)], 4);
  await store.append('stream-C', [event(10)], 0);
  await store.append('stream-A', [event(11)], 5);
  await store.append('stream-C', [event(12)], 1);
}

const kinds = (breaks: readonly LogBreak[]) => [...new Set(breaks.map((b) => b.kind))].sort();
const at = (breaks: readonly LogBreak[], kind: LogBreakKind) => breaks.filter((b) => b.kind === kind);

export function describeTamperDetection(name: string, open: () => Promise<TamperFixture>): void {
  describe(`${name}: tampering with the log is detected and pinpointed`, () => {
    let f: TamperFixture;
    let sources: AuditLogSource[];
    beforeEach(async () => {
      f = await open();
      sources = [];
      await fillLog(f.store);
    });
    afterEach(async () => {
      for (const s of sources) await s.close();
      await f.dispose();
    });
    const verify = async (checkpoint?: { position: number; headHash: string }) => {
      const source = await f.source();
      sources.push(source);
      return verifyLog(source, { batchSize: 5, checkpoint });
    };
    const hashAt = async (position: number) => (await f.store.readAll({ after: position - 1, limit: 1 }))[0];

    it('given an untouched log, then it is intact, with its head', async () => {
      const report = await verify();
      expect(report).toMatchObject({ intact: true, eventsChecked: 12, streamsChecked: 3, headPosition: 12, breaksTotal: 0, breaks: [] });
      expect(report.headHash).toBe((await hashAt(12)).hash);
    });

    it('when an event’s data is changed, then HASH_MISMATCH at that event only', async () => {
      await f.exec(`UPDATE ${f.events} SET data = ${f.p(1)} WHERE global_position = 6`, ['{"amount":600,"note":"event 6"}']);
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.breaks).toEqual([
        expect.objectContaining({ kind: 'HASH_MISMATCH', globalPosition: 6, eventId: event(6).eventId, streamId: 'stream-B', streamVersion: 2 }),
      ]);
    });

    it('when a changed event is re-hashed to hide it, then CHAIN_BROKEN at the next event, naming the changed one', async () => {
      const original = await hashAt(6);
      const forged = { ...original, data: { amount: 600, note: 'event 6' } };
      await f.exec(`UPDATE ${f.events} SET data = ${f.p(1)}, hash = ${f.p(2)} WHERE global_position = 6`, ['{"amount":600,"note":"event 6"}', computeEventHash(forged)]);
      const report = await verify();
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'CHAIN_BROKEN', globalPosition: 7, streamId: 'stream-B' })]);
      expect(report.breaks[0].explanation).toContain(event(6).eventId);
    });

    it('when an event is deleted, then POSITION_GAP and CHAIN_BROKEN at the next position and VERSION_GAP in its stream', async () => {
      await f.exec(`DELETE FROM ${f.events} WHERE global_position = 6`);
      const report = await verify();
      expect(kinds(report.breaks)).toEqual(['CHAIN_BROKEN', 'POSITION_GAP', 'VERSION_GAP']);
      expect(at(report.breaks, 'POSITION_GAP')).toEqual([expect.objectContaining({ globalPosition: 7, explanation: expect.stringContaining('position 6 is missing') })]);
      expect(at(report.breaks, 'CHAIN_BROKEN')).toEqual([expect.objectContaining({ globalPosition: 7 })]);
      expect(at(report.breaks, 'VERSION_GAP')).toEqual([expect.objectContaining({ streamId: 'stream-B', streamVersion: 3, globalPosition: 7 })]);
    });

    it('when a forged event is inserted with a correct-looking hash, then CHAIN_BROKEN right after it and every shifted event mismatches', async () => {
      // Make room at position 6 (two steps, so that the primary key never collides).
      await f.exec(`UPDATE ${f.events} SET global_position = global_position + 1000 WHERE global_position >= 6`);
      await f.exec(`UPDATE ${f.events} SET global_position = global_position - 999 WHERE global_position >= 1006`);
      const before = await hashAt(5);
      const forged = { ...event(99), streamId: 'stream-X', streamVersion: 1, globalPosition: 6, recordedAt: before.recordedAt, prevHash: before.hash };
      await f.exec(
        `INSERT INTO ${f.events} (global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash) VALUES (6, ${f.p(1)}, 'stream-X', 1, 'AmountRecorded', 1, ${f.p(2)}, ${f.p(3)}, ${f.p(4)}, ${f.p(5)}, ${f.p(6)})`,
        [forged.eventId, JSON.stringify({ amount: 99, note: 'event 99' }), JSON.stringify({ actorId: 'clerk-1', actorRole: 'CENTRE_STAFF', correlationId: 'c-99', occurredAt: '2026-09-01T01:00:00.000Z' }), forged.recordedAt, forged.prevHash, computeEventHash(forged)],
      );
      const report = await verify();
      expect(report.breaks.filter((b) => b.globalPosition === 6)).toEqual([]);
      expect(at(report.breaks, 'CHAIN_BROKEN')).toEqual([expect.objectContaining({ globalPosition: 7, eventId: event(6).eventId, explanation: expect.stringContaining(forged.eventId) })]);
      expect(at(report.breaks, 'HASH_MISMATCH').map((b) => b.globalPosition)).toEqual([7, 8, 9, 10, 11, 12, 13]);
      expect(report.eventsChecked).toBe(13);
    });

    it('when two events are swapped, then HASH_MISMATCH at both, CHAIN_BROKEN, and VERSION_ORDER within the stream', async () => {
      await f.exec(`UPDATE ${f.events} SET global_position = -1 WHERE global_position = 6`);
      await f.exec(`UPDATE ${f.events} SET global_position = 6 WHERE global_position = 7`);
      await f.exec(`UPDATE ${f.events} SET global_position = 7 WHERE global_position = -1`);
      const report = await verify();
      expect(at(report.breaks, 'HASH_MISMATCH').map((b) => [b.globalPosition, b.eventId])).toEqual([
        [6, event(7).eventId],
        [7, event(6).eventId],
      ]);
      expect(at(report.breaks, 'CHAIN_BROKEN').map((b) => b.globalPosition)).toEqual([6, 7, 8]);
      expect(at(report.breaks, 'VERSION_ORDER')).toEqual([expect.objectContaining({ streamId: 'stream-B', streamVersion: 3, globalPosition: 6 })]);
    });

    it('when a stream version is edited, then VERSION_GAP names the stream and HASH_MISMATCH the event', async () => {
      await f.exec(`UPDATE ${f.events} SET stream_version = 7 WHERE global_position = 12`);
      const report = await verify();
      expect(kinds(report.breaks)).toEqual(['HASH_MISMATCH', 'VERSION_GAP']);
      expect(at(report.breaks, 'VERSION_GAP')).toEqual([expect.objectContaining({ streamId: 'stream-C', streamVersion: 7, globalPosition: 12 })]);
    });

    it('when the stored JSON text is reformatted (same values), then NON_CANONICAL_TEXT though the hash still matches', async () => {
      await f.exec(`UPDATE ${f.events} SET data = ${f.p(1)} WHERE global_position = 3`, ['{ "note": "event 3", "amount": 3 }']);
      const report = await verify();
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'NON_CANONICAL_TEXT', globalPosition: 3 })]);
    });

    it('when the newest events are cut off after a checkpoint, then the checkpoint reports TRUNCATED', async () => {
      const head = await hashAt(12);
      await f.exec(`DELETE FROM ${f.events} WHERE global_position > 10`);
      const report = await verify({ position: 12, headHash: head.hash });
      expect(report.intact).toBe(false);
      expect(at(report.breaks, 'TRUNCATED')).toEqual([expect.objectContaining({ globalPosition: null, explanation: expect.stringContaining('2 event(s) were cut off') })]);
      expect(report.checkpoint).toEqual({ position: 12, headHash: head.hash, extended: false });
    });

    it('when history before a checkpoint is rewritten consistently (every hash recomputed), then CHECKPOINT_MISMATCH', async () => {
      const checkpoint = { position: 12, headHash: (await hashAt(12)).hash };
      // The attacker changes event 3 and re-hashes the whole chain after it.
      const all = await f.store.readAll();
      let prev = all[1].hash;
      for (const e of all.slice(2)) {
        const changed = { ...e, data: e.globalPosition === 3 ? { amount: 300, note: 'event 3' } : e.data, prevHash: prev };
        const hash = computeEventHash(changed);
        await f.exec(`UPDATE ${f.events} SET data = ${f.p(1)}, prev_hash = ${f.p(2)}, hash = ${f.p(3)} WHERE global_position = ${e.globalPosition}`, [
          JSON.stringify(e.globalPosition === 3 ? { amount: 300, note: 'event 3' } : { amount: (e.data as { amount: number }).amount, note: (e.data as { note: string }).note }),
          prev,
          hash,
        ]);
        prev = hash;
      }
      const silent = await verify();
      const withCheckpoint = await verify(checkpoint);
      // Without a checkpoint a full re-hash goes unseen by the chain (PostgreSQL still sees its log_head).
      expect(silent.breaks.filter((b) => b.kind !== 'HEAD_MISMATCH')).toEqual([]);
      expect(at(withCheckpoint.breaks, 'CHECKPOINT_MISMATCH')).toEqual([expect.objectContaining({ globalPosition: 12 })]);
    });
  });
}
