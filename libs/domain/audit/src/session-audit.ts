// 年度评审复核: re-checks a finished session's rules from its events alone, with the official
// working-day calendar injected. Fed the whole log in position order; keeps only the year's streams.
import { beijingDate, type PublicityRule, type WorkingDayCalendar } from '@bj/kernel';
import { publicityPeriod } from '@bj/calendar';
import { annualSessionStreamId, auditMeeting, checkNoticePeriod, type AuditableMeetingEvent, type NoticePeriod } from '@bj/session-domain';
import { dataOf, isRecord, type AuditedEvent } from './audited-event';

/** The rules the session audit checks, each with what it proves. */
export const SESSION_RULES = {
  EMPLOYER_PUBLICITY: 'every employer publicity (单位内部公示) ran its working days, by the official calendar, before the recommendation, with no upheld objection',
  MEETING_RULES: 'every committee meeting (评委会表决): quorum held, ballots only to members present and not recused, tallies equal the ballots, thresholds applied, ballots secret (auditMeeting)',
  CANDIDATE_ACCEPTED: 'every candidate voted on had been accepted by the centre (审核) before the meeting was scheduled',
  NOTICE_PERIOD: 'every public notice (公示) ran its working days by the official calendar and was closed only after its last day',
  NOTICE_OBJECTIONS: 'no one cleared by a notice had an upheld objection on it',
  READY_FOR_CERTIFICATION: 'every ApplicantReadyForCertification follows a passed vote of that meeting and a closed notice listing the applicant without an upheld objection',
  CERTIFICATE: 'every certificate (证书) of the session follows a ready-for-certification of that applicant, at most one per applicant',
} as const;
export type SessionRule = keyof typeof SESSION_RULES;

export interface SessionBreach {
  readonly rule: SessionRule;
  /** A stable code of the breach within the rule (e.g. RECOMMENDED_DURING_PUBLICITY, QUORUM_NOT_MET). */
  readonly code: string;
  readonly streamId: string;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly explanation: string;
}

export interface SessionCheck {
  readonly rule: SessionRule;
  readonly description: string;
  /** How many acts the rule was checked on. */
  readonly checked: number;
  readonly breaches: number;
}

export interface SessionAuditReport {
  readonly year: number;
  readonly passed: boolean;
  /** Whether the session's SessionOpened was found (its settings are the reference). */
  readonly sessionFound: boolean;
  readonly eventsExamined: number;
  readonly checks: readonly SessionCheck[];
  readonly breaches: readonly SessionBreach[];
}

interface NoticeRecord {
  readonly published: AuditedEvent;
  readonly entries: Set<string>;
  readonly upheld: Set<string>;
  closed?: AuditedEvent;
}

type StreamKind = 'declaration' | 'centre-review' | 'meeting' | 'results' | 'certificate' | 'session' | 'other';

const kindOf = (streamId: string): StreamKind =>
  streamId.startsWith('declaration-') ? 'declaration'
  : streamId.startsWith('centre-review-') ? 'centre-review'
  : streamId.startsWith('committee-meeting-') ? 'meeting'
  : streamId.startsWith('session-results-') ? 'results'
  : streamId.startsWith('certificate-') ? 'certificate'
  : streamId.startsWith('annual-session-') ? 'session'
  : 'other';

const DEFAULT_PUBLICITY: PublicityRule = { workingDays: 5, countPublicationDay: true };

/** `session-<year>`: the certificates' session id (as the certification service writes it). */
export const certificateSessionIdOf = (year: number) => `session-${year}`;

/**
 * The session auditor: `add` every event of the log in position order, then `report()`.
 * Memory: the year's relevant events and one flag per stream of the log.
 */
export class SessionAuditor {
  private readonly relevant = new Map<string, boolean>();
  private readonly counts = new Map<SessionRule, number>();
  private readonly breaches: SessionBreach[] = [];
  private readonly publicity = new Map<string, { started?: AuditedEvent; upheld: number }>();
  private readonly accepted = new Set<string>();
  private readonly meetings = new Map<string, AuditedEvent[]>();
  private readonly passed = new Map<string, AuditedEvent>();
  private readonly notices = new Map<string, NoticeRecord>();
  private readonly ready = new Map<string, AuditedEvent>();
  private readonly certified = new Map<string, AuditedEvent>();
  private settingsPublicity: PublicityRule | null = null;
  private sessionFound = false;
  private examined = 0;

  constructor(
    readonly year: number,
    private readonly calendar: WorkingDayCalendar,
  ) {
    for (const rule of Object.keys(SESSION_RULES) as SessionRule[]) this.counts.set(rule, 0);
  }

  add(event: AuditedEvent): void {
    if (!this.isRelevant(event)) return;
    this.examined++;
    const d = dataOf(event);
    switch (event.type) {
      case 'SessionOpened': {
        this.sessionFound = true;
        const publicity = dataOf({ data: dataOf({ data: d['settings'] })['publicity'] });
        if (typeof publicity['workingDays'] === 'number') this.settingsPublicity = { workingDays: publicity['workingDays'], countPublicationDay: publicity['countPublicationDay'] !== false };
        break;
      }
      case 'EmployerPublicityStarted':
        this.publicity.set(event.streamId, { started: event, upheld: 0 });
        break;
      case 'PublicityObjectionResolved': {
        const record = this.publicity.get(event.streamId) ?? { upheld: 0 };
        if (d['outcome'] === 'UPHELD') record.upheld++;
        this.publicity.set(event.streamId, record);
        break;
      }
      case 'EmployerRecommended':
        this.checkRecommendation(event, d);
        break;
      case 'ApplicationAccepted':
        if (typeof d['applicationId'] === 'string') this.accepted.add(d['applicationId']);
        break;
      case 'CandidatePassed':
        if (typeof d['candidateId'] === 'string') this.passed.set(d['candidateId'], event);
        break;
      case 'NoticePublished':
        this.checkNoticePublished(event, d);
        break;
      case 'NoticeObjectionResolved':
        if (d['outcome'] === 'UPHELD' && typeof d['noticeId'] === 'string' && typeof d['applicationId'] === 'string') this.notices.get(d['noticeId'])?.upheld.add(d['applicationId']);
        break;
      case 'NoticeClosed':
        this.checkNoticeClosed(event, d);
        break;
      case 'ApplicantReadyForCertification':
        this.checkReady(event, d);
        break;
      case 'CertificateIssued':
        this.checkCertificate(event, d);
        break;
    }
    if (kindOf(event.streamId) === 'meeting') {
      const events = this.meetings.get(event.streamId) ?? [];
      if (events.length === 0) this.checkAgenda(event, d);
      events.push(event);
      this.meetings.set(event.streamId, events);
    }
  }

  report(): SessionAuditReport {
    for (const [streamId, events] of this.meetings) {
      this.count('MEETING_RULES');
      const found = auditMeeting(events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { actorId: e.metadata.actorId } }) as unknown as AuditableMeetingEvent));
      for (const b of found) {
        const at = events[Math.min(Math.max(b.eventIndex, 0), events.length - 1)];
        this.breach('MEETING_RULES', b.code, at, `meeting ${streamId.slice('committee-meeting-'.length)}${b.candidateId ? `, candidate ${b.candidateId}` : ''}: ${b.message}`, streamId);
      }
    }
    const checks = (Object.keys(SESSION_RULES) as SessionRule[]).map((rule) => ({
      rule,
      description: SESSION_RULES[rule],
      checked: this.counts.get(rule) ?? 0,
      breaches: this.breaches.filter((b) => b.rule === rule).length,
    }));
    const breaches = [...this.breaches].sort((a, b) => a.globalPosition - b.globalPosition);
    return { year: this.year, passed: breaches.length === 0 && this.sessionFound, sessionFound: this.sessionFound, eventsExamined: this.examined, checks, breaches };
  }

  /** Decided at a stream's first event: does the stream belong to this year's session? */
  private isRelevant(event: AuditedEvent): boolean {
    const known = this.relevant.get(event.streamId);
    if (known !== undefined) return known;
    const d = dataOf(event);
    let relevant: boolean;
    switch (kindOf(event.streamId)) {
      case 'session':
        relevant = event.streamId === annualSessionStreamId(this.year);
        break;
      case 'declaration':
        relevant = d['sessionYear'] === this.year;
        break;
      case 'centre-review':
      case 'meeting':
        relevant = d['year'] === this.year;
        break;
      case 'results':
        relevant = event.streamId.startsWith(`session-results-${this.year}-`);
        break;
      case 'certificate':
        relevant = d['sessionId'] === certificateSessionIdOf(this.year);
        break;
      default:
        relevant = false;
    }
    this.relevant.set(event.streamId, relevant);
    return relevant;
  }

  private requiredPublicity(rule: PublicityRule): PublicityRule {
    const reference = this.settingsPublicity ?? DEFAULT_PUBLICITY;
    return { workingDays: Math.max(rule.workingDays, reference.workingDays), countPublicationDay: true };
  }

  private checkRecommendation(event: AuditedEvent, d: Record<string, unknown>): void {
    this.count('EMPLOYER_PUBLICITY');
    const record = this.publicity.get(event.streamId);
    const started = record?.started;
    if (!started) {
      this.breach('EMPLOYER_PUBLICITY', 'RECOMMENDED_WITHOUT_PUBLICITY', event, 'the employer recommended the declaration without an internal publicity (no EmployerPublicityStarted before it)');
      return;
    }
    const p = dataOf(started);
    const firstDay = String(p['firstDay']);
    const lastDay = String(p['lastDay']);
    const rule: PublicityRule = { workingDays: Number(p['workingDays']), countPublicationDay: p['countPublicationDay'] !== false };
    if (this.settingsPublicity && rule.workingDays < this.settingsPublicity.workingDays) {
      this.breach('EMPLOYER_PUBLICITY', 'PUBLICITY_RULE_WEAKENED', started, `the publicity counted ${rule.workingDays} working days; the session requires ${this.settingsPublicity.workingDays}`);
    }
    const required = this.requiredPublicity(rule);
    let expectedLastDay: string;
    try {
      // Day 1 is firstDay itself (the period as stored already starts on its first counted day).
      expectedLastDay = publicityPeriod(firstDay, required, this.calendar).lastDay;
    } catch (e) {
      this.breach('EMPLOYER_PUBLICITY', 'PUBLICITY_UNCHECKABLE', started, `the publicity ${firstDay}–${lastDay} cannot be checked against the official calendar: ${(e as Error).message}`);
      return;
    }
    if (lastDay < expectedLastDay) {
      this.breach('EMPLOYER_PUBLICITY', 'PUBLICITY_TOO_SHORT', started, `the publicity ${firstDay}–${lastDay} is shorter than ${required.workingDays} working days, which end on ${expectedLastDay}`);
    }
    const recommendedOn = String(d['recommendedOn']);
    const end = lastDay > expectedLastDay ? lastDay : expectedLastDay;
    if (!(recommendedOn > end)) {
      this.breach('EMPLOYER_PUBLICITY', 'RECOMMENDED_DURING_PUBLICITY', event, `recommended on ${recommendedOn}, but the publicity of ${required.workingDays} working days from ${firstDay} runs until ${end} inclusive`);
    }
    const actedOn = beijingDate(event.metadata.occurredAt);
    if (recommendedOn !== actedOn) {
      this.breach('EMPLOYER_PUBLICITY', 'RECOMMENDATION_DATE_MISMATCH', event, `recommendedOn ${recommendedOn} is not the day the act was recorded as happening (${actedOn}, Beijing time)`);
    }
    if ((record?.upheld ?? 0) > 0) {
      this.breach('EMPLOYER_PUBLICITY', 'RECOMMENDED_DESPITE_UPHELD_OBJECTION', event, 'an objection raised during the publicity was upheld, yet the employer recommended');
    }
  }

  private checkAgenda(event: AuditedEvent, d: Record<string, unknown>): void {
    if (event.type !== 'MeetingScheduled' || !Array.isArray(d['candidates'])) return;
    for (const candidate of d['candidates']) {
      const id = isRecord(candidate) ? candidate['candidateId'] : undefined;
      if (typeof id !== 'string') continue;
      this.count('CANDIDATE_ACCEPTED');
      if (!this.accepted.has(id)) this.breach('CANDIDATE_ACCEPTED', 'CANDIDATE_NOT_ACCEPTED', event, `candidate ${id} is on the agenda but the centre never accepted the application before`);
    }
  }

  private checkNoticePublished(event: AuditedEvent, d: Record<string, unknown>): void {
    this.count('NOTICE_PERIOD');
    const noticeId = String(d['noticeId']);
    const period = dataOf({ data: d['period'] }) as unknown as NoticePeriod;
    const ruleData = dataOf({ data: d['publicityRule'] });
    const rule: PublicityRule = { workingDays: Number(ruleData['workingDays']), countPublicationDay: ruleData['countPublicationDay'] !== false };
    const entries = new Set((Array.isArray(d['entries']) ? d['entries'] : []).map((e) => String(dataOf({ data: e })['applicationId'])));
    this.notices.set(noticeId, { published: event, entries, upheld: new Set() });
    if (this.settingsPublicity && rule.workingDays < this.settingsPublicity.workingDays) {
      this.breach('NOTICE_PERIOD', 'NOTICE_RULE_WEAKENED', event, `notice ${noticeId} counted ${rule.workingDays} working days; the session requires ${this.settingsPublicity.workingDays}`);
    }
    let problems: string[];
    try {
      problems = checkNoticePeriod(period, this.settingsPublicity && rule.workingDays < this.settingsPublicity.workingDays ? { ...rule, workingDays: this.settingsPublicity.workingDays } : rule, this.calendar);
    } catch (e) {
      problems = [`cannot be checked against the official calendar: ${(e as Error).message}`];
    }
    for (const problem of problems) this.breach('NOTICE_PERIOD', 'NOTICE_PERIOD_TOO_SHORT', event, `notice ${noticeId} (${period.firstDay}–${period.lastDay}): ${problem}`);
  }

  private checkNoticeClosed(event: AuditedEvent, d: Record<string, unknown>): void {
    const noticeId = String(d['noticeId']);
    const notice = this.notices.get(noticeId);
    if (!notice) {
      this.breach('NOTICE_PERIOD', 'NOTICE_CLOSED_UNPUBLISHED', event, `notice ${noticeId} was closed but never published`);
      return;
    }
    notice.closed = event;
    const lastDay = String(dataOf({ data: dataOf(notice.published)['period'] })['lastDay']);
    const closedOn = String(d['closedOn']);
    if (!(closedOn > lastDay)) this.breach('NOTICE_PERIOD', 'NOTICE_CLOSED_EARLY', event, `notice ${noticeId} was closed on ${closedOn}, before its period ended (last day ${lastDay})`);
    this.count('NOTICE_OBJECTIONS');
    const cleared = Array.isArray(d['cleared']) ? d['cleared'].map(String) : [];
    for (const id of cleared) {
      if (notice.upheld.has(id)) this.breach('NOTICE_OBJECTIONS', 'CLEARED_DESPITE_UPHELD_OBJECTION', event, `notice ${noticeId} cleared ${id} although an objection against them was upheld`);
    }
  }

  private checkReady(event: AuditedEvent, d: Record<string, unknown>): void {
    this.count('READY_FOR_CERTIFICATION');
    const id = String(d['applicationId']);
    const passed = this.passed.get(id);
    if (!passed) this.breach('READY_FOR_CERTIFICATION', 'READY_WITHOUT_PASSED_VOTE', event, `application ${id} was made ready for certification without a passed committee vote before it`);
    else if (dataOf(passed)['meetingId'] !== d['meetingId']) this.breach('READY_FOR_CERTIFICATION', 'READY_WRONG_MEETING', event, `application ${id} names meeting ${String(d['meetingId'])}, but it passed in meeting ${String(dataOf(passed)['meetingId'])}`);
    const noticeId = String(d['noticeId']);
    const notice = this.notices.get(noticeId);
    if (!notice || !notice.entries.has(id)) this.breach('READY_FOR_CERTIFICATION', 'READY_WITHOUT_NOTICE', event, `application ${id} was made ready for certification but was not on notice ${noticeId}`);
    else if (!notice.closed) this.breach('READY_FOR_CERTIFICATION', 'READY_BEFORE_NOTICE_CLOSED', event, `application ${id} was made ready for certification before notice ${noticeId} was closed`);
    else if (notice.upheld.has(id)) this.breach('READY_FOR_CERTIFICATION', 'READY_DESPITE_UPHELD_OBJECTION', event, `application ${id} was made ready for certification although an objection on notice ${noticeId} was upheld`);
    this.ready.set(id, event);
  }

  private checkCertificate(event: AuditedEvent, d: Record<string, unknown>): void {
    this.count('CERTIFICATE');
    const id = String(d['applicantId']);
    const number = String(d['certificateNumber']);
    if (!this.ready.has(id)) {
      this.breach('CERTIFICATE', 'CERTIFICATE_WITHOUT_READY', event, `certificate ${number} was issued to application ${id}, which was never made ready for certification (no passed vote and clean notice before it)`);
    }
    const earlier = this.certified.get(id);
    if (earlier) this.breach('CERTIFICATE', 'CERTIFICATE_TWICE', event, `certificate ${number} is the second for application ${id} in this session (the first: ${String(dataOf(earlier)['certificateNumber'])})`);
    else this.certified.set(id, event);
  }

  private count(rule: SessionRule): void {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1);
  }

  private breach(rule: SessionRule, code: string, event: AuditedEvent, explanation: string, streamId = event.streamId): void {
    this.breaches.push({ rule, code, streamId, globalPosition: event.globalPosition, eventId: event.eventId, explanation });
  }
}

/** Audits a session from events already in memory (tests, small logs). */
export function auditSession(year: number, events: Iterable<AuditedEvent>, calendar: WorkingDayCalendar): SessionAuditReport {
  const auditor = new SessionAuditor(year, calendar);
  for (const event of events) auditor.add(event);
  return auditor.report();
}
