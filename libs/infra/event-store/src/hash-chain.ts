import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { StoredEvent } from './event-store.port';

/** The `prevHash` of the event at global position 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored event before its hash is known. */
export type UnhashedEvent = Omit<StoredEvent, 'hash'>;

/**
 * SHA-256 (lower-case hex) over the canonical JSON of exactly these members:
 * eventId, streamId, streamVersion, globalPosition, type, schemaVersion, data, metadata,
 * recordedAt, prevHash. Any other member of `event` (such as `hash` itself) is ignored.
 */
export function computeEventHash(event: UnhashedEvent): string {
  const hashed = {
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
  };
  return createHash('sha256').update(canonicalJson(hashed, 'event'), 'utf8').digest('hex');
}

/** Where and why a chain failed to verify. */
export interface HashChainBreak {
  readonly globalPosition: number;
  readonly reason: string;
}

/**
 * Checks a run of events read in position order: positions contiguous, each `prevHash`
 * equal to the previous event's `hash` (`expectedPrevHash` for the first; GENESIS_HASH when
 * starting at position 1) and each `hash` equal to its recomputation. Returns the first
 * break, or null when the run is intact.
 */
export function verifyHashChain(
  events: readonly StoredEvent[],
  expectedPrevHash: string = GENESIS_HASH,
): HashChainBreak | null {
  let prevHash = expectedPrevHash;
  let previousPosition: number | undefined;
  for (const event of events) {
    if (previousPosition !== undefined && event.globalPosition !== previousPosition + 1) {
      return { globalPosition: event.globalPosition, reason: `position follows ${previousPosition}: the log has a gap` };
    }
    if (event.prevHash !== prevHash) {
      return { globalPosition: event.globalPosition, reason: `prevHash ${event.prevHash} is not the previous hash ${prevHash}` };
    }
    const recomputed = computeEventHash(event);
    if (event.hash !== recomputed) {
      return { globalPosition: event.globalPosition, reason: `hash ${event.hash} differs from its recomputation ${recomputed}` };
    }
    prevHash = event.hash;
    previousPosition = event.globalPosition;
  }
  return null;
}

/** An event as its row stores it: `data` and `metadata` as the canonical JSON text written. */
export interface StoredEventText {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
  readonly recordedAt: string;
  readonly prevHash: string;
}

/**
 * The hash of `computeEventHash`, from the stored text, with nothing parsed or re-serialised:
 * the stores write `data` and `metadata` as canonical JSON, so the envelope's canonical JSON is
 * their text and the other members concatenated in sorted key order. Text that is not canonical
 * hashes differently, so a match proves the row holds exactly the bytes hashed when it was
 * written; a mismatch is then explained by parsing (see the audit's verifyLog).
 */
export function computeEventHashFromStoredText(row: StoredEventText): string {
  return computeEventHashFromStoredBytes(row, row.dataText, row.metadataText);
}

/**
 * The same hash with `data` and `metadata` given as their stored UTF-8 bytes (or text), as a
 * reader that asks the database for the bytes gets them: nothing is decoded, concatenated or
 * encoded again, the bytes go to SHA-256 as they are.
 */
export function computeEventHashFromStoredBytes(
  row: Omit<StoredEventText, 'dataText' | 'metadataText'>,
  data: string | Uint8Array,
  metadata: string | Uint8Array,
): string {
  return createHash('sha256')
    .update('{"data":')
    .update(data)
    .update(`,"eventId":${JSON.stringify(row.eventId)},"globalPosition":${JSON.stringify(row.globalPosition)},"metadata":`)
    .update(metadata)
    .update(
      `,"prevHash":${JSON.stringify(row.prevHash)},"recordedAt":${JSON.stringify(row.recordedAt)},"schemaVersion":${JSON.stringify(row.schemaVersion)},` +
        `"streamId":${JSON.stringify(row.streamId)},"streamVersion":${JSON.stringify(row.streamVersion)},"type":${JSON.stringify(row.type)}}`,
    )
    .digest('hex');
}
