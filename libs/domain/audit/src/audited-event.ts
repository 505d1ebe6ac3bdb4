/**
 * An event as the auditor reads it back from the log: the stored envelope of @bj/event-store,
 * restated structurally so that this pure library needs no infrastructure.
 */
export interface AuditedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: {
    readonly actorId: string;
    readonly actorRole: string;
    readonly correlationId: string;
    readonly causationId?: string;
    readonly occurredAt: string;
  };
  readonly recordedAt: string;
}

/** "As of": either an instant (events recorded at or before it) or a global position (events at or before it). */
export type AsOf = { readonly kind: 'time'; readonly instant: string } | { readonly kind: 'position'; readonly position: number };

/** Parses `--as-of`: a whole number is a global position, anything else must be an ISO date or instant. */
export function parseAsOf(text: string): AsOf | { readonly error: string } {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const position = Number(trimmed);
    if (!Number.isSafeInteger(position)) return { error: `asOf: ${trimmed} is too large for a global position` };
    return { kind: 'position', position };
  }
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(trimmed)) {
    return { error: `asOf: "${text}" is neither a global position (a whole number) nor an ISO date or instant (2026-09-30T12:00:00Z, 2026-09-30 = end of that day in Beijing)` };
  }
  const [year, month, day] = trimmed.slice(0, 10).split('-').map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCFullYear() !== year || calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    return { error: `asOf: "${text}" is not a valid date or instant` };
  }
  const isDateOnly = trimmed.length === 10;
  // A bare date means the end of that calendar day in Beijing (UTC+8).
  const millis = isDateOnly ? Date.parse(`${trimmed}T23:59:59.999+08:00`) : Date.parse(trimmed);
  if (Number.isNaN(millis)) return { error: `asOf: "${text}" is not a valid date or instant` };
  return { kind: 'time', instant: new Date(millis).toISOString() };
}

/** True when the event belongs to the history as it stood at `asOf`. */
export function isWithin(event: Pick<AuditedEvent, 'recordedAt' | 'globalPosition'>, asOf: AsOf | undefined): boolean {
  if (!asOf) return true;
  if (asOf.kind === 'position') return event.globalPosition <= asOf.position;
  return Date.parse(event.recordedAt) <= Date.parse(asOf.instant);
}

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The data of an event as a record (events written by this system always carry an object). */
export const dataOf = (event: Pick<AuditedEvent, 'data'>): Record<string, unknown> => (isRecord(event.data) ? event.data : {});
