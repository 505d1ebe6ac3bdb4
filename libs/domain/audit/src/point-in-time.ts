// 时点状态: any aggregate's state as it stood at a moment, rebuilt from the events alone with the
// domain deciders' evolve functions.
import { Centres, DomainError, type Decider, type DomainEvent } from '@bj/kernel';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { certificateDecider } from '@bj/certificate-domain';
import {
  annualSessionDecider,
  annualSessionStreamId,
  candidateBallots,
  centreReviewDecider,
  centreReviewStreamId,
  committeeMeetingDecider,
  expertPanelDecider,
  expertPanelStreamId,
  sessionResultsDecider,
  sessionResultsInitialState,
  sessionResultsStreamId,
  type CommitteeMeetingState,
} from '@bj/session-domain';
import { applicationEventFilter, isCertificateStream, isMeetingStream } from './application-events';
import { isWithin, type AsOf, type AuditedEvent } from './audited-event';

/** Whose state: a declaration, an application (all its streams), a year's session, a certificate. */
export type StateTarget =
  | { readonly kind: 'declaration'; readonly declarationId: string }
  | { readonly kind: 'application'; readonly applicationId: string }
  | { readonly kind: 'session'; readonly year: number }
  | { readonly kind: 'certificate'; readonly certificateNumber: string };

export const certificateStreamIdOf = (certificateNumber: string) => `certificate-${certificateNumber}`;

/** A filter fed the whole log in position order that keeps the events the target's state is folded from. */
export function targetEventFilter(target: StateTarget): (event: AuditedEvent) => boolean {
  switch (target.kind) {
    case 'declaration': {
      const stream = declarationStreamId(target.declarationId);
      return (e) => e.streamId === stream;
    }
    case 'application':
      return applicationEventFilter(target.applicationId);
    case 'session': {
      const streams = new Set([annualSessionStreamId(target.year), ...Centres.values.map((c) => sessionResultsStreamId(target.year, c))]);
      return (e) => streams.has(e.streamId);
    }
    case 'certificate': {
      const stream = certificateStreamIdOf(target.certificateNumber);
      return (e) => e.streamId === stream;
    }
  }
}

/** The state rebuilt, with where the history was cut. */
export interface PointInTimeState {
  readonly target: StateTarget;
  readonly asOf: AsOf | null;
  /** Events folded, and the last of them (null when the target did not exist yet). */
  readonly eventsApplied: number;
  readonly lastGlobalPosition: number | null;
  readonly lastRecordedAt: string | null;
  readonly state: Record<string, unknown>;
}

function foldStream<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>, events: readonly AuditedEvent[], streamId: string): S | null {
  const own = events.filter((e) => e.streamId === streamId);
  if (own.length === 0) return null;
  return own.reduce((state, e) => decider.evolve(state, { type: e.type, schemaVersion: e.schemaVersion, data: e.data } as unknown as E), decider.initialState());
}

/** A candidate's vote as the auditor may see it: counts only, never the ballots (secret ballot). */
function voteSummary(meetingId: string, state: CommitteeMeetingState, candidateId: string) {
  const vote = state.votes[candidateId];
  const { round, choices } = candidateBallots(state, candidateId);
  return {
    meetingId,
    committeeId: state.meeting?.committeeId ?? null,
    meetingOpened: state.opened,
    meetingClosed: state.closed,
    membersPresent: state.present.length,
    status: vote?.status ?? 'ON_AGENDA',
    round: round?.round ?? null,
    requiredYes: round?.requiredYes ?? null,
    ballotsIssued: round?.ballotsIssued ?? 0,
    ballotsCast: choices.length,
    // The counts are public once the vote is closed; while voting they would leak the trend.
    tally: vote && (vote.status === 'PASSED' || vote.status === 'FAILED')
      ? { yes: choices.filter((c) => c === 'YES').length, no: choices.filter((c) => c === 'NO').length, abstain: choices.filter((c) => c === 'ABSTAIN').length }
      : null,
  };
}

/**
 * Folds the target's events recorded up to `asOf` (all when absent) with the deciders. The
 * events must be those kept by `targetEventFilter(target)`, in position order. Throws NOT_FOUND
 * when the target has no event at all up to that moment.
 */
export function stateAsOf(target: StateTarget, events: readonly AuditedEvent[], asOf?: AsOf): PointInTimeState {
  const kept = events.filter((e) => isWithin(e, asOf));
  const last = kept[kept.length - 1];
  const result = (state: Record<string, unknown>): PointInTimeState => ({
    target,
    asOf: asOf ?? null,
    eventsApplied: kept.length,
    lastGlobalPosition: last?.globalPosition ?? null,
    lastRecordedAt: last?.recordedAt ?? null,
    state,
  });
  const notFound = (what: string): never => {
    throw DomainError.notFound(`${what} has no event${asOf ? ` as of ${asOf.kind === 'time' ? asOf.instant : `position ${asOf.position}`}` : ''}`, 'NOTHING_RECORDED');
  };
  switch (target.kind) {
    case 'declaration': {
      const declaration = foldStream(declarationDecider, kept, declarationStreamId(target.declarationId)) ?? notFound(`Declaration ${target.declarationId}`);
      return result({ declaration });
    }
    case 'certificate': {
      const certificate = foldStream(certificateDecider, kept, certificateStreamIdOf(target.certificateNumber)) ?? notFound(`Certificate ${target.certificateNumber}`);
      return result({ certificate });
    }
    case 'session': {
      const session = foldStream(annualSessionDecider, kept, annualSessionStreamId(target.year)) ?? notFound(`Session ${target.year}`);
      const results: Record<string, unknown> = {};
      for (const centre of Centres.values) {
        const state = foldStream(sessionResultsDecider, kept, sessionResultsStreamId(target.year, centre));
        if (state) results[centre] = state;
      }
      return result({ session, results });
    }
    case 'application': {
      const id = target.applicationId;
      if (kept.length === 0) notFound(`Application ${id}`);
      const meetings = [...new Set(kept.filter((e) => isMeetingStream(e.streamId)).map((e) => e.streamId))].map((stream) => {
        const state = foldStream(committeeMeetingDecider, kept, stream) as CommitteeMeetingState;
        return voteSummary(stream.slice('committee-meeting-'.length), state, id);
      });
      const results = [...new Set(kept.filter((e) => e.streamId.startsWith('session-results-')).map((e) => e.streamId))].map((stream) => {
        // The stream has events in `kept` (its id comes from them), so the fold is never null.
        const state = foldStream(sessionResultsDecider, kept, stream) ?? sessionResultsInitialState();
        return {
          streamId: stream,
          status: state.status,
          passed: state.passed.some((p) => p.applicationId === id),
          acceptedOn: state.acceptedOn,
          notices: state.notices
            .filter((n) => n.entries.some((entry) => entry.applicationId === id))
            .map((n) => ({ noticeId: n.noticeId, site: n.site, period: n.period, closedOn: n.closedOn, objections: n.objections.filter((o) => o.applicationId === id) })),
        };
      }).filter((r) => r.passed || r.notices.length > 0);
      const certificates = [...new Set(kept.filter((e) => isCertificateStream(e.streamId)).map((e) => e.streamId))].map((stream) => foldStream(certificateDecider, kept, stream));
      return result({
        applicationId: id,
        declaration: foldStream(declarationDecider, kept, declarationStreamId(id)),
        centreReview: foldStream(centreReviewDecider, kept, centreReviewStreamId(id)),
        expertPanel: foldStream(expertPanelDecider, kept, expertPanelStreamId(id)),
        meetings,
        results,
        certificates,
      });
    }
  }
}

/** Exactly one of the four selectors, as given on the command line or in a query string. */
export function parseStateTarget(selectors: { declaration?: string; application?: string; session?: string; certificate?: string }): StateTarget | { readonly error: string } {
  const given = (Object.entries(selectors) as [keyof typeof selectors, string | undefined][]).filter(([, v]) => v !== undefined && v !== '');
  if (given.length !== 1) return { error: `give exactly one of declaration, application, session, certificate (got ${given.length === 0 ? 'none' : given.map(([k]) => k).join(', ')})` };
  const [kind, value] = given[0] as [keyof typeof selectors, string];
  switch (kind) {
    case 'declaration':
      return { kind: 'declaration', declarationId: value };
    case 'application':
      return { kind: 'application', applicationId: value };
    case 'certificate':
      return { kind: 'certificate', certificateNumber: value };
    case 'session': {
      if (!/^\d{4}$/.test(value)) return { error: `session: "${value}" is not a year (YYYY)` };
      return { kind: 'session', year: Number(value) };
    }
  }
}
