import type { EventStore, StoredEvent } from '@bj/event-store';
import type { AuditLogSource } from './log-source';

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
  return {
    async readAll(options): Promise<StoredEvent[]> {
      const rows = await source.rowsByPosition(options?.after ?? 0, options?.limit ?? 2000);
      return rows.map((r) => ({
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
    headPosition: () => source.maxPosition(),
    append: refuse('append'),
    readStream: refuse('readStream'),
    saveCheckpoint: refuse('saveCheckpoint'),
    loadCheckpoint: async () => 0,
    onAppended: () => () => undefined,
    close: () => source.close(),
  };
}
