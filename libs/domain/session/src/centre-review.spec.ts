import { centreReviewDecider, centreReviewStreamId, type ApplicationSnapshot, type CentreReviewEvent } from './centre-review';
import { deciderSpec } from './testing/given-when-then';
import { EMPLOYER_A, ZHANG, as } from './testing/fixtures';

const given = deciderSpec(centreReviewDecider);

const application: ApplicationSnapshot = {
  applicationId: 'app-1',
  declarationId: 'decl-1',
  year: 2026,
  applicant: ZHANG,
  employer: { name: '北京智算科技有限公司', creditCode: EMPLOYER_A, kind: 'NON_PUBLIC_ENTERPRISE' },
  level: 'SENIOR_ENGINEER',
  direction: 'APPLICATION',
  eligibility: { eligible: true, route: 'SENIOR.EDU.2', unmetClauses: [] },
  employerOpinion: '该同志业绩突出，同意推荐。',
};

const reviewer = (id = 'rev-1', date = '2026-07-10') => as('CENTRE_STAFF', id, date, { centre: 'BJ_INFO_INDUSTRY_CENTRE' });
const applicant = (date = '2026-07-12') => as('APPLICANT', 'user-zhang', date);
const at = (date: string) => `${date}T02:00:00.000Z`;

const opened: CentreReviewEvent = { type: 'ReviewOpened', schemaVersion: 1, data: { ...application, openedBy: 'employer-1', openedAt: at('2026-07-01') } };
const returned: CentreReviewEvent = {
  type: 'ApplicationReturnedForCorrection',
  schemaVersion: 1,
  data: { applicationId: 'app-1', reviewerId: 'rev-1', reasons: [{ path: '/achievements/1', reason: '论文检索证明缺失' }], correctBy: '2026-07-20', returnedAt: at('2026-07-10') },
};
const resubmitted: CentreReviewEvent = {
  type: 'ApplicationResubmitted',
  schemaVersion: 1,
  data: { applicationId: 'app-1', amendmentRef: 'decl-1@v2', summary: null, resubmittedBy: 'user-zhang', resubmittedAt: at('2026-07-12') },
};
const rejected: CentreReviewEvent = {
  type: 'ApplicationRejected',
  schemaVersion: 1,
  data: { applicationId: 'app-1', reviewerId: 'rev-1', grounds: [{ clause: 'SENIOR.ACH', reason: '成果不足2项' }], rejectedAt: at('2026-07-10') },
};
const recheckRequested: CentreReviewEvent = { type: 'RecheckRequested', schemaVersion: 1, data: { applicationId: 'app-1', requestedBy: 'user-zhang', reason: '第二篇论文已见刊', requestedAt: at('2026-07-12') } };
const accepted: CentreReviewEvent = {
  type: 'ApplicationAccepted',
  schemaVersion: 1,
  data: { applicationId: 'app-1', reviewerId: 'rev-1', via: 'REVIEW', overridesAutomaticCheck: false, remarks: null, acceptedAt: at('2026-07-10') },
};

describe('CentreReview', () => {
  it('names its stream by application', () => expect(centreReviewStreamId('app-1')).toBe('centre-review-app-1'));

  it('opens from a recommended declaration, keeping only the snapshot fields', () => {
    given([])
      .when({ type: 'OpenReview', ...as('EMPLOYER', 'employer-1', '2026-07-01'), ...application })
      .then([opened]);
  });

  it('refuses an invalid snapshot, naming the fields', () => {
    const e = given([])
      .when({ type: 'OpenReview', ...as('EMPLOYER', 'employer-1'), ...application, applicant: { name: '', idNumber: '123' }, level: 'CHIEF' as never })
      .thenThrows('INVALID_INPUT');
    expect(e.problems.map((p) => p.path)).toEqual(['/applicant/name', '/applicant/idNumber', '/level']);
  });

  it('accepts an eligible application', () => {
    given([opened]).when({ type: 'AcceptApplication', ...reviewer() }).then([accepted]);
  });

  it('needs remarks to accept what the automatic check found not eligible', () => {
    const notEligible: CentreReviewEvent = { ...opened, data: { ...opened.data, eligibility: { eligible: false, route: null, unmetClauses: ['SENIOR.ACH'] } } } as CentreReviewEvent;
    given([notEligible]).when({ type: 'AcceptApplication', ...reviewer() }).thenThrows('ACCEPTANCE_NEEDS_JUSTIFICATION');
    given([notEligible])
      .when({ type: 'AcceptApplication', ...reviewer(), remarks: '专利已授权，检索证明补齐' })
      .thenMatches([{ type: 'ApplicationAccepted', data: { overridesAutomaticCheck: true, remarks: '专利已授权，检索证明补齐' } }]);
  });

  it('refuses a reviewer of the other centre', () => {
    given([opened]).when({ type: 'AcceptApplication', ...as('CENTRE_STAFF', 'rev-9', '2026-07-10', { centre: 'BJ_PERSONNEL_EXAM_OFFICE' }) }).thenThrows('WRONG_CENTRE');
  });

  it('returns for correction with reasons, then takes the resubmission', () => {
    given([opened])
      .when({ type: 'ReturnForCorrection', ...reviewer(), reasons: [{ path: '/achievements/1', reason: '论文检索证明缺失' }], correctBy: '2026-07-20' })
      .then([returned]);
    given([opened, returned]).when({ type: 'ResubmitAfterCorrection', ...applicant(), amendmentRef: 'decl-1@v2' }).then([resubmitted]);
  });

  it('refuses a return without reasons', () => {
    given([opened]).when({ type: 'ReturnForCorrection', ...reviewer(), reasons: [] }).thenThrows('INVALID_INPUT');
  });

  it('refuses a second return for correction (补正 only once)', () => {
    given([opened, returned, resubmitted]).when({ type: 'ReturnForCorrection', ...reviewer(), reasons: [{ reason: '仍缺材料' }] }).thenThrows('CORRECTION_ALREADY_USED');
  });

  it('refuses a resubmission that was not asked for', () => {
    given([opened]).when({ type: 'ResubmitAfterCorrection', ...applicant(), amendmentRef: 'x' }).thenThrows('NOT_RETURNED_FOR_CORRECTION');
  });

  it('rejects naming clause codes and reasons', () => {
    given([opened]).when({ type: 'RejectApplication', ...reviewer(), grounds: [{ clause: 'SENIOR.ACH', reason: '成果不足2项' }] }).then([rejected]);
    const e = given([opened]).when({ type: 'RejectApplication', ...reviewer(), grounds: [{ clause: '', reason: '' }] }).thenThrows('INVALID_INPUT');
    expect(e.problems.map((p) => p.path)).toEqual(['/grounds/0/clause', '/grounds/0/reason']);
  });

  it('rejects an application out for correction only once its deadline has passed', () => {
    const grounds = [{ clause: 'SENIOR.ACH', reason: '逾期未补正' }];
    given([opened, returned]).when({ type: 'RejectApplication', ...reviewer('rev-1', '2026-07-20'), grounds }).thenThrows('CORRECTION_PENDING');
    given([opened, returned]).when({ type: 'RejectApplication', ...reviewer('rev-1', '2026-07-21'), grounds }).thenMatches([{ type: 'ApplicationRejected' }]);
  });

  it('lets the applicant ask for a recheck once, only after a rejection', () => {
    given([opened]).when({ type: 'RequestRecheck', ...applicant(), reason: '请复查' }).thenThrows('RECHECK_ONLY_AFTER_REJECTION');
    given([opened, rejected]).when({ type: 'RequestRecheck', ...applicant(), reason: '第二篇论文已见刊' }).then([recheckRequested]);
    const upheld: CentreReviewEvent = { type: 'RecheckDecided', schemaVersion: 1, data: { applicationId: 'app-1', reviewerId: 'rev-2', rejectedBy: 'rev-1', outcome: 'UPHELD', reasons: '维持', decidedAt: at('2026-07-15') } };
    given([opened, rejected, recheckRequested, upheld]).when({ type: 'RequestRecheck', ...applicant(), reason: '再次复查' }).thenThrows('RECHECK_ALREADY_REQUESTED');
  });

  it('refuses a recheck decided by the reviewer who rejected', () => {
    given([opened, rejected, recheckRequested]).when({ type: 'DecideRecheck', ...reviewer('rev-1'), outcome: 'OVERTURNED', reasons: '论文已见刊' }).thenThrows('RECHECK_SAME_REVIEWER');
  });

  it('overturned by another reviewer, the application is accepted', () => {
    const { state } = given([opened, rejected, recheckRequested])
      .when({ type: 'DecideRecheck', ...reviewer('rev-2', '2026-07-15'), outcome: 'OVERTURNED', reasons: '论文已见刊，成果满足' })
      .then([
        { type: 'RecheckDecided', schemaVersion: 1, data: { applicationId: 'app-1', reviewerId: 'rev-2', rejectedBy: 'rev-1', outcome: 'OVERTURNED', reasons: '论文已见刊，成果满足', decidedAt: at('2026-07-15') } },
        { type: 'ApplicationAccepted', schemaVersion: 1, data: { applicationId: 'app-1', reviewerId: 'rev-2', via: 'RECHECK', overridesAutomaticCheck: false, remarks: '论文已见刊，成果满足', acceptedAt: at('2026-07-15') } },
      ]);
    expect(state.status).toBe('ACCEPTED');
  });

  it('upheld, the application stays rejected', () => {
    const { state } = given([opened, rejected, recheckRequested])
      .when({ type: 'DecideRecheck', ...reviewer('rev-2'), outcome: 'UPHELD', reasons: '成果仍不足' })
      .thenMatches([{ type: 'RecheckDecided', data: { outcome: 'UPHELD' } }]);
    expect(state.status).toBe('REJECTED');
  });

  it('lets the applicant withdraw before the vote, not after it is locked for a meeting', () => {
    given([opened, accepted]).when({ type: 'WithdrawApplication', ...applicant(), reason: '个人原因' }).thenMatches([{ type: 'ApplicationWithdrawn', data: { statusBefore: 'ACCEPTED', reason: '个人原因' } }]);
    const locked: CentreReviewEvent = { type: 'ApplicationLockedForVote', schemaVersion: 1, data: { applicationId: 'app-1', meetingId: 'meet-1', lockedBy: 'rev-1', lockedAt: at('2026-09-01') } };
    given([opened]).when({ type: 'LockForVote', ...reviewer(), meetingId: 'meet-1' }).thenThrows('APPLICATION_NOT_ACCEPTED');
    given([opened, accepted]).when({ type: 'LockForVote', ...reviewer('rev-1', '2026-09-01'), meetingId: 'meet-1' }).then([locked]);
    given([opened, accepted, locked]).when({ type: 'WithdrawApplication', ...applicant() }).thenThrows('WITHDRAWAL_TOO_LATE');
  });

  it('refuses optional remarks, summaries and reasons that are not text, naming the field, and trims those that are', () => {
    const notText = [123, ['x'], { a: 1 }, true, 'x'.repeat(2001)];
    const paths = (e: { problems: readonly { path: string; message: string }[] }) => e.problems.map((p) => `${p.path} ${p.message}`);
    for (const remarks of notText) expect(paths(given([opened]).when({ type: 'AcceptApplication', ...reviewer(), remarks: remarks as string }).thenThrows('INVALID_INPUT'))[0]).toMatch(/^\/remarks must be /);
    for (const summary of notText) expect(paths(given([opened, returned]).when({ type: 'ResubmitAfterCorrection', ...applicant(), amendmentRef: 'decl-1@v2', summary: summary as string }).thenThrows('INVALID_INPUT'))[0]).toMatch(/^\/summary must be /);
    expect(paths(given([opened, accepted]).when({ type: 'WithdrawApplication', ...applicant(), reason: 42 as unknown as string }).thenThrows('INVALID_INPUT'))).toEqual(['/reason must be a text, not the number 42']);
    given([opened, accepted]).when({ type: 'WithdrawApplication', ...applicant(), reason: '   ' }).thenMatches([{ type: 'ApplicationWithdrawn', data: { reason: null } }]);
    given([opened, accepted]).when({ type: 'WithdrawApplication', ...applicant(), reason: ' 个人原因 ' }).thenMatches([{ type: 'ApplicationWithdrawn', data: { reason: '个人原因' } }]);
  });

  it('refuses commands by the wrong role and on a review never opened', () => {
    given([opened]).when({ type: 'AcceptApplication', ...applicant() }).thenThrows('ROLE_NOT_ALLOWED');
    given([opened, rejected]).when({ type: 'RequestRecheck', ...reviewer(), reason: 'x' }).thenThrows('ROLE_NOT_ALLOWED');
    given([]).when({ type: 'AcceptApplication', ...reviewer() }).thenThrows('REVIEW_NOT_OPENED');
    given([opened, accepted]).when({ type: 'RejectApplication', ...reviewer(), grounds: [{ clause: 'X', reason: 'y' }] }).thenThrows('NOT_UNDER_REVIEW');
  });
});
