import { CanonicalJsonError, canonicalJson } from './canonical-json';
import { type ArgumentProblem, EventStoreArgumentError, IdempotencyConflictError } from './errors';
import type { AppendResult, EventMetadata, ExpectedVersion, NewEvent, ProjectedEvent, StoredEvent } from './event-store.port';
import { computeEventHashFromStoredText } from './hash-chain';

/** A validated new event with its data and metadata already written as canonical JSON (the stored text). */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** A hashed event ready to insert, with the canonical texts stored for data and metadata. */
export interface EventRow {
  readonly event: StoredEvent;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const isNonEmptyString = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

/**
 * Validates an append before any I/O and writes data/metadata as canonical JSON.
 * An optional metadata member set to `undefined` (causationId) is dropped, as JSON would;
 * `undefined` inside `data` is refused so that what is hashed is exactly what is stored.
 */
export function prepareAppend(
  streamId: unknown,
  events: unknown,
  expectedVersion: unknown,
): PreparedEvent[] {
  const problems: ArgumentProblem[] = [];
  if (!isNonEmptyString(streamId)) problems.push({ path: 'streamId', message: 'must be a non-empty string' });
  if (!(expectedVersion === 'any' || (Number.isSafeInteger(expectedVersion) && (expectedVersion as number) >= 0))) {
    problems.push({ path: 'expectedVersion', message: "must be 'any' or an integer >= 0 (0: the stream must not exist yet)" });
  }
  if (!Array.isArray(events) || events.length === 0) {
    problems.push({ path: 'events', message: 'must be a non-empty array' });
    throw new EventStoreArgumentError(problems);
  }
  const prepared: PreparedEvent[] = [];
  const seen = new Set<string>();
  events.forEach((candidate: unknown, index) => {
    const at = `events[${index}]`;
    if (typeof candidate !== 'object' || candidate === null) {
      problems.push({ path: at, message: 'must be an object' });
      return;
    }
    const event = candidate as Partial<NewEvent>;
    const before = problems.length;
    if (!isNonEmptyString(event.eventId)) problems.push({ path: `${at}.eventId`, message: 'must be a non-empty string' });
    else if (seen.has(event.eventId)) problems.push({ path: `${at}.eventId`, message: `${event.eventId} appears twice in this append` });
    else seen.add(event.eventId);
    if (!isNonEmptyString(event.type)) problems.push({ path: `${at}.type`, message: 'must be a non-empty string' });
    if (!(Number.isSafeInteger(event.schemaVersion) && (event.schemaVersion as number) >= 1)) {
      problems.push({ path: `${at}.schemaVersion`, message: 'must be an integer >= 1' });
    }
    const metadata = normalizeMetadata(event.metadata, `${at}.metadata`, problems);
    const dataJson = toCanonical(event.data, `${at}.data`, problems);
    const metadataJson = metadata ? toCanonical(metadata, `${at}.metadata`, problems) : undefined;
    if (problems.length === before && metadata && dataJson !== undefined && metadataJson !== undefined) {
      prepared.push({
        eventId: event.eventId as string,
        type: event.type as string,
        schemaVersion: event.schemaVersion as number,
        data: event.data,
        metadata,
        dataJson,
        metadataJson,
      });
    }
  });
  if (problems.length > 0) throw new EventStoreArgumentError(problems);
  return prepared;
}

function normalizeMetadata(value: unknown, at: string, problems: ArgumentProblem[]): EventMetadata | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ path: at, message: 'must be an object' });
    return undefined;
  }
  const metadata = value as Record<string, unknown>;
  const before = problems.length;
  for (const key of ['actorId', 'actorRole', 'correlationId', 'occurredAt'] as const) {
    if (!isNonEmptyString(metadata[key])) problems.push({ path: `${at}.${key}`, message: 'must be a non-empty string' });
  }
  if (metadata['causationId'] !== undefined && !isNonEmptyString(metadata['causationId'])) {
    problems.push({ path: `${at}.causationId`, message: 'must be a non-empty string when present' });
  }
  if (problems.length > before) return undefined;
  const normalized: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(metadata)) if (member !== undefined) normalized[key] = member;
  return normalized as unknown as EventMetadata;
}

function toCanonical(value: unknown, at: string, problems: ArgumentProblem[]): string | undefined {
  try {
    return canonicalJson(value, at);
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      problems.push({ path: error.path, message: error.reason });
      return undefined;
    }
    throw error;
  }
}

/** Assigns stream versions and global positions after the given heads and chains the hashes. */
export function chainEvents(
  streamId: string,
  prepared: readonly PreparedEvent[],
  head: { readonly streamVersion: number; readonly globalPosition: number; readonly hash: string },
  recordedAt: string,
): EventRow[] {
  if (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt))) {
    throw new Error(`The store clock returned ${JSON.stringify(recordedAt)}, not an ISO instant`);
  }
  let prevHash = head.hash;
  return prepared.map((p, i) => {
    const unhashed = {
      eventId: p.eventId,
      streamId,
      streamVersion: head.streamVersion + i + 1,
      globalPosition: head.globalPosition + i + 1,
      type: p.type,
      schemaVersion: p.schemaVersion,
      data: p.data,
      metadata: p.metadata,
      recordedAt,
      prevHash,
    };
    // hashed from the canonical text already written for the row (equal to computeEventHash, property-tested)
    const hash = computeEventHashFromStoredText({ ...unhashed, dataText: p.dataJson, metadataText: p.metadataJson });
    const event: StoredEvent = { ...unhashed, hash };
    prevHash = event.hash;
    return { event, dataJson: p.dataJson, metadataJson: p.metadataJson };
  });
}

/** Checks a numeric expectation against the stream's current version. */
export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  return expected === 'any' || expected === actual;
}

/** Raw row shape shared by both stores (PostgreSQL returns BIGINT as a string). */
export interface EventRecord {
  readonly global_position: number | string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: number | string;
  readonly type: string;
  readonly schema_version: number | string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns of a row a projection reads (ProjectedEvent). */
export type ProjectedRecord = Pick<EventRecord, 'global_position' | 'stream_id' | 'stream_version' | 'type' | 'schema_version' | 'data' | 'metadata'>;

export function toProjectedEvent(row: ProjectedRecord): ProjectedEvent {
  return {
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: Number(row.global_position),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}

/** The whole event: the projected members between the event id and the store's time and chain (the key order of every read). */
export function toStoredEvent(row: EventRecord): StoredEvent {
  return { eventId: row.event_id, ...toProjectedEvent(row), recordedAt: row.recorded_at, prevHash: row.prev_hash, hash: row.hash };
}

/** In-process listeners told of every commit; a throwing listener cannot fail the append. */
export class AppendNotifier {
  private readonly listeners = new Set<(globalPosition: number) => void>();

  subscribe(listener: (globalPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(globalPosition: number): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(globalPosition);
      } catch (error) {
        process.emitWarning(`An onAppended listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** The read range of readStream, validated. */
export function streamRange(options: { fromVersion?: number; toVersion?: number } | undefined): [number, number] {
  const from = options?.fromVersion ?? 1;
  const to = options?.toVersion ?? Number.MAX_SAFE_INTEGER;
  const problems: ArgumentProblem[] = [];
  if (!Number.isSafeInteger(from) || from < 1) problems.push({ path: 'fromVersion', message: 'must be an integer >= 1' });
  if (!Number.isSafeInteger(to) || to < 0) problems.push({ path: 'toVersion', message: 'must be an integer >= 0' });
  if (problems.length > 0) throw new EventStoreArgumentError(problems);
  return [from, to];
}

/** The readAll window, validated: events after `after`, at most `limit` (undefined: no limit). */
export function allRange(options: { after?: number; limit?: number; upTo?: number; types?: readonly string[] } | undefined): [number, number | undefined] {
  const after = options?.after ?? 0;
  const limit = options?.limit;
  const problems: ArgumentProblem[] = [];
  if (!Number.isSafeInteger(after) || after < 0) problems.push({ path: 'after', message: 'must be an integer >= 0' });
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) problems.push({ path: 'limit', message: 'must be an integer >= 1' });
  const upTo = options?.upTo;
  if (upTo !== undefined && (!Number.isSafeInteger(upTo) || upTo < 0)) problems.push({ path: 'upTo', message: 'must be an integer >= 0' });
  const types = options?.types;
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => typeof t !== 'string' || t.length === 0))) problems.push({ path: 'types', message: 'must be a list of event types (non-empty strings)' });
  if (problems.length > 0) throw new EventStoreArgumentError(problems);
  return [after, limit];
}

/** Whether a read asks for part of the log only (a range end or some types), which the window of recent events does not serve. */
export function isFilteredRead(options: { upTo?: number; types?: readonly string[] } | undefined): boolean {
  return options?.upTo !== undefined || options?.types !== undefined;
}

/** An append waiting for its group's commit (both stores commit the appends that arrive together as one group). */
export interface QueuedAppend {
  readonly streamId: string;
  readonly prepared: readonly PreparedEvent[];
  readonly expectedVersion: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** What an append transaction did: `appended` is false for an idempotent retry (nothing written). */
export interface AppendOutcome {
  readonly result: AppendResult;
  readonly appended: boolean;
}

/**
 * Some of the eventIds are stored already: a retry of an earlier append is answered with what
 * was stored; a partial overlap, or ids stored in another stream, is a conflict.
 */
export function idempotentResult(
  streamId: string,
  prepared: readonly PreparedEvent[],
  found: readonly EventRecord[],
): AppendResult {
  if (found.length !== prepared.length || found.some((row) => row.stream_id !== streamId)) {
    throw new IdempotencyConflictError(
      streamId,
      prepared.map((p) => p.eventId),
    );
  }
  const events = found.map(toStoredEvent).sort((a, b) => a.globalPosition - b.globalPosition);
  const last = events[events.length - 1];
  return { streamVersion: last.streamVersion, globalPosition: last.globalPosition, events };
}

/** Validates the arguments of saveCheckpoint (and loadCheckpoint when `position` is omitted). */
export function checkCheckpointArgs(name: unknown, position: unknown = 0): void {
  const problems: ArgumentProblem[] = [];
  if (!isNonEmptyString(name)) problems.push({ path: 'name', message: 'must be a non-empty string' });
  if (!(Number.isSafeInteger(position) && (position as number) >= 0)) {
    problems.push({ path: 'position', message: 'must be an integer >= 0' });
  }
  if (problems.length > 0) throw new EventStoreArgumentError(problems);
}
