import type { WorkingDayCalendar } from '@bj/kernel';
import { maskIdNumber } from './shared';
import { checkNoticePeriod, sessionResultsDecider, sessionResultsStreamId, type PassedApplicant, type SessionResultsEvent } from './results-notice';
import { deciderSpec } from './testing/given-when-then';
import { LI, ZHANG, as, hrss, staff } from './testing/fixtures';

const given = deciderSpec(sessionResultsDecider);
const at = (date: string) => `${date}T02:00:00.000Z`;

const passed = (applicationId: string, applicant: { name: string; idNumber: string }, level: PassedApplicant['level']): PassedApplicant => ({
  applicationId,
  applicant,
  employer: { name: '北京智算科技有限公司' },
  level,
  direction: 'RESEARCH',
  committeeId: 'ai-senior',
  meetingId: 'meet-1',
  decidedOn: '2026-09-15',
});
const ZHAO = { name: '赵强', idNumber: '11010219800202345X' };
const results = [passed('app-1', ZHANG, 'SENIOR_ENGINEER'), passed('app-2', LI, 'ENGINEER'), passed('app-3', ZHAO, 'SENIOR_ENGINEER')];
const rule = { workingDays: 5, countPublicationDay: true };

const submitted: SessionResultsEvent = {
  type: 'ResultsSubmitted',
  schemaVersion: 1,
  data: { year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', submission: 1, meetingIds: ['meet-1'], passed: results, submittedBy: 'staff-1', submittedAt: at('2026-09-20') },
};
const CHECKS = { materials: true, scope: true, procedure: true, quality: true };
const accepted: SessionResultsEvent = {
  type: 'ResultsAccepted',
  schemaVersion: 1,
  data: { year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', submission: 1, checks: CHECKS, remarks: null, acceptedBy: 'hrss-1', acceptedOn: '2026-10-12', acceptedAt: at('2026-10-12') },
};
// 2026-10-12 is a Monday: five working days run to Friday 2026-10-16.
const period = { firstDay: '2026-10-12', lastDay: '2026-10-16' };
const published: SessionResultsEvent = {
  type: 'NoticePublished',
  schemaVersion: 1,
  data: {
    noticeId: 'notice-hrss-2026',
    year: 2026,
    centre: 'BJ_INFO_INDUSTRY_CENTRE',
    site: 'HRSS',
    siteLabel: '北京市人力资源和社会保障局网站',
    period,
    publicityRule: rule,
    entries: [
      { applicationId: 'app-1', name: '张伟', maskedIdNumber: '110105********1234', employerName: '北京智算科技有限公司', level: 'SENIOR_ENGINEER', levelLabel: '高级工程师', direction: 'RESEARCH', directionLabel: '人工智能研究' },
      { applicationId: 'app-3', name: '赵强', maskedIdNumber: '110102********345X', employerName: '北京智算科技有限公司', level: 'SENIOR_ENGINEER', levelLabel: '高级工程师', direction: 'RESEARCH', directionLabel: '人工智能研究' },
    ],
    publishedBy: 'hrss-1',
    publishedAt: at('2026-10-12'),
  },
};
const objection = (objectionId: string, applicationId: string): SessionResultsEvent => ({
  type: 'NoticeObjectionRaised',
  schemaVersion: 1,
  data: { noticeId: 'notice-hrss-2026', objectionId, applicationId, content: '其论文存在署名造假', contact: null, raisedBy: 'public-1', raisedOn: '2026-10-13' },
});
const resolved = (objectionId: string, applicationId: string, outcome: 'UPHELD' | 'DISMISSED'): SessionResultsEvent => ({
  type: 'NoticeObjectionResolved',
  schemaVersion: 1,
  data: { noticeId: 'notice-hrss-2026', objectionId, applicationId, outcome, findings: '经核查', resolvedBy: 'hrss-1', resolvedAt: at('2026-10-15') },
});
const publisher = (date: string) => hrss(date);

describe('Session results: acceptance and public notice', () => {
  it('names its stream by year and centre', () => expect(sessionResultsStreamId(2026, 'BJ_INFO_INDUSTRY_CENTRE')).toBe('session-results-2026-BJ_INFO_INDUSTRY_CENTRE'));

  it('masks ID numbers as 110105********1234', () => expect(maskIdNumber('110105199001011234')).toBe('110105********1234'));

  describe('acceptance (验收)', () => {
    it('the centre submits, HRSS accepts with the four checks', () => {
      given([]).when({ type: 'SubmitResults', ...staff('2026-09-20'), year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', meetingIds: ['meet-1'], passed: results }).then([submitted]);
      given([submitted]).when({ type: 'AcceptResults', ...hrss('2026-10-12'), checks: CHECKS }).then([accepted]);
    });

    it('refuses results of a level the centre does not evaluate', () => {
      const e = given([])
        .when({ type: 'SubmitResults', ...staff(), year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', meetingIds: ['meet-1'], passed: [passed('app-9', ZHANG, 'PROFESSORATE_SENIOR_ENGINEER')] })
        .thenThrows('INVALID_INPUT');
      expect(e.problems[0]).toEqual({ path: '/passed/0/level', message: 'PROFESSORATE_SENIOR_ENGINEER is evaluated by BJ_PERSONNEL_EXAM_OFFICE, not BJ_INFO_INDUSTRY_CENTRE' });
    });

    it('refuses acceptance with a failed check; results are sent back with reasons and resubmitted', () => {
      given([submitted]).when({ type: 'AcceptResults', ...hrss(), checks: { ...CHECKS, procedure: false } }).thenThrows('ACCEPTANCE_CHECKS_FAILED');
      const { events } = given([submitted])
        .when({ type: 'SendBackResults', ...hrss('2026-10-08'), reasons: ['app-3 会议记录缺委员签名'], checks: { procedure: false } })
        .thenMatches([{ type: 'ResultsSentBack', data: { submission: 1, reasons: ['app-3 会议记录缺委员签名'] } }]);
      given([submitted, ...events])
        .when({ type: 'SubmitResults', ...staff(), year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', meetingIds: ['meet-1'], passed: results })
        .thenMatches([{ type: 'ResultsSubmitted', data: { submission: 2 } }]);
      given([]).when({ type: 'AcceptResults', ...hrss(), checks: CHECKS }).thenThrows('RESULTS_NOT_SUBMITTED');
      given([submitted]).when({ type: 'AcceptResults', ...staff(), checks: CHECKS }).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('refuses meeting ids that are not text, naming each', () => {
      const e = given([]).when({ type: 'SubmitResults', ...staff(), year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', meetingIds: ['meet-1', 7, ''] as unknown as string[], passed: results }).thenThrows('INVALID_INPUT');
      expect(e.problems).toEqual([
        { path: '/meetingIds/1', message: 'is required (a non-empty text)' },
        { path: '/meetingIds/2', message: 'is required (a non-empty text)' },
      ]);
    });

    it('refuses remarks that are not text, naming them, and writes trimmed ones', () => {
      const e = given([submitted]).when({ type: 'AcceptResults', ...hrss(), checks: CHECKS, remarks: 7 as unknown as string }).thenThrows('INVALID_INPUT');
      expect(e.problems).toEqual([{ path: '/remarks', message: 'must be a text, not the number 7' }]);
      given([submitted]).when({ type: 'AcceptResults', ...hrss(), checks: CHECKS, remarks: ' 材料齐全 ' }).thenMatches([{ type: 'ResultsAccepted', data: { remarks: '材料齐全' } }]);
    });
  });

  describe('the public notice (公示)', () => {
    it('is published only after acceptance', () => {
      given([submitted]).when({ type: 'PublishNotice', ...publisher('2026-10-12'), noticeId: 'notice-hrss-2026', site: 'HRSS', period, publicityRule: rule }).thenThrows('RESULTS_NOT_ACCEPTED');
    });

    it('lists senior levels on the HRSS site, with masked IDs and nothing private', () => {
      const { events } = given([submitted, accepted])
        .when({ type: 'PublishNotice', ...publisher('2026-10-12'), noticeId: 'notice-hrss-2026', site: 'HRSS', period, publicityRule: rule })
        .then([published]);
      const text = JSON.stringify(events);
      expect(text).not.toContain(ZHANG.idNumber);
      expect(text).not.toMatch(/phone|email|score|aggregate/i);
    });

    it('lists intermediate and junior levels on the centre’s site, published by the centre', () => {
      given([submitted, accepted])
        .when({ type: 'PublishNotice', ...staff('2026-10-12'), noticeId: 'notice-centre-2026', site: 'BJ_INFO_INDUSTRY_CENTRE', period, publicityRule: rule })
        .thenMatches([{ type: 'NoticePublished', data: { siteLabel: '北京信息产业考评服务中心网站', entries: [{ applicationId: 'app-2', maskedIdNumber: '110108********2345', levelLabel: '工程师' }] } }]);
      given([submitted, accepted]).when({ type: 'PublishNotice', ...staff('2026-10-12'), noticeId: 'n', site: 'HRSS', period, publicityRule: rule }).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('refuses a period shorter than the working days, reversed, or before acceptance', () => {
      const cmd = { type: 'PublishNotice' as const, ...publisher('2026-10-12'), noticeId: 'n1', site: 'HRSS' as const, publicityRule: rule };
      given([submitted, accepted]).when({ ...cmd, period: { firstDay: '2026-10-12', lastDay: '2026-10-15' } }).thenThrows('NOTICE_PERIOD_TOO_SHORT');
      given([submitted, accepted]).when({ ...cmd, period: { firstDay: '2026-10-16', lastDay: '2026-10-12' } }).thenThrows('NOTICE_PERIOD_REVERSED');
      given([submitted, accepted]).when({ ...cmd, period: { firstDay: '2026-10-09', lastDay: '2026-10-16' } }).thenThrows('NOTICE_BEFORE_ACCEPTANCE');
      given([submitted, accepted, published]).when({ ...cmd, period }).thenThrows('NOTICE_ALREADY_PUBLISHED');
    });

    it('takes objections from anyone during the period only', () => {
      given([submitted, accepted, published])
        .when({ type: 'RaiseNoticeObjection', ...as('APPLICANT', 'public-1', '2026-10-13'), noticeId: 'notice-hrss-2026', objectionId: 'obj-1', applicationId: 'app-1', content: '其论文存在署名造假' })
        .then([objection('obj-1', 'app-1')]);
      given([submitted, accepted, published])
        .when({ type: 'RaiseNoticeObjection', ...as('APPLICANT', 'public-1', '2026-10-17'), noticeId: 'notice-hrss-2026', objectionId: 'obj-2', applicationId: 'app-1', content: '迟到的异议内容' })
        .thenThrows('OUTSIDE_NOTICE_PERIOD');
      given([submitted, accepted, published])
        .when({ type: 'RaiseNoticeObjection', ...as('APPLICANT', 'public-1', '2026-10-13'), noticeId: 'notice-hrss-2026', objectionId: 'obj-3', applicationId: 'app-2', content: '不在此公示上的人' })
        .thenThrows('NOT_ON_NOTICE');
    });

    it('refuses a contact that is not text or is longer than 200 characters, naming it', () => {
      const raise = (contact: unknown) =>
        given([submitted, accepted, published]).when({ type: 'RaiseNoticeObjection', ...as('APPLICANT', 'public-1', '2026-10-13'), noticeId: 'notice-hrss-2026', objectionId: 'obj-1', applicationId: 'app-1', content: '其论文存在署名造假', contact: contact as string });
      expect(raise(13800000000).thenThrows('INVALID_INPUT').problems).toEqual([{ path: '/contact', message: 'must be a text, not the number 13800000000' }]);
      expect(raise({ phone: '1' }).thenThrows('INVALID_INPUT').problems).toEqual([{ path: '/contact', message: 'must be a text, not an object' }]);
      expect(raise('x'.repeat(201)).thenThrows('INVALID_INPUT').problems).toEqual([{ path: '/contact', message: 'must be at most 200 characters (it has 201)' }]);
      raise(' 13800000000 ').thenMatches([{ type: 'NoticeObjectionRaised', data: { contact: '13800000000' } }]);
      // the limit is on the text recorded: spaces around a full-length contact are trimmed, not counted
      raise(`  ${'1'.repeat(200)}\n`).thenMatches([{ type: 'NoticeObjectionRaised', data: { contact: '1'.repeat(200) } }]);
    });

    it('refuses to close before the last day has passed', () => {
      given([submitted, accepted, published]).when({ type: 'CloseNotice', ...publisher('2026-10-16'), noticeId: 'notice-hrss-2026' }).thenThrows('NOTICE_PERIOD_NOT_OVER');
    });

    it('refuses to close while an objection is open', () => {
      const e = given([submitted, accepted, published, objection('obj-1', 'app-1')]).when({ type: 'CloseNotice', ...publisher('2026-10-19'), noticeId: 'notice-hrss-2026' }).thenThrows('OBJECTIONS_STILL_OPEN');
      expect(e.message).toContain('obj-1 on app-1');
    });

    it('closes after the period: an upheld objection stops that applicant; the others are ready for certification', () => {
      const history = [submitted, accepted, published, objection('obj-1', 'app-1'), resolved('obj-1', 'app-1', 'UPHELD'), objection('obj-2', 'app-3'), resolved('obj-2', 'app-3', 'DISMISSED')];
      const { events } = given(history)
        .when({ type: 'CloseNotice', ...publisher('2026-10-19'), noticeId: 'notice-hrss-2026' })
        .then([
          { type: 'NoticeClosed', schemaVersion: 1, data: { noticeId: 'notice-hrss-2026', closedOn: '2026-10-19', cleared: ['app-3'], withheld: [{ applicationId: 'app-1', objectionIds: ['obj-1'] }], closedBy: 'hrss-1' } },
          {
            type: 'ApplicantReadyForCertification',
            schemaVersion: 1,
            data: { year: 2026, centre: 'BJ_INFO_INDUSTRY_CENTRE', noticeId: 'notice-hrss-2026', applicationId: 'app-3', applicant: ZHAO, employerName: '北京智算科技有限公司', level: 'SENIOR_ENGINEER', direction: 'RESEARCH', committeeId: 'ai-senior', meetingId: 'meet-1', qualificationDate: '2026-09-15' },
          },
        ]);
      expect(events.some((e) => e.type === 'ApplicantReadyForCertification' && e.data.applicationId === 'app-1')).toBe(false);
      given([...history, ...events]).when({ type: 'CloseNotice', ...publisher('2026-10-20'), noticeId: 'notice-hrss-2026' }).thenThrows('NOTICE_ALREADY_CLOSED');
    });

    it('resolves an objection once, by HRSS', () => {
      const history = [submitted, accepted, published, objection('obj-1', 'app-1')];
      given(history).when({ type: 'ResolveNoticeObjection', ...staff(), noticeId: 'notice-hrss-2026', objectionId: 'obj-1', outcome: 'DISMISSED', findings: '查无实据' }).thenThrows('ROLE_NOT_ALLOWED');
      given([...history, resolved('obj-1', 'app-1', 'DISMISSED')])
        .when({ type: 'ResolveNoticeObjection', ...hrss(), noticeId: 'notice-hrss-2026', objectionId: 'obj-1', outcome: 'UPHELD', findings: '改判' })
        .thenThrows('OBJECTION_ALREADY_RESOLVED');
    });
  });

  describe('checkNoticePeriod', () => {
    // Weekends off; 2026-10-01…07 National Day holiday; Saturday 2026-10-10 a make-up working day.
    const calendar: WorkingDayCalendar = {
      isWorkingDay: (d) => {
        if (d === '2026-10-10') return true;
        if (d >= '2026-10-01' && d <= '2026-10-07') return false;
        const day = new Date(`${d}T00:00:00Z`).getUTCDay();
        return day !== 0 && day !== 6;
      },
    };

    it('accepts five working days counted from the publication day', () => {
      expect(checkNoticePeriod(period, rule, calendar)).toEqual([]);
    });

    it('counts the make-up day and skips the holiday', () => {
      expect(checkNoticePeriod({ firstDay: '2026-09-29', lastDay: '2026-10-10' }, rule, calendar)).toEqual([]);
    });

    it('says what is wrong when the period is short or starts on a day off', () => {
      expect(checkNoticePeriod({ firstDay: '2026-10-12', lastDay: '2026-10-15' }, rule, calendar)).toEqual(['the period holds 4 counted working days; the rule asks for 5']);
      expect(checkNoticePeriod({ firstDay: '2026-10-11', lastDay: '2026-10-16' }, { ...rule, countPublicationDay: false }, calendar)).toEqual(['the first day 2026-10-11 is not a working day']);
    });
  });
});
