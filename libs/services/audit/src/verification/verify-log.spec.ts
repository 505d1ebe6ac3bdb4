import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bj/event-store';
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
});
