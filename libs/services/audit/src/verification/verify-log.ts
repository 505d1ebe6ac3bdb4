// 防篡改校验: walks the whole log and proves it untouched, pinpointing every break.
import { canonicalJson, computeEventHash, computeEventHashFromStoredBytes, computeEventHashFromStoredText, GENESIS_HASH } from '@bj/event-store';
import { hash } from 'node:crypto';
import type { AuditLogSource, ChainLink, RawEventRow, RowKey } from './log-source';

const isRow = (link: ChainLink | RawEventRow): link is RawEventRow => 'eventId' in link;

/** What kind of break: each names what an attacker (or a fault) did. */
export const LogBreakKinds = {
  HASH_MISMATCH: 'the stored hash is not the hash of the stored content: the event was changed after it was written',
  CHAIN_BROKEN: "prevHash is not the previous event's hash: an event was inserted, removed or reordered before this one",
  POSITION_GAP: 'global positions are not contiguous from 1: events were removed',
  VERSION_GAP: 'stream versions are not contiguous from 1: an event of the stream was removed',
  VERSION_DUPLICATE: 'two events hold the same stream version: an event was inserted',
  VERSION_ORDER: 'stream versions do not follow the global order: events were reordered',
  DUPLICATE_EVENT_ID: 'two events hold the same eventId: an event was copied',
  NON_CANONICAL_TEXT: 'the stored JSON text is not canonical JSON: it was edited by hand',
  UNREADABLE_EVENT: 'the stored JSON text does not parse',
  HEAD_MISMATCH: "the store's recorded head (log_head) differs from the last event: the tail was cut or extended",
  CHECKPOINT_MISMATCH: 'the event at the checkpoint position does not have the signed head hash: history before the checkpoint was rewritten',
  TRUNCATED: 'the log ends before the checkpoint position: the newest events were cut off',
} as const;
export type LogBreakKind = keyof typeof LogBreakKinds;

export interface LogBreak {
  readonly kind: LogBreakKind;
  /** The position where the break shows (null when it concerns the log as a whole). */
  readonly globalPosition: number | null;
  readonly eventId: string | null;
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  readonly explanation: string;
}

export interface VerificationReport {
  readonly source: string;
  readonly intact: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** The last position and its stored hash (what a checkpoint would sign). */
  readonly headPosition: number;
  readonly headHash: string;
  readonly breaksTotal: number;
  readonly breaksByKind: Partial<Record<LogBreakKind, number>>;
  /** The first `maxBreaksListed` breaks, in the order found (by position within each pass). */
  readonly breaks: readonly LogBreak[];
  readonly checkpoint: { readonly position: number; readonly headHash: string; readonly extended: boolean } | null;
  readonly durationMs: number;
}

export interface VerifyOptions {
  readonly batchSize?: number;
  readonly maxBreaksListed?: number;
  /** A checkpoint (already signature-checked) the log must still extend. */
  readonly checkpoint?: { readonly position: number; readonly headHash: string };
  /** Called after each batch of the position pass with the events checked so far. */
  readonly onProgress?: (eventsChecked: number) => void;
}

class BreakList {
  readonly listed: LogBreak[] = [];
  readonly byKind: Partial<Record<LogBreakKind, number>> = {};
  total = 0;
  constructor(private readonly max: number) {}
  add(kind: LogBreakKind, at: Partial<RowKey> | null, explanation: string): void {
    this.total++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (this.listed.length < this.max) {
      this.listed.push({ kind, globalPosition: at?.globalPosition ?? null, eventId: at?.eventId ?? null, streamId: at?.streamId ?? null, streamVersion: at?.streamVersion ?? null, explanation });
    }
  }
}

function parse(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Three passes over the tables:
 * 1. by global position: positions contiguous from 1, each hash recomputed from the canonical
 *    bytes of the stored content (from the stored text as it is; parsed only to explain a mismatch), each prevHash equal to the previous stored hash (after a break
 *    the walk continues from the stored hash, so each break is reported where it is), the stored
 *    text canonical, the checkpoint's position holding its hash;
 * 2. by stream: versions contiguous from 1, in global order (a window query in the database);
 * 3. by eventId: no eventId twice (likewise).
 * Pass 1 reads keyset pages in constant memory; passes 2 and 3 return only the offending rows.
 */
export async function verifyLog(source: AuditLogSource, options: VerifyOptions = {}): Promise<VerificationReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 2000;
  const breaks = new BreakList(options.maxBreaksListed ?? 100);
  const checkpoint = options.checkpoint;
  let checkpointSeen = false;

  // Pass 1: the global chain. A source that builds each row's envelope hands out chain links,
  // hashed as they come; a whole row is read only where something is wrong, to say what.
  const rowAt = async (link: ChainLink | RawEventRow): Promise<RawEventRow> => {
    if (isRow(link)) return link;
    const [row] = await source.rowsByPosition(link.globalPosition - 1, 1);
    if (!row || row.globalPosition !== link.globalPosition) throw new Error(`the row at position ${link.globalPosition} vanished during the verification`);
    return row;
  };
  let previous: ChainLink | RawEventRow | null = null;
  let eventsChecked = 0;
  for (;;) {
    const after = previous?.globalPosition ?? 0;
    const links: readonly (ChainLink | RawEventRow)[] = source.chainLinksByPosition ? await source.chainLinksByPosition(after, batchSize) : await source.rowsByPosition(after, batchSize);
    for (const link of links) {
      eventsChecked++;
      const expectedPosition = (previous?.globalPosition ?? 0) + 1;
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      const atCheckpoint = checkpoint !== undefined && !checkpointSeen && link.globalPosition >= checkpoint.position;
      const intact =
        link.globalPosition === expectedPosition &&
        link.prevHash === expectedPrev &&
        !isRow(link) &&
        hash('sha256', link.envelope, 'hex') === link.hash &&
        !(atCheckpoint && (link.globalPosition !== checkpoint.position || link.hash !== checkpoint.headHash));
      if (!intact) {
        const row = await rowAt(link);
        if (row.globalPosition !== expectedPosition) {
          breaks.add('POSITION_GAP', row, row.globalPosition - expectedPosition === 1
            ? `position ${expectedPosition} is missing (the log goes from ${expectedPosition - 1} to ${row.globalPosition})`
            : `positions ${expectedPosition}–${row.globalPosition - 1} are missing (the log goes from ${expectedPosition - 1} to ${row.globalPosition})`);
        }
        if (row.prevHash !== expectedPrev) {
          const before = previous ? await rowAt(previous) : null;
          breaks.add('CHAIN_BROKEN', row, before
            ? `prevHash ${row.prevHash.slice(0, 16)}… is not the hash ${expectedPrev.slice(0, 16)}… of the event before it (position ${before.globalPosition}, ${before.eventId})`
            : `the first event's prevHash ${row.prevHash.slice(0, 16)}… is not the genesis hash`);
        }
        checkContent(row, breaks);
        if (atCheckpoint) {
          if (row.globalPosition !== checkpoint.position) {
            breaks.add('CHECKPOINT_MISMATCH', row, `the checkpoint signed position ${checkpoint.position}, which is missing from the log`);
          } else if (row.hash !== checkpoint.headHash) {
            breaks.add('CHECKPOINT_MISMATCH', row, `the checkpoint signed hash ${checkpoint.headHash.slice(0, 16)}… at position ${checkpoint.position}; the log holds ${row.hash.slice(0, 16)}…`);
          }
        }
      }
      if (atCheckpoint) checkpointSeen = true;
      previous = link;
    }
    options.onProgress?.(eventsChecked);
    if (links.length < batchSize) break;
  }
  const headPosition = previous?.globalPosition ?? 0;
  const headHash = previous?.hash ?? GENESIS_HASH;
  if (checkpoint && !checkpointSeen && checkpoint.position > 0) {
    breaks.add('TRUNCATED', null, `the checkpoint signed position ${checkpoint.position} (hash ${checkpoint.headHash.slice(0, 16)}…), but the log ends at position ${headPosition}: ${checkpoint.position - headPosition} event(s) were cut off`);
  }
  const recorded = await source.recordedHead();
  if (recorded && (recorded.position !== headPosition || recorded.hash !== headHash)) {
    breaks.add('HEAD_MISMATCH', null, `log_head records position ${recorded.position} (hash ${recorded.hash.slice(0, 16)}…), the last event is at ${headPosition} (hash ${headHash.slice(0, 16)}…)`);
  }

  // Pass 2: stream versions, checked in the database; only the rows that break them come back.
  const streamsChecked = await source.streamCount();
  for (const { key, previous } of await source.versionAnomalies()) {
    if (!previous) {
      breaks.add('VERSION_GAP', key, `stream ${key.streamId} starts at version ${key.streamVersion}: versions 1–${key.streamVersion - 1} are missing`);
      continue;
    }
    if (key.streamVersion === previous.streamVersion) {
      breaks.add('VERSION_DUPLICATE', key, `stream ${key.streamId} holds version ${key.streamVersion} twice (positions ${previous.globalPosition} and ${key.globalPosition})`);
      continue;
    }
    if (key.streamVersion !== previous.streamVersion + 1) {
      breaks.add('VERSION_GAP', key, `stream ${key.streamId} goes from version ${previous.streamVersion} to ${key.streamVersion}: ${key.streamVersion - previous.streamVersion - 1} version(s) missing`);
    }
    if (key.globalPosition < previous.globalPosition) {
      breaks.add('VERSION_ORDER', key, `stream ${key.streamId}: version ${key.streamVersion} is at position ${key.globalPosition}, before version ${previous.streamVersion} at ${previous.globalPosition}`);
    }
  }

  // Pass 3: eventIds unique, likewise.
  for (const { key, earlierPosition } of await source.duplicateEventIds()) {
    breaks.add('DUPLICATE_EVENT_ID', key, `eventId ${key.eventId} is stored at positions ${earlierPosition} and ${key.globalPosition}`);
  }

  return {
    source: source.description,
    intact: breaks.total === 0,
    eventsChecked,
    streamsChecked,
    headPosition,
    headHash,
    breaksTotal: breaks.total,
    breaksByKind: breaks.byKind,
    breaks: breaks.listed,
    checkpoint: checkpoint ? { position: checkpoint.position, headHash: checkpoint.headHash, extended: !breaks.byKind.CHECKPOINT_MISMATCH && !breaks.byKind.TRUNCATED && breaks.total === 0 } : null,
    durationMs: Date.now() - started,
  };
}

function checkContent(row: RawEventRow, breaks: BreakList): void {
  // The fast path: the stored bytes hash to the stored hash, so they are exactly the canonical
  // bytes hashed when the event was written. Only a row that fails is parsed, to say what is wrong.
  const fast = row.dataBytes && row.metadataBytes ? computeEventHashFromStoredBytes(row, row.dataBytes, row.metadataBytes) : computeEventHashFromStoredText(row);
  if (fast === row.hash) return;
  const data = parse(row.dataText);
  const metadata = parse(row.metadataText);
  if ('error' in data || 'error' in metadata) {
    breaks.add('UNREADABLE_EVENT', row, `${'error' in data ? `data: ${data.error}` : ''}${'error' in data && 'error' in metadata ? '; ' : ''}${'error' in metadata ? `metadata: ${metadata.error}` : ''}`);
    return;
  }
  let recomputed: string;
  try {
    if (canonicalJson(data.value) !== row.dataText || canonicalJson(metadata.value) !== row.metadataText) {
      breaks.add('NON_CANONICAL_TEXT', row, `the stored ${canonicalJson(data.value) !== row.dataText ? 'data' : 'metadata'} text is not in canonical form (its bytes are not the bytes that were hashed)`);
    }
    recomputed = computeEventHash({
      eventId: row.eventId,
      streamId: row.streamId,
      streamVersion: row.streamVersion,
      globalPosition: row.globalPosition,
      type: row.type,
      schemaVersion: row.schemaVersion,
      data: data.value,
      metadata: metadata.value as never,
      recordedAt: row.recordedAt,
      prevHash: row.prevHash,
    });
  } catch (e) {
    breaks.add('UNREADABLE_EVENT', row, `the content cannot be hashed: ${(e as Error).message}`);
    return;
  }
  if (recomputed !== row.hash) {
    breaks.add('HASH_MISMATCH', row, `stored hash ${row.hash.slice(0, 16)}… but the content hashes to ${recomputed.slice(0, 16)}…: ${row.type} ${row.eventId} of ${row.streamId} v${row.streamVersion} was changed`);
  }
}
