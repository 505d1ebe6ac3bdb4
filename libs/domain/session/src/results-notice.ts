// 验收及公示: HRSS's acceptance of a centre's results and the public notice of those who passed
// (stream `session-results-<year>-<centre>`).
import {
  CENTRE_OF_LEVEL,
  Centres,
  DIRECTION_LABEL,
  Directions,
  DomainError,
  echo,
  LEVEL_LABEL,
  Levels,
  addDays,
  compareDates,
  type Centre,
  type Decider,
  type Direction,
  type Level,
  type PublicityRule,
  type WorkingDayCalendar,
} from '@bj/kernel';
import { ProblemList, duplicates, eventFactory, maskIdNumber, requireRole, today, type SessionCommand, type SessionEvent } from './shared';

export const sessionResultsStreamId = (year: number, centre: Centre): string => `session-results-${year}-${centre}`;

/** Where a list is published (五、(六)): intermediate and junior on the centre's site, senior levels on HRSS's. */
export const NoticeSites = ['BJ_INFO_INDUSTRY_CENTRE', 'HRSS'] as const;
export type NoticeSite = (typeof NoticeSites)[number];
export const NOTICE_SITE_LABEL: Record<NoticeSite, string> = {
  BJ_INFO_INDUSTRY_CENTRE: '北京信息产业考评服务中心网站',
  HRSS: '北京市人力资源和社会保障局网站',
};
export const NOTICE_SITE_OF_LEVEL: Record<Level, NoticeSite> = {
  ASSISTANT_ENGINEER: 'BJ_INFO_INDUSTRY_CENTRE',
  ENGINEER: 'BJ_INFO_INDUSTRY_CENTRE',
  SENIOR_ENGINEER: 'HRSS',
  PROFESSORATE_SENIOR_ENGINEER: 'HRSS',
};

/** One applicant who passed the committee's vote (from CandidatePassed). */
export interface PassedApplicant {
  readonly applicationId: string;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly name: string };
  readonly level: Level;
  readonly direction: Direction;
  readonly committeeId: string;
  readonly meetingId: string;
  /** The day of the vote: the qualification date. */
  readonly decidedOn: string;
}

/** 验收: the four things HRSS checks (五、(六)). */
export interface AcceptanceChecks {
  readonly materials: boolean;
  readonly scope: boolean;
  readonly procedure: boolean;
  readonly quality: boolean;
}
const CHECK_KEYS = ['materials', 'scope', 'procedure', 'quality'] as const;

export interface NoticePeriod {
  readonly firstDay: string;
  /** The last day of the notice, computed by the caller from the working-day calendar. */
  readonly lastDay: string;
}

/** What the public page shows: no full ID number, no phone, no e-mail, no score. */
export interface NoticeEntry {
  readonly applicationId: string;
  readonly name: string;
  /** 110105********1234 */
  readonly maskedIdNumber: string;
  readonly employerName: string;
  readonly level: Level;
  readonly levelLabel: string;
  readonly direction: Direction;
  readonly directionLabel: string;
}

export type SubmitResults = SessionCommand<'SubmitResults', { readonly year: number; readonly centre: Centre; readonly meetingIds: readonly string[]; readonly passed: readonly PassedApplicant[] }>;
export type AcceptResults = SessionCommand<'AcceptResults', { readonly checks: AcceptanceChecks; readonly remarks?: string }>;
export type SendBackResults = SessionCommand<'SendBackResults', { readonly reasons: readonly string[]; readonly checks?: Partial<AcceptanceChecks> }>;
export type PublishNotice = SessionCommand<'PublishNotice', { readonly noticeId: string; readonly site: NoticeSite; readonly period: NoticePeriod; readonly publicityRule: PublicityRule }>;
/** Anyone may object during the period; `contact` stays internal. */
export type RaiseNoticeObjection = SessionCommand<'RaiseNoticeObjection', { readonly noticeId: string; readonly objectionId: string; readonly applicationId: string; readonly content: string; readonly contact?: string }>;
export type ResolveNoticeObjection = SessionCommand<'ResolveNoticeObjection', { readonly noticeId: string; readonly objectionId: string; readonly outcome: 'UPHELD' | 'DISMISSED'; readonly findings: string }>;
export type CloseNotice = SessionCommand<'CloseNotice', { readonly noticeId: string }>;
export type SessionResultsCommand = SubmitResults | AcceptResults | SendBackResults | PublishNotice | RaiseNoticeObjection | ResolveNoticeObjection | CloseNotice;

export type ResultsSubmitted = SessionEvent<
  'ResultsSubmitted',
  { readonly year: number; readonly centre: Centre; readonly submission: number; readonly meetingIds: readonly string[]; readonly passed: readonly PassedApplicant[]; readonly submittedBy: string; readonly submittedAt: string }
>;
export type ResultsAccepted = SessionEvent<
  'ResultsAccepted',
  { readonly year: number; readonly centre: Centre; readonly submission: number; readonly checks: AcceptanceChecks; readonly remarks: string | null; readonly acceptedBy: string; readonly acceptedOn: string; readonly acceptedAt: string }
>;
export type ResultsSentBack = SessionEvent<
  'ResultsSentBack',
  { readonly year: number; readonly centre: Centre; readonly submission: number; readonly reasons: readonly string[]; readonly checks: Partial<AcceptanceChecks>; readonly sentBackBy: string; readonly sentBackAt: string }
>;
export type NoticePublished = SessionEvent<
  'NoticePublished',
  {
    readonly noticeId: string;
    readonly year: number;
    readonly centre: Centre;
    readonly site: NoticeSite;
    readonly siteLabel: string;
    readonly period: NoticePeriod;
    readonly publicityRule: PublicityRule;
    readonly entries: readonly NoticeEntry[];
    readonly publishedBy: string;
    readonly publishedAt: string;
  }
>;
export type NoticeObjectionRaised = SessionEvent<
  'NoticeObjectionRaised',
  { readonly noticeId: string; readonly objectionId: string; readonly applicationId: string; readonly content: string; readonly contact: string | null; readonly raisedBy: string; readonly raisedOn: string }
>;
export type NoticeObjectionResolved = SessionEvent<
  'NoticeObjectionResolved',
  { readonly noticeId: string; readonly objectionId: string; readonly applicationId: string; readonly outcome: 'UPHELD' | 'DISMISSED'; readonly findings: string; readonly resolvedBy: string; readonly resolvedAt: string }
>;
export type NoticeClosed = SessionEvent<
  'NoticeClosed',
  {
    readonly noticeId: string;
    readonly closedOn: string;
    /** Entries that go on to certification. */
    readonly cleared: readonly string[];
    /** Entries stopped by an upheld objection. */
    readonly withheld: readonly { readonly applicationId: string; readonly objectionIds: readonly string[] }[];
    readonly closedBy: string;
  }
>;
/** Consumed by the certificate service (发放证书). */
export type ApplicantReadyForCertification = SessionEvent<
  'ApplicantReadyForCertification',
  {
    readonly year: number;
    readonly centre: Centre;
    readonly noticeId: string;
    readonly applicationId: string;
    readonly applicant: { readonly name: string; readonly idNumber: string };
    readonly employerName: string;
    readonly level: Level;
    readonly direction: Direction;
    readonly committeeId: string;
    readonly meetingId: string;
    /** = the date of the committee's decision. */
    readonly qualificationDate: string;
  }
>;
export type SessionResultsEvent =
  | ResultsSubmitted
  | ResultsAccepted
  | ResultsSentBack
  | NoticePublished
  | NoticeObjectionRaised
  | NoticeObjectionResolved
  | NoticeClosed
  | ApplicantReadyForCertification;

export interface NoticeObjection {
  readonly objectionId: string;
  readonly applicationId: string;
  readonly status: 'OPEN' | 'UPHELD' | 'DISMISSED';
}

export interface NoticeState {
  readonly noticeId: string;
  readonly site: NoticeSite;
  readonly period: NoticePeriod;
  readonly entries: readonly NoticeEntry[];
  readonly objections: readonly NoticeObjection[];
  readonly closedOn: string | null;
}

export interface SessionResultsState {
  readonly status: 'NOT_SUBMITTED' | 'SUBMITTED' | 'SENT_BACK' | 'ACCEPTED';
  readonly year: number | null;
  readonly centre: Centre | null;
  readonly submission: number;
  readonly passed: readonly PassedApplicant[];
  readonly acceptedOn: string | null;
  readonly notices: readonly NoticeState[];
}

export const sessionResultsInitialState = (): SessionResultsState => ({ status: 'NOT_SUBMITTED', year: null, centre: null, submission: 0, passed: [], acceptedOn: null, notices: [] });

const event = eventFactory<SessionResultsEvent>();

/** The public form of an entry. */
export function toNoticeEntry(p: PassedApplicant): NoticeEntry {
  return {
    applicationId: p.applicationId,
    name: p.applicant.name,
    maskedIdNumber: maskIdNumber(p.applicant.idNumber),
    employerName: p.employer.name,
    level: p.level,
    levelLabel: LEVEL_LABEL[p.level],
    direction: p.direction,
    directionLabel: DIRECTION_LABEL[p.direction],
  };
}

/**
 * Checks a notice period against the working-day calendar: it starts on a working day and its
 * last day is the end of the N-th working day (the publication day counting as day 1 or not, per
 * the rule). Returns the problems (empty when right). The calendar throws CALENDAR_YEAR_UNKNOWN
 * for a year it does not have.
 */
export function checkNoticePeriod(period: NoticePeriod, rule: PublicityRule, calendar: WorkingDayCalendar): string[] {
  const problems: string[] = [];
  if (!calendar.isWorkingDay(period.firstDay)) problems.push(`the first day ${period.firstDay} is not a working day`);
  if (!calendar.isWorkingDay(period.lastDay)) problems.push(`the last day ${period.lastDay} is not a working day`);
  let counted = 0;
  for (let d = rule.countPublicationDay ? period.firstDay : addDays(period.firstDay, 1); compareDates(d, period.lastDay) <= 0; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) counted++;
  }
  if (counted !== rule.workingDays) problems.push(`the period holds ${counted} counted working days; the rule asks for ${rule.workingDays}`);
  return problems;
}

function submittedFor(state: SessionResultsState): { year: number; centre: Centre } {
  if (state.year === null || state.centre === null) throw DomainError.rule('RESULTS_NOT_SUBMITTED', 'No results have been submitted');
  return { year: state.year, centre: state.centre };
}

function requireNotice(state: SessionResultsState, noticeId: string): NoticeState {
  const n = state.notices.find((x) => x.noticeId === noticeId);
  if (!n) throw DomainError.notFound(`No notice ${echo(noticeId)}`, 'NOTICE_NOT_FOUND');
  return n;
}

function publisherRoles(site: NoticeSite) {
  return site === 'HRSS' ? (['HRSS_OFFICER'] as const) : (['CENTRE_STAFF', 'HRSS_OFFICER'] as const);
}

function validatePassed(p: ProblemList, centre: Centre, passed: readonly PassedApplicant[]): void {
  if (!p.check(Array.isArray(passed), '/passed', 'must be a list (empty when nobody passed)')) return;
  passed.forEach((x, i) => {
    const path = `/passed/${i}`;
    p.text(x?.applicationId, `${path}/applicationId`);
    p.text(x?.applicant?.name, `${path}/applicant/name`);
    p.check(typeof x?.applicant?.idNumber === 'string' && /^[0-9]{17}[0-9X]$/.test(x.applicant.idNumber), `${path}/applicant/idNumber`, 'must be an 18-character ID number');
    p.text(x?.employer?.name, `${path}/employer/name`);
    if (p.check(Levels.is(x?.level), `${path}/level`, `must be one of ${Levels.values.join(', ')}`)) {
      p.check(CENTRE_OF_LEVEL[x.level] === centre, `${path}/level`, `${x.level} is evaluated by ${CENTRE_OF_LEVEL[x.level]}, not ${centre}`);
    }
    p.check(Directions.is(x?.direction), `${path}/direction`, `must be one of ${Directions.values.join(', ')}`);
    p.text(x?.committeeId, `${path}/committeeId`);
    p.text(x?.meetingId, `${path}/meetingId`);
    p.date(x?.decidedOn, `${path}/decidedOn`);
  });
  for (const d of duplicates(passed.map((x) => x.applicationId))) p.add('/passed', `application ${d} is listed twice`);
}

export function decideSessionResults(command: SessionResultsCommand, state: SessionResultsState): SessionResultsEvent[] {
  const at = command.now;
  const by = command.actor.id;
  switch (command.type) {
    case 'SubmitResults': {
      requireRole(command, ['CENTRE_STAFF'], 'Submitting results for acceptance');
      if (state.status === 'SUBMITTED' || state.status === 'ACCEPTED') throw DomainError.conflict(`The results are already ${state.status}`, 'RESULTS_ALREADY_SUBMITTED');
      const p = new ProblemList();
      p.integer(command.year, '/year', 2020, 2100);
      p.check(Centres.is(command.centre), '/centre', `must be one of ${Centres.values.join(', ')}`);
      if (p.check(Array.isArray(command.meetingIds) && command.meetingIds.length > 0, '/meetingIds', 'must list the meetings the results come from')) {
        command.meetingIds.forEach((id, i) => p.text(id, `/meetingIds/${i}`, 1, 200));
      }
      if (Centres.is(command.centre)) validatePassed(p, command.centre, command.passed);
      p.throwIfAny('The results cannot be submitted');
      if (command.actor.centre && command.actor.centre !== command.centre) throw DomainError.forbidden(`${by} belongs to ${command.actor.centre}, not ${command.centre}`, 'WRONG_CENTRE');
      if (state.year !== null && (state.year !== command.year || state.centre !== command.centre)) {
        throw DomainError.rule('RESULTS_STREAM_MISMATCH', `This stream holds the results of ${state.year} ${state.centre}`);
      }
      return [
        event('ResultsSubmitted', {
          year: command.year,
          centre: command.centre,
          submission: state.submission + 1,
          meetingIds: [...command.meetingIds],
          passed: command.passed.map((x) => ({
            applicationId: x.applicationId,
            applicant: { name: x.applicant.name, idNumber: x.applicant.idNumber },
            employer: { name: x.employer.name },
            level: x.level,
            direction: x.direction,
            committeeId: x.committeeId,
            meetingId: x.meetingId,
            decidedOn: x.decidedOn,
          })),
          submittedBy: by,
          submittedAt: at,
        }),
      ];
    }
    case 'AcceptResults': {
      requireRole(command, ['HRSS_OFFICER'], 'Accepting the results (验收)');
      if (state.status !== 'SUBMITTED') throw DomainError.rule('RESULTS_NOT_SUBMITTED', `There are no submitted results to accept (status ${state.status})`);
      const p = new ProblemList();
      for (const k of CHECK_KEYS) p.check(typeof command.checks?.[k] === 'boolean', `/checks/${k}`, 'must be true or false');
      const remarks = p.optionalText(command.remarks, '/remarks');
      p.throwIfAny('The results cannot be accepted');
      const failed = CHECK_KEYS.filter((k) => !command.checks[k]);
      if (failed.length > 0) {
        throw DomainError.rule('ACCEPTANCE_CHECKS_FAILED', `Results pass acceptance only when materials, scope, procedure and quality are all checked; failed: ${failed.join(', ')} (send them back instead)`, failed.map((k) => ({ path: `/checks/${k}`, message: 'not checked' })));
      }
      return [
        event('ResultsAccepted', {
          ...submittedFor(state),
          submission: state.submission,
          checks: { materials: true, scope: true, procedure: true, quality: true },
          remarks,
          acceptedBy: by,
          acceptedOn: today(command),
          acceptedAt: at,
        }),
      ];
    }
    case 'SendBackResults': {
      requireRole(command, ['HRSS_OFFICER'], 'Sending results back');
      if (state.status !== 'SUBMITTED') throw DomainError.rule('RESULTS_NOT_SUBMITTED', `There are no submitted results to send back (status ${state.status})`);
      const p = new ProblemList();
      if (p.check(Array.isArray(command.reasons) && command.reasons.length > 0, '/reasons', 'needs at least one reason')) command.reasons.forEach((r, i) => p.text(r, `/reasons/${i}`));
      p.throwIfAny('The results cannot be sent back');
      return [event('ResultsSentBack', { ...submittedFor(state), submission: state.submission, reasons: [...command.reasons], checks: { ...command.checks }, sentBackBy: by, sentBackAt: at })];
    }
    case 'PublishNotice': {
      const p = new ProblemList();
      p.text(command.noticeId, '/noticeId');
      p.check(NoticeSites.includes(command.site), '/site', `must be one of ${NoticeSites.join(', ')}`);
      p.date(command.period?.firstDay, '/period/firstDay');
      p.date(command.period?.lastDay, '/period/lastDay');
      p.integer(command.publicityRule?.workingDays, '/publicityRule/workingDays', 5, 60);
      p.check(typeof command.publicityRule?.countPublicationDay === 'boolean', '/publicityRule/countPublicationDay', 'must be true or false');
      p.throwIfAny('The notice cannot be published');
      requireRole(command, publisherRoles(command.site), `Publishing on the ${command.site} site`);
      if (state.status !== 'ACCEPTED' || !state.acceptedOn) throw DomainError.rule('RESULTS_NOT_ACCEPTED', `The notice is published only after HRSS has accepted the results (status ${state.status})`);
      const acceptedOn = state.acceptedOn;
      if (state.notices.some((n) => n.noticeId === command.noticeId)) throw DomainError.conflict(`Notice ${command.noticeId} already exists`, 'NOTICE_ALREADY_PUBLISHED');
      if (state.notices.some((n) => n.site === command.site)) throw DomainError.conflict(`The results are already published on the ${command.site} site`, 'NOTICE_ALREADY_PUBLISHED');
      const { firstDay, lastDay } = command.period;
      if (compareDates(firstDay, lastDay) > 0) throw DomainError.rule('NOTICE_PERIOD_REVERSED', `The notice starts (${firstDay}) after it ends (${lastDay})`, [{ path: '/period', message: 'firstDay after lastDay' }]);
      if (compareDates(firstDay, acceptedOn) < 0) throw DomainError.rule('NOTICE_BEFORE_ACCEPTANCE', `The notice cannot start (${firstDay}) before the acceptance (${state.acceptedOn})`, [{ path: '/period/firstDay', message: `on or after ${state.acceptedOn}` }]);
      const span = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + (command.publicityRule.countPublicationDay ? 1 : 0);
      if (span < command.publicityRule.workingDays) {
        throw DomainError.rule('NOTICE_PERIOD_TOO_SHORT', `${firstDay}–${lastDay} cannot hold ${command.publicityRule.workingDays} working days`, [{ path: '/period/lastDay', message: 'too early' }]);
      }
      const entries = state.passed.filter((x) => NOTICE_SITE_OF_LEVEL[x.level] === command.site).map(toNoticeEntry);
      if (entries.length === 0) throw DomainError.rule('NOTHING_TO_PUBLISH', `Nobody who passed belongs on the ${command.site} site`);
      return [
        event('NoticePublished', {
          noticeId: command.noticeId,
          ...submittedFor(state),
          site: command.site,
          siteLabel: NOTICE_SITE_LABEL[command.site],
          period: { firstDay, lastDay },
          publicityRule: { workingDays: command.publicityRule.workingDays, countPublicationDay: command.publicityRule.countPublicationDay },
          entries,
          publishedBy: by,
          publishedAt: at,
        }),
      ];
    }
    case 'RaiseNoticeObjection': {
      const notice = requireNotice(state, command.noticeId);
      const p = new ProblemList();
      p.text(command.objectionId, '/objectionId');
      p.text(command.content, '/content', 5, 5000);
      const contact = p.optionalText(command.contact, '/contact', 200);
      p.throwIfAny('The objection cannot be recorded');
      if (!notice.entries.some((e) => e.applicationId === command.applicationId)) throw DomainError.notFound(`Application ${command.applicationId} is not on notice ${notice.noticeId}`, 'NOT_ON_NOTICE');
      const on = today(command);
      if (notice.closedOn || compareDates(on, notice.period.firstDay) < 0 || compareDates(on, notice.period.lastDay) > 0) {
        throw DomainError.rule('OUTSIDE_NOTICE_PERIOD', `Objections are taken from ${notice.period.firstDay} to ${notice.period.lastDay}; today is ${on}`);
      }
      if (state.notices.some((n) => n.objections.some((o) => o.objectionId === command.objectionId))) throw DomainError.conflict(`Objection ${command.objectionId} already exists`, 'OBJECTION_ALREADY_RAISED');
      return [event('NoticeObjectionRaised', { noticeId: notice.noticeId, objectionId: command.objectionId, applicationId: command.applicationId, content: command.content, contact, raisedBy: by, raisedOn: on })];
    }
    case 'ResolveNoticeObjection': {
      requireRole(command, ['HRSS_OFFICER'], 'Resolving a notice objection');
      const notice = requireNotice(state, command.noticeId);
      const objection = notice.objections.find((o) => o.objectionId === command.objectionId);
      if (!objection) throw DomainError.notFound(`No objection ${echo(command.objectionId)} on notice ${notice.noticeId}`, 'OBJECTION_NOT_FOUND');
      if (objection.status !== 'OPEN') throw DomainError.conflict(`Objection ${command.objectionId} is already ${objection.status}`, 'OBJECTION_ALREADY_RESOLVED');
      const p = new ProblemList();
      p.check(command.outcome === 'UPHELD' || command.outcome === 'DISMISSED', '/outcome', 'must be UPHELD or DISMISSED');
      p.text(command.findings, '/findings');
      p.throwIfAny('The objection cannot be resolved');
      return [event('NoticeObjectionResolved', { noticeId: notice.noticeId, objectionId: objection.objectionId, applicationId: objection.applicationId, outcome: command.outcome, findings: command.findings, resolvedBy: by, resolvedAt: at })];
    }
    case 'CloseNotice': {
      const notice = requireNotice(state, command.noticeId);
      requireRole(command, publisherRoles(notice.site), `Closing a notice on the ${notice.site} site`);
      if (notice.closedOn) throw DomainError.conflict(`Notice ${notice.noticeId} closed on ${notice.closedOn}`, 'NOTICE_ALREADY_CLOSED');
      const on = today(command);
      if (compareDates(on, notice.period.lastDay) <= 0) {
        throw DomainError.rule('NOTICE_PERIOD_NOT_OVER', `Notice ${notice.noticeId} runs until ${notice.period.lastDay} inclusive; it cannot close on ${on}`);
      }
      const open = notice.objections.filter((o) => o.status === 'OPEN');
      if (open.length > 0) {
        throw DomainError.rule('OBJECTIONS_STILL_OPEN', `Notice ${notice.noticeId} has ${open.length} unresolved objection(s) (${open.map((o) => `${o.objectionId} on ${o.applicationId}`).join(', ')}); resolve them before closing`);
      }
      const withheld = notice.entries
        .map((e) => ({ applicationId: e.applicationId, objectionIds: notice.objections.filter((o) => o.applicationId === e.applicationId && o.status === 'UPHELD').map((o) => o.objectionId) }))
        .filter((w) => w.objectionIds.length > 0);
      const stopped = new Set(withheld.map((w) => w.applicationId));
      const cleared = notice.entries.filter((e) => !stopped.has(e.applicationId)).map((e) => e.applicationId);
      return [
        event('NoticeClosed', { noticeId: notice.noticeId, closedOn: on, cleared, withheld, closedBy: by }),
        ...state.passed
          .filter((x) => cleared.includes(x.applicationId))
          .map((x) => event('ApplicantReadyForCertification', {
            ...submittedFor(state),
            noticeId: notice.noticeId,
            applicationId: x.applicationId,
            applicant: { name: x.applicant.name, idNumber: x.applicant.idNumber },
            employerName: x.employer.name,
            level: x.level,
            direction: x.direction,
            committeeId: x.committeeId,
            meetingId: x.meetingId,
            qualificationDate: x.decidedOn,
          })),
      ];
    }
  }
}

function withNotice(state: SessionResultsState, noticeId: string, change: (n: NoticeState) => NoticeState): SessionResultsState {
  return { ...state, notices: state.notices.map((n) => (n.noticeId === noticeId ? change(n) : n)) };
}

export function evolveSessionResults(state: SessionResultsState, e: SessionResultsEvent): SessionResultsState {
  switch (e.type) {
    case 'ResultsSubmitted':
      return { ...state, status: 'SUBMITTED', year: e.data.year, centre: e.data.centre, submission: e.data.submission, passed: e.data.passed };
    case 'ResultsAccepted':
      return { ...state, status: 'ACCEPTED', acceptedOn: e.data.acceptedOn };
    case 'ResultsSentBack':
      return { ...state, status: 'SENT_BACK' };
    case 'NoticePublished':
      return { ...state, notices: [...state.notices, { noticeId: e.data.noticeId, site: e.data.site, period: e.data.period, entries: e.data.entries, objections: [], closedOn: null }] };
    case 'NoticeObjectionRaised':
      return withNotice(state, e.data.noticeId, (n) => ({ ...n, objections: [...n.objections, { objectionId: e.data.objectionId, applicationId: e.data.applicationId, status: 'OPEN' }] }));
    case 'NoticeObjectionResolved':
      return withNotice(state, e.data.noticeId, (n) => ({ ...n, objections: n.objections.map((o) => (o.objectionId === e.data.objectionId ? { ...o, status: e.data.outcome } : o)) }));
    case 'NoticeClosed':
      return withNotice(state, e.data.noticeId, (n) => ({ ...n, closedOn: e.data.closedOn }));
    case 'ApplicantReadyForCertification':
      return state;
  }
}

export const sessionResultsDecider: Decider<SessionResultsCommand, SessionResultsEvent, SessionResultsState> = {
  initialState: sessionResultsInitialState,
  decide: decideSessionResults,
  evolve: evolveSessionResults,
};
