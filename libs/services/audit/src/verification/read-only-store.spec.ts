import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent, type ReadAllOptions } from '@bj/event-store';
import { SqliteAuditLogSource } from './log-source';
import { readOnlyEventStore, ReadOnlyStoreError } from './read-only-store';

let n = 0;
const newEvent = (type: string): NewEvent => ({
  eventId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data: { n, text: '申报' },
  metadata: { actorId: 'test', actorRole: 'SYSTEM', correlationId: 'c', occurredAt: '2026-06-10T01:00:00Z' },
});

describe('the audit view of a log as a read-only event store', () => {
  let dir: string;
  let writer: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-only-store-'));
    writer = new SqliteEventStore(join(dir, 'events.sqlite'));
    await writer.append('s', [newEvent('A'), newEvent('B')], 0);
    await writer.append('t', [newEvent('C'), newEvent('A')], 0);
    await writer.append('s', [newEvent('B')], 2);
  });

  afterAll(async () => {
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads as the store reads: after a position, up to one, of some types, with a limit, over pages', async () => {
    const source = new SqliteAuditLogSource(join(dir, 'events.sqlite'));
    const view = readOnlyEventStore(source);
    try {
      for (const options of [undefined, { after: 1, limit: 2 }, { types: ['A'] }, { types: ['A', 'C'], after: 1 }, { types: ['A', 'B'], limit: 2, after: 1 }, { types: ['B'], upTo: 4 }, { upTo: 2 }, { upTo: 0 }, { types: ['Z'] }, { types: ['B'], limit: 1, after: 2 }] as (ReadAllOptions | undefined)[]) {
        expect({ options, events: await view.readAll(options) }).toEqual({ options, events: await writer.readAll(options) });
      }
      await expect(view.append('s', [newEvent('D')], 3)).rejects.toBeInstanceOf(ReadOnlyStoreError);
    } finally {
      await view.close();
    }
  });
});
