import type { WorkingDayCalendar } from '@bj/kernel';
import { applicationTrail, trailToCsv } from './application-trail';
import { parseAsOf, isWithin, type AuditedEvent } from './audited-event';
import { auditSession } from './session-audit';
import { parseStateTarget, stateAsOf } from './point-in-time';

let position = 0;
const at = (streamId: string, type: string, data: unknown, occurredAt = '2026-08-03T01:00:00.000Z', actor = { actorId: 'employer-1', actorRole: 'EMPLOYER' }): AuditedEvent => ({
  eventId: `e-${++position}`,
  streamId,
  streamVersion: position,
  globalPosition: position,
  type,
  schemaVersion: 1,
  data,
  metadata: { ...actor, correlationId: 'c', occurredAt },
  recordedAt: occurredAt,
});

/** Weekends off, and 2026-10-01..07 off (enough for these cases). */
const calendar: WorkingDayCalendar = {
  isWorkingDay: (date) => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6 && !(date >= '2026-10-01' && date <= '2026-10-07');
  },
};

describe('parseAsOf', () => {
  it('reads a whole number as a position, a date as the end of that Beijing day, an instant as itself', () => {
    expect(parseAsOf('1200')).toEqual({ kind: 'position', position: 1200 });
    expect(parseAsOf('2026-09-30')).toEqual({ kind: 'time', instant: '2026-09-30T15:59:59.999Z' });
    expect(parseAsOf('2026-09-30T12:00:00+08:00')).toEqual({ kind: 'time', instant: '2026-09-30T04:00:00.000Z' });
    expect(parseAsOf('last week')).toEqual({ error: expect.stringContaining('neither a global position') });
    expect(parseAsOf('2026-02-30T00:00:00Z')).toEqual({ error: expect.stringContaining('not a valid date') });
  });

  it('cuts by recordedAt or by position', () => {
    const e = { recordedAt: '2026-09-30T04:00:00.000Z', globalPosition: 7 };
    expect(isWithin(e, { kind: 'position', position: 7 })).toBe(true);
    expect(isWithin(e, { kind: 'position', position: 6 })).toBe(false);
    expect(isWithin(e, { kind: 'time', instant: '2026-09-30T03:59:59.999Z' })).toBe(false);
  });
});

describe('parseStateTarget', () => {
  it('needs exactly one selector and a four-digit session year', () => {
    expect(parseStateTarget({ session: '2026' })).toEqual({ kind: 'session', year: 2026 });
    expect(parseStateTarget({ declaration: 'd', application: 'a' })).toEqual({ error: expect.stringContaining('(got declaration, application)') });
    expect(parseStateTarget({ session: '26' })).toEqual({ error: 'session: "26" is not a year (YYYY)' });
  });
});

describe('stateAsOf a declaration', () => {
  it('folds only what was recorded by then', () => {
    const events = [
      at('declaration-d1', 'DeclarationDrafted', { declarationId: 'd1', sessionYear: 2026, ownerId: 'a', document: {} }),
      at('declaration-d1', 'DeclarationSubmitted', { document: {}, employerCreditCode: 'X', applicantIdNumber: 'Y', submittedOn: '2026-08-03' }),
    ];
    const target = { kind: 'declaration', declarationId: 'd1' } as const;
    expect(stateAsOf(target, events, { kind: 'position', position: events[0].globalPosition }).state).toMatchObject({ declaration: { status: 'DRAFT' } });
    expect(stateAsOf(target, events).state).toMatchObject({ declaration: { status: 'SUBMITTED', employerCreditCode: 'X' } });
    expect(() => stateAsOf(target, events, { kind: 'position', position: 0 })).toThrow('Declaration d1 has no event as of position 0');
  });
});

describe('application trail', () => {
  it('never lists a ballot; writes CSV with quoting and formula-safe cells', () => {
    const events = [
      at('centre-review-a1', 'ApplicationRejected', { applicationId: 'a1', reviewerId: 'r1', grounds: [{ clause: '=1+1', reason: 'years, "not enough"' }] }, '2026-08-20T01:00:00.000Z', { actorId: 'r1', actorRole: 'CENTRE_STAFF' }),
      at('committee-meeting-m1', 'BallotCast', { round: 1, codeHash: 'h'.repeat(64), choices: [{ candidateId: 'a1', choice: 'YES' }] }, '2026-10-20T01:00:00.000Z', { actorId: 'ANONYMOUS', actorRole: 'COMMITTEE_MEMBER' }),
    ];
    const trail = applicationTrail('a1', events);
    expect(trail.entries.map((e) => e.type)).toEqual(['ApplicationRejected']);
    expect(trail.entries[0].reasons).toEqual(['grounds: =1+1: years, "not enough"']);
    expect(trailToCsv(trail).split('\r\n')[1]).toContain(`rejected by reviewer r1,"grounds: =1+1: years, ""not enough"""`);
    const formula = trailToCsv({ applicationId: 'a1', entries: [{ ...trail.entries[0], summary: '=HYPERLINK("x")', reasons: [] }] });
    expect(formula.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});

describe('session audit', () => {
  const session = () => at('annual-session-2026', 'SessionOpened', { year: 2026, settings: { publicity: { workingDays: 5, countPublicationDay: true } } });
  const publicity = (stream: string, firstDay: string, lastDay: string, workingDays = 5) => at(stream, 'EmployerPublicityStarted', { firstDay, lastDay, workingDays, countPublicationDay: true });
  const drafted = (stream: string) => at(stream, 'DeclarationDrafted', { declarationId: stream, sessionYear: 2026, ownerId: 'a', document: {} });

  it('passes a publicity of 5 working days recommended the next working day, across a holiday', () => {
    // 2026-09-28 (Mon) … 09-30, holidays 10-01..07, then 10-08, 10-09: five working days.
    const report = auditSession(2026, [session(), drafted('declaration-ok'), publicity('declaration-ok', '2026-09-28', '2026-10-09'), at('declaration-ok', 'EmployerRecommended', { opinion: 'ok', recommendedOn: '2026-10-12' }, '2026-10-12T01:00:00.000Z')], calendar);
    expect(report.breaches).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('names a publicity cut short, a recommendation inside it, and a rule weaker than the session’s', () => {
    const events = [
      session(),
      drafted('declaration-short'),
      publicity('declaration-short', '2026-09-28', '2026-10-08', 4),
      at('declaration-short', 'EmployerRecommended', { opinion: 'ok', recommendedOn: '2026-10-09' }, '2026-10-09T01:00:00.000Z'),
      at('declaration-other-year', 'DeclarationDrafted', { declarationId: 'x', sessionYear: 2025, ownerId: 'a', document: {} }),
      at('declaration-other-year', 'EmployerRecommended', { opinion: 'ok', recommendedOn: '2025-01-01' }),
    ];
    const report = auditSession(2026, events, calendar);
    expect(report.breaches.map((b) => [b.code, b.streamId])).toEqual([
      ['PUBLICITY_RULE_WEAKENED', 'declaration-short'],
      ['PUBLICITY_TOO_SHORT', 'declaration-short'],
      ['RECOMMENDED_DURING_PUBLICITY', 'declaration-short'],
    ]);
    expect(report.breaches[1].explanation).toBe('the publicity 2026-09-28–2026-10-08 is shorter than 5 working days, which end on 2026-10-09');
  });

  it('names a certificate without a ready-for-certification and one made ready without a passed vote', () => {
    const events = [
      session(),
      at('session-results-2026-BJ_INFO_INDUSTRY_CENTRE', 'ApplicantReadyForCertification', { applicationId: 'a9', noticeId: 'n1', meetingId: 'm1', year: 2026 }),
      at('certificate-BJAI-2026-G2-000001-X', 'CertificateIssued', { certificateNumber: 'BJAI-2026-G2-000001-X', applicantId: 'a7', sessionId: 'session-2026' }),
    ];
    const report = auditSession(2026, events, calendar);
    expect(report.breaches.map((b) => b.code)).toEqual(['READY_WITHOUT_PASSED_VOTE', 'READY_WITHOUT_NOTICE', 'CERTIFICATE_WITHOUT_READY']);
  });

  it('does not pass a year whose session was never opened', () => {
    expect(auditSession(2031, [session()], calendar)).toMatchObject({ passed: false, sessionFound: false });
  });
});
