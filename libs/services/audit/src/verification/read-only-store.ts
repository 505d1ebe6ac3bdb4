import type { EventStore, StoredEvent } from '@bj/event-store';
import type { AuditLogSource, RawEventRow } from './log-source';

export class ReadOnlyStoreError extends Error {}

/**
 * The log behind an audit source as an EventStore that only reads in position order: what the
 * auditor's scans and a projection rebuild need, without opening the store for writing.
 * Appends, checkpoints and stream reads are refused.
 */
export function readOnlyEventStore(source: AuditLogSource): EventStore {
  const refuse = (what: string) => async (): Promise<never> => {
    throw new ReadOnlyStoreError(`${what}: the audit view of ${source.description} is read-only`);
  };
  const store: EventStore = {
    async readAll(options): Promise<StoredEvent[]> {
      const limit = options?.limit ?? 2000;
      const upTo = options?.upTo ?? Number.MAX_SAFE_INTEGER;
      const types = options?.types && new Set(options.types);
      const picked: RawEventRow[] = [];
      // a page of rows at a time, until the limit is met or the range ends (a filter may skip many)
      for (let after = options?.after ?? 0; picked.length < limit; ) {
        const rows = await source.rowsByPosition(after, limit);
        for (const row of rows) {
          if (row.globalPosition > upTo) break;
          if (!types || types.has(row.type)) picked.push(row);
          if (picked.length === limit) break;
        }
        if (rows.length < limit || rows[rows.length - 1].globalPosition >= upTo) break;
        after = rows[rows.length - 1].globalPosition;
      }
      return picked.map((r) => ({
        eventId: r.eventId,
        streamId: r.streamId,
        streamVersion: r.streamVersion,
        globalPosition: r.globalPosition,
        type: r.type,
        schemaVersion: r.schemaVersion,
        data: JSON.parse(r.dataText),
        metadata: JSON.parse(r.metadataText),
        recordedAt: r.recordedAt,
        prevHash: r.prevHash,
        hash: r.hash,
      }));
    },
    readProjected: (options) => store.readAll(options), // every column is read for the audit's checks anyway
    headPosition: () => source.maxPosition(),
    append: refuse('append'),
    readStream: refuse('readStream'),
    saveCheckpoint: refuse('saveCheckpoint'),
    loadCheckpoint: async () => 0,
    onAppended: () => () => undefined,
    close: () => source.close(),
  };
  return store;
}
