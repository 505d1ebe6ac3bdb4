// 评审机构审核: the centre's check of one recommended declaration (stream `centre-review-<applicationId>`).
import { CENTRE_OF_LEVEL, eventTypesOf, Directions, DomainError, EmployerKinds, Levels, compareDates, type CommandContext, type Decider, type Direction, type EmployerKind, type Level } from '@bj/kernel';
import { ProblemList, eventFactory, requireRole, today, type SessionCommand, type SessionEvent } from './shared';

export const centreReviewStreamId = (applicationId: string): string => `centre-review-${applicationId}`;

/** The automatic pre-check (ELIGIBILITY.md) in short: a person decides, the summary says what the machine found. */
export interface EligibilitySummary {
  readonly eligible: boolean;
  readonly route: string | null;
  readonly unmetClauses: readonly string[];
  readonly needsReviewClauses?: readonly string[];
}

/** What the centre reviews: a snapshot of the recommended declaration, frozen at opening. */
export interface ApplicationSnapshot {
  /** The application's id in the session (the service may reuse the declaration id). */
  readonly applicationId: string;
  readonly declarationId: string;
  readonly year: number;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly name: string; readonly creditCode: string; readonly kind: EmployerKind };
  readonly level: Level;
  readonly direction: Direction;
  readonly eligibility: EligibilitySummary;
  /** 推荐意见: the employer's opinion, which the committee sees. */
  readonly employerOpinion: string;
}

export interface CorrectionReason {
  /** The declaration field concerned, as a JSON path (e.g. /achievements/2), when there is one. */
  readonly path?: string;
  readonly reason: string;
}

export interface RejectionGround {
  /** A clause code of ELIGIBILITY.md (e.g. SENIOR.EDU, SENIOR.ACH). */
  readonly clause: string;
  readonly reason: string;
}

export type OpenReview = SessionCommand<'OpenReview', ApplicationSnapshot>;
export type AcceptApplication = SessionCommand<'AcceptApplication', { readonly remarks?: string }>;
/** 补正: once per application. */
export type ReturnForCorrection = SessionCommand<'ReturnForCorrection', { readonly reasons: readonly CorrectionReason[]; readonly correctBy?: string }>;
export type ResubmitAfterCorrection = SessionCommand<'ResubmitAfterCorrection', { readonly amendmentRef: string; readonly summary?: string }>;
export type RejectApplication = SessionCommand<'RejectApplication', { readonly grounds: readonly RejectionGround[] }>;
/** 复查: the applicant asks once, after a rejection. */
export type RequestRecheck = SessionCommand<'RequestRecheck', { readonly reason: string }>;
export type DecideRecheck = SessionCommand<'DecideRecheck', { readonly outcome: 'UPHELD' | 'OVERTURNED'; readonly reasons: string }>;
/** Put on a meeting's agenda: from then on the applicant can no longer withdraw. */
export type LockForVote = SessionCommand<'LockForVote', { readonly meetingId: string }>;
export type WithdrawApplication = SessionCommand<'WithdrawApplication', { readonly reason?: string }>;

export type CentreReviewCommand =
  | OpenReview
  | AcceptApplication
  | ReturnForCorrection
  | ResubmitAfterCorrection
  | RejectApplication
  | RequestRecheck
  | DecideRecheck
  | LockForVote
  | WithdrawApplication;

export const REVIEW_STATUSES = ['NOT_OPENED', 'UNDER_REVIEW', 'RETURNED_FOR_CORRECTION', 'ACCEPTED', 'REJECTED', 'RECHECK_REQUESTED', 'WITHDRAWN'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewOpened = SessionEvent<'ReviewOpened', ApplicationSnapshot & { readonly openedBy: string; readonly openedAt: string }>;
export type ApplicationAccepted = SessionEvent<
  'ApplicationAccepted',
  {
    readonly applicationId: string;
    readonly reviewerId: string;
    /** REVIEW: by the reviewer; RECHECK: a recheck overturned the rejection. */
    readonly via: 'REVIEW' | 'RECHECK';
    /** true when the automatic pre-check found the declaration not eligible and a person accepted it anyway. */
    readonly overridesAutomaticCheck: boolean;
    readonly remarks: string | null;
    readonly acceptedAt: string;
  }
>;
export type ApplicationReturnedForCorrection = SessionEvent<
  'ApplicationReturnedForCorrection',
  { readonly applicationId: string; readonly reviewerId: string; readonly reasons: readonly CorrectionReason[]; readonly correctBy: string | null; readonly returnedAt: string }
>;
export type ApplicationResubmitted = SessionEvent<
  'ApplicationResubmitted',
  { readonly applicationId: string; readonly amendmentRef: string; readonly summary: string | null; readonly resubmittedBy: string; readonly resubmittedAt: string }
>;
export type ApplicationRejected = SessionEvent<
  'ApplicationRejected',
  { readonly applicationId: string; readonly reviewerId: string; readonly grounds: readonly RejectionGround[]; readonly rejectedAt: string }
>;
export type RecheckRequested = SessionEvent<'RecheckRequested', { readonly applicationId: string; readonly requestedBy: string; readonly reason: string; readonly requestedAt: string }>;
export type RecheckDecided = SessionEvent<
  'RecheckDecided',
  {
    readonly applicationId: string;
    readonly reviewerId: string;
    /** Who rejected: never the same person as reviewerId. */
    readonly rejectedBy: string;
    readonly outcome: 'UPHELD' | 'OVERTURNED';
    readonly reasons: string;
    readonly decidedAt: string;
  }
>;
export type ApplicationLockedForVote = SessionEvent<'ApplicationLockedForVote', { readonly applicationId: string; readonly meetingId: string; readonly lockedBy: string; readonly lockedAt: string }>;
export type ApplicationWithdrawn = SessionEvent<
  'ApplicationWithdrawn',
  { readonly applicationId: string; readonly withdrawnBy: string; readonly reason: string | null; readonly statusBefore: ReviewStatus; readonly withdrawnAt: string }
>;

export type CentreReviewEvent =
  | ReviewOpened
  | ApplicationAccepted
  | ApplicationReturnedForCorrection
  | ApplicationResubmitted
  | ApplicationRejected
  | RecheckRequested
  | RecheckDecided
  | ApplicationLockedForVote
  | ApplicationWithdrawn;

export interface CentreReviewState {
  readonly status: ReviewStatus;
  readonly application: ApplicationSnapshot | null;
  readonly correctionUsed: boolean;
  readonly correctBy: string | null;
  readonly rejectedBy: string | null;
  readonly recheckRequested: boolean;
  readonly recheckOutcome: 'UPHELD' | 'OVERTURNED' | null;
  readonly lockedForMeetingId: string | null;
}

export const centreReviewInitialState = (): CentreReviewState => ({
  status: 'NOT_OPENED',
  application: null,
  correctionUsed: false,
  correctBy: null,
  rejectedBy: null,
  recheckRequested: false,
  recheckOutcome: null,
  lockedForMeetingId: null,
});

/** The snapshot's own fields, without the command's type, actor and time. */
export function snapshotOf(a: ApplicationSnapshot): ApplicationSnapshot {
  return {
    applicationId: a.applicationId,
    declarationId: a.declarationId,
    year: a.year,
    applicant: { name: a.applicant.name, idNumber: a.applicant.idNumber },
    employer: { name: a.employer.name, creditCode: a.employer.creditCode, kind: a.employer.kind },
    level: a.level,
    direction: a.direction,
    eligibility: {
      eligible: a.eligibility.eligible,
      route: a.eligibility.route,
      unmetClauses: [...a.eligibility.unmetClauses],
      ...(a.eligibility.needsReviewClauses ? { needsReviewClauses: [...a.eligibility.needsReviewClauses] } : {}),
    },
    employerOpinion: a.employerOpinion,
  };
}

const event = eventFactory<CentreReviewEvent>();

function validateSnapshot(a: ApplicationSnapshot): void {
  const p = new ProblemList();
  p.text(a.applicationId, '/applicationId');
  p.text(a.declarationId, '/declarationId');
  p.integer(a.year, '/year', 2020, 2100);
  p.text(a.applicant?.name, '/applicant/name');
  p.check(typeof a.applicant?.idNumber === 'string' && /^[0-9]{17}[0-9X]$/.test(a.applicant.idNumber), '/applicant/idNumber', 'must be an 18-character ID number');
  p.text(a.employer?.name, '/employer/name');
  p.text(a.employer?.creditCode, '/employer/creditCode');
  p.check(EmployerKinds.is(a.employer?.kind), '/employer/kind', `must be one of ${EmployerKinds.values.join(', ')}`);
  p.check(Levels.is(a.level), '/level', `must be one of ${Levels.values.join(', ')}`);
  p.check(Directions.is(a.direction), '/direction', `must be one of ${Directions.values.join(', ')}`);
  p.check(typeof a.eligibility?.eligible === 'boolean', '/eligibility/eligible', 'must be true or false');
  p.check(a.eligibility?.route === null || typeof a.eligibility?.route === 'string', '/eligibility/route', 'must be a clause code or null');
  p.check(Array.isArray(a.eligibility?.unmetClauses), '/eligibility/unmetClauses', 'must be a list of clause codes');
  p.text(a.employerOpinion, '/employerOpinion');
  p.throwIfAny('The review cannot be opened');
}

function requireReviewer(command: CommandContext, state: CentreReviewState, what: string): ApplicationSnapshot {
  requireRole(command, ['CENTRE_STAFF'], what);
  const app = requireApplication(state);
  const centre = CENTRE_OF_LEVEL[app.level];
  if (command.actor.centre && command.actor.centre !== centre) {
    throw DomainError.forbidden(`${app.level} is reviewed by ${centre}; ${command.actor.id} belongs to ${command.actor.centre}`, 'WRONG_CENTRE');
  }
  return app;
}

function requireApplication(state: CentreReviewState): ApplicationSnapshot {
  if (!state.application) throw DomainError.notFound('No review is open for this application', 'REVIEW_NOT_OPENED');
  return state.application;
}

function requireStatus(state: CentreReviewState, allowed: readonly ReviewStatus[], code: string, what: string): void {
  if (!allowed.includes(state.status)) throw DomainError.rule(code, `${what} is not possible while the application is ${state.status} (needs ${allowed.join(' or ')})`);
}

export function decideCentreReview(command: CentreReviewCommand, state: CentreReviewState): CentreReviewEvent[] {
    const by = command.actor.id;
  const at = command.now;
  switch (command.type) {
    case 'OpenReview': {
      requireRole(command, ['CENTRE_STAFF', 'EMPLOYER'], 'Opening the review of a recommended declaration');
      if (state.application) throw DomainError.conflict(`The review of ${state.application.applicationId} is already open`, 'REVIEW_ALREADY_OPENED');
      validateSnapshot(command);
      return [event('ReviewOpened', { ...snapshotOf(command), openedBy: by, openedAt: at })];
    }
    case 'AcceptApplication': {
      const app = requireReviewer(command, state, 'Accepting an application');
      requireStatus(state, ['UNDER_REVIEW'], 'NOT_UNDER_REVIEW', 'Accepting');
      const p = new ProblemList();
      const remarks = p.optionalText(command.remarks, '/remarks');
      p.throwIfAny('The application cannot be accepted');
      if (!app.eligibility.eligible && !remarks) {
        throw DomainError.rule('ACCEPTANCE_NEEDS_JUSTIFICATION', `The automatic check found unmet clauses (${app.eligibility.unmetClauses.join(', ') || 'none listed'}); accepting anyway needs remarks explaining why`, [{ path: '/remarks', message: 'is required when the automatic check is not eligible' }]);
      }
      return [event('ApplicationAccepted', { applicationId: app.applicationId, reviewerId: by, via: 'REVIEW', overridesAutomaticCheck: !app.eligibility.eligible, remarks, acceptedAt: at })];
    }
    case 'ReturnForCorrection': {
      const app = requireReviewer(command, state, 'Returning an application for correction');
      if (state.correctionUsed) throw DomainError.rule('CORRECTION_ALREADY_USED', 'An application is returned for correction (补正) only once; accept or reject it now');
      requireStatus(state, ['UNDER_REVIEW'], 'NOT_UNDER_REVIEW', 'Returning for correction');
      const p = new ProblemList();
      if (p.check(Array.isArray(command.reasons) && command.reasons.length > 0, '/reasons', 'needs at least one reason')) {
        command.reasons.forEach((r, i) => p.text(r?.reason, `/reasons/${i}/reason`));
      }
      if (command.correctBy !== undefined) p.date(command.correctBy, '/correctBy');
      p.throwIfAny('The application cannot be returned');
      return [
        event('ApplicationReturnedForCorrection', {
          applicationId: app.applicationId,
          reviewerId: by,
          reasons: command.reasons.map((r) => (r.path ? { path: r.path, reason: r.reason } : { reason: r.reason })),
          correctBy: command.correctBy ?? null,
          returnedAt: at,
        }),
      ];
    }
    case 'ResubmitAfterCorrection': {
      requireRole(command, ['APPLICANT'], 'Resubmitting after correction');
      const app = requireApplication(state);
      requireStatus(state, ['RETURNED_FOR_CORRECTION'], 'NOT_RETURNED_FOR_CORRECTION', 'Resubmitting');
      const p = new ProblemList();
      p.text(command.amendmentRef, '/amendmentRef');
      const summary = p.optionalText(command.summary, '/summary');
      p.throwIfAny('The correction cannot be resubmitted');
      return [event('ApplicationResubmitted', { applicationId: app.applicationId, amendmentRef: command.amendmentRef, summary, resubmittedBy: by, resubmittedAt: at })];
    }
    case 'RejectApplication': {
      const app = requireReviewer(command, state, 'Rejecting an application');
      if (state.status === 'RETURNED_FOR_CORRECTION') {
        // The applicant let the correction deadline pass: the reviewer may reject without waiting longer.
        const on = today(command);
        if (!state.correctBy || compareDates(on, state.correctBy) <= 0) {
          throw DomainError.rule('CORRECTION_PENDING', `The application is out for correction${state.correctBy ? ` until ${state.correctBy}` : ' without a deadline'}; it can be rejected only once it is resubmitted or the deadline has passed`);
        }
      } else {
        requireStatus(state, ['UNDER_REVIEW'], 'NOT_UNDER_REVIEW', 'Rejecting');
      }
      const p = new ProblemList();
      if (p.check(Array.isArray(command.grounds) && command.grounds.length > 0, '/grounds', 'needs at least one ground (clause code and reason)')) {
        command.grounds.forEach((g, i) => {
          p.text(g?.clause, `/grounds/${i}/clause`);
          p.text(g?.reason, `/grounds/${i}/reason`);
        });
      }
      p.throwIfAny('The application cannot be rejected');
      return [event('ApplicationRejected', { applicationId: app.applicationId, reviewerId: by, grounds: command.grounds.map((g) => ({ clause: g.clause, reason: g.reason })), rejectedAt: at })];
    }
    case 'RequestRecheck': {
      requireRole(command, ['APPLICANT'], 'Requesting a recheck');
      const app = requireApplication(state);
      if (state.recheckRequested) throw DomainError.rule('RECHECK_ALREADY_REQUESTED', 'A recheck (复查) can be requested only once');
      requireStatus(state, ['REJECTED'], 'RECHECK_ONLY_AFTER_REJECTION', 'Requesting a recheck');
      const p = new ProblemList();
      p.text(command.reason, '/reason');
      p.throwIfAny('The recheck cannot be requested');
      return [event('RecheckRequested', { applicationId: app.applicationId, requestedBy: by, reason: command.reason, requestedAt: at })];
    }
    case 'DecideRecheck': {
      const app = requireReviewer(command, state, 'Deciding a recheck');
      requireStatus(state, ['RECHECK_REQUESTED'], 'NO_RECHECK_PENDING', 'Deciding a recheck');
      if (by === state.rejectedBy) {
        throw DomainError.rule('RECHECK_SAME_REVIEWER', `A recheck is decided by a different reviewer than the one who rejected (${state.rejectedBy})`);
      }
      const p = new ProblemList();
      p.check(command.outcome === 'UPHELD' || command.outcome === 'OVERTURNED', '/outcome', 'must be UPHELD or OVERTURNED');
      p.text(command.reasons, '/reasons');
      p.throwIfAny('The recheck cannot be decided');
      const decided = event('RecheckDecided', { applicationId: app.applicationId, reviewerId: by, rejectedBy: state.rejectedBy ?? '', outcome: command.outcome, reasons: command.reasons, decidedAt: at });
      if (command.outcome === 'UPHELD') return [decided];
      return [decided, event('ApplicationAccepted', { applicationId: app.applicationId, reviewerId: by, via: 'RECHECK', overridesAutomaticCheck: !app.eligibility.eligible, remarks: command.reasons, acceptedAt: at })];
    }
    case 'LockForVote': {
      const app = requireReviewer(command, state, 'Locking an application for the vote');
      requireStatus(state, ['ACCEPTED'], 'APPLICATION_NOT_ACCEPTED', 'Locking for the vote');
      if (state.lockedForMeetingId) throw DomainError.conflict(`Already locked for meeting ${state.lockedForMeetingId}`, 'ALREADY_LOCKED_FOR_VOTE');
      const p = new ProblemList();
      p.text(command.meetingId, '/meetingId');
      p.throwIfAny('The application cannot be locked');
      return [event('ApplicationLockedForVote', { applicationId: app.applicationId, meetingId: command.meetingId, lockedBy: by, lockedAt: at })];
    }
    case 'WithdrawApplication': {
      requireRole(command, ['APPLICANT'], 'Withdrawing an application');
      const app = requireApplication(state);
      if (state.status === 'WITHDRAWN') throw DomainError.conflict('The application is already withdrawn', 'ALREADY_WITHDRAWN');
      if (state.lockedForMeetingId) {
        throw DomainError.rule('WITHDRAWAL_TOO_LATE', `The application is on the agenda of meeting ${state.lockedForMeetingId}; it can no longer be withdrawn before the vote`);
      }
      const p = new ProblemList();
      const reason = p.optionalText(command.reason, '/reason');
      p.throwIfAny('The application cannot be withdrawn');
      return [event('ApplicationWithdrawn', { applicationId: app.applicationId, withdrawnBy: by, reason, statusBefore: state.status, withdrawnAt: at })];
    }
  }
}

export function evolveCentreReview(state: CentreReviewState, e: CentreReviewEvent): CentreReviewState {
  switch (e.type) {
    case 'ReviewOpened': {
      const { openedBy: _b, openedAt: _a, ...application } = e.data;
      return { ...state, status: 'UNDER_REVIEW', application };
    }
    case 'ApplicationAccepted':
      return { ...state, status: 'ACCEPTED' };
    case 'ApplicationReturnedForCorrection':
      return { ...state, status: 'RETURNED_FOR_CORRECTION', correctionUsed: true, correctBy: e.data.correctBy };
    case 'ApplicationResubmitted':
      return { ...state, status: 'UNDER_REVIEW' };
    case 'ApplicationRejected':
      return { ...state, status: 'REJECTED', rejectedBy: e.data.reviewerId };
    case 'RecheckRequested':
      return { ...state, status: 'RECHECK_REQUESTED', recheckRequested: true };
    case 'RecheckDecided':
      return { ...state, status: e.data.outcome === 'UPHELD' ? 'REJECTED' : state.status, recheckOutcome: e.data.outcome };
    case 'ApplicationLockedForVote':
      return { ...state, lockedForMeetingId: e.data.meetingId };
    case 'ApplicationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
  }
}

export const centreReviewDecider: Decider<CentreReviewCommand, CentreReviewEvent, CentreReviewState> = {
  initialState: centreReviewInitialState,
  decide: decideCentreReview,
  evolve: evolveCentreReview,
};

/** Every type of centre-review event. */
export const CENTRE_REVIEW_EVENT_TYPES = eventTypesOf<CentreReviewEvent['type']>({
  ReviewOpened: true,
  ApplicationAccepted: true,
  ApplicationReturnedForCorrection: true,
  ApplicationResubmitted: true,
  ApplicationRejected: true,
  RecheckRequested: true,
  RecheckDecided: true,
  ApplicationLockedForVote: true,
  ApplicationWithdrawn: true,
});
