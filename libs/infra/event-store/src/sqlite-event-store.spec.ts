import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describeEventStoreContract } from './contract';
import { SqliteEventStore } from './sqlite-event-store';

const root = mkdtempSync(join(tmpdir(), 'bj-event-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let locations = 0;

describeEventStoreContract('SqliteEventStore', async () => {
  const directory = join(root, `location-${++locations}`);
  const file = join(directory, 'data', 'events.sqlite');
  return {
    open: async (options) => new SqliteEventStore(file, options),
    dispose: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

describe('SqliteEventStore file', () => {
  it('creates its data directory and opens the file in WAL mode with the two tables', async () => {
    const file = join(root, 'pragmas', 'nested', 'events.sqlite');
    const store = new SqliteEventStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['checkpoints', 'events']);
    } finally {
      db.close();
    }
  });

  it('works in memory', async () => {
    const store = new SqliteEventStore(':memory:');
    const metadata = { actorId: 'a', actorRole: 'SYSTEM' as const, correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z' };
    await store.append('s', [{ eventId: uuidv7(), type: 'A', schemaVersion: 1, data: {}, metadata }], 0);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });
});
