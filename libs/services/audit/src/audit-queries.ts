// The auditor's read-only questions, answered from the log alone by scanning it in batches.
import type { EventStore, StoredEvent } from '@bj/event-store';
import { DomainError, echo, type WorkingDayCalendar } from '@bj/kernel';
import {
  applicationEventFilter,
  applicationTrail,
  SessionAuditor,
  stateAsOf,
  targetEventFilter,
  type ApplicationTrail,
  type AsOf,
  type PointInTimeState,
  type SessionAuditReport,
  type StateTarget,
} from '@bj/audit-domain';

export interface ScanOptions {
  readonly batchSize?: number;
  /** Called after each batch with the last position read. */
  readonly onProgress?: (position: number) => void;
}

/** Feeds every event of the log, in position order, to `handle`; reads `batchSize` at a time. Returns the events read. */
export async function scanLog(store: Pick<EventStore, 'readAll'>, handle: (event: StoredEvent) => void, options: ScanOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  let after = 0;
  let count = 0;
  for (;;) {
    const batch = await store.readAll({ after, limit: batchSize });
    for (const event of batch) handle(event);
    count += batch.length;
    if (batch.length > 0) after = batch[batch.length - 1].globalPosition;
    options.onProgress?.(after);
    if (batch.length < batchSize) return count;
  }
}

async function collect(store: Pick<EventStore, 'readAll'>, keep: (event: StoredEvent) => boolean, asOf?: AsOf): Promise<StoredEvent[]> {
  const kept: StoredEvent[] = [];
  // Events past a position cut are not needed; the filter still sees earlier ones in order.
  await scanLog(store, (event) => {
    if (asOf?.kind === 'position' && event.globalPosition > asOf.position) return;
    if (keep(event)) kept.push(event);
  });
  return kept;
}

/** The state of a declaration, application, session or certificate as of a time or position. */
export async function pointInTimeState(store: Pick<EventStore, 'readAll'>, target: StateTarget, asOf?: AsOf): Promise<PointInTimeState> {
  return stateAsOf(target, await collect(store, targetEventFilter(target), asOf), asOf);
}

/** Who did what to an application, when, in which role, with the reasons (ballots only as counts). */
export async function applicationTrailOf(store: Pick<EventStore, 'readAll'>, applicationId: string): Promise<ApplicationTrail> {
  const trail = applicationTrail(applicationId, await collect(store, applicationEventFilter(applicationId)));
  if (trail.entries.length === 0) throw DomainError.notFound(`No event concerns application ${echo(applicationId)}`, 'APPLICATION_NOT_FOUND');
  return trail;
}

/** The session audit of a year, from the whole log. */
export async function auditSessionOf(store: Pick<EventStore, 'readAll'>, year: number, calendar: WorkingDayCalendar): Promise<SessionAuditReport> {
  const auditor = new SessionAuditor(year, calendar);
  await scanLog(store, (event) => auditor.add(event));
  return auditor.report();
}
