import type { Actor } from '@bj/kernel';
import { given } from '@bj/kernel/testing';
import { declarationDecider as decider, type SessionTerms } from './declaration.decider';
import type { DeclarationEvent } from './declaration.events';

const CREDIT_CODE = '91110108MA01A2B3CF';
const applicant: Actor = { id: 'applicant-1', role: 'APPLICANT', creditCode: CREDIT_CODE };
const otherApplicant: Actor = { id: 'applicant-2', role: 'APPLICANT' };
const employer: Actor = { id: 'employer-1', role: 'EMPLOYER', creditCode: CREDIT_CODE };
const otherEmployer: Actor = { id: 'employer-2', role: 'EMPLOYER', creditCode: '12110000400012345U' };
const session: SessionTerms = { year: 2026, declarationWindow: { opensOn: '2026-06-01', closesOn: '2026-07-31' }, cutoffDate: '2026-12-31' };
const at = (date: string) => `${date}T02:00:00Z`;

const document = {
  applicant: { name: '李明', idNumber: '110105199001010037' },
  employer: { name: '北京智源科技有限公司', creditCode: CREDIT_CODE, kind: 'NON_PUBLIC_ENTERPRISE', inBeijing: true },
  direction: 'RESEARCH',
  targetLevel: 'ENGINEER',
  education: [{ level: 'MASTER', graduatedOn: '2023-06-30' }],
  aiWorkPeriods: [{ from: '2023-07-01' }],
  performance: [{ kind: 'RESEARCH_PROJECT', role: 'PARTICIPANT', completedOn: '2025-10-01', title: '大模型推理加速', scale: 'PROVINCIAL_MINISTERIAL' }],
  achievements: [
    { kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2024-05-01', title: '论文一' },
    { kind: 'PAPER', role: 'CORRESPONDING_AUTHOR', venue: 'DOMESTIC_CORE_JOURNAL', date: '2025-03-01', title: '论文二' },
  ],
};

const drafted: DeclarationEvent = { type: 'DeclarationDrafted', schemaVersion: 1, data: { declarationId: 'd1', sessionYear: 2026, ownerId: 'applicant-1', document } };
const submitted: DeclarationEvent = {
  type: 'DeclarationSubmitted',
  schemaVersion: 1,
  data: { document, employerCreditCode: CREDIT_CODE, applicantIdNumber: '110105199001010037', submittedOn: '2026-06-15' },
};
// 2026-09-30 + 5 working days, counting the day of publication: through 2026-10-12
const publicity: DeclarationEvent = { type: 'EmployerPublicityStarted', schemaVersion: 1, data: { firstDay: '2026-09-30', lastDay: '2026-10-12', workingDays: 5, countPublicationDay: true } };
const objection: DeclarationEvent = { type: 'PublicityObjectionRaised', schemaVersion: 1, data: { objectionId: 'o1', raisedBy: 'applicant-2', text: '论文二的通讯作者身份存疑' } };

describe('Declaration (申报): applicant stage', () => {
  it('drafts a valid declaration for its applicant', () => {
    given(decider).when({ type: 'DraftDeclaration', actor: applicant, now: at('2026-06-10'), declarationId: 'd1', sessionYear: 2026, document }).then([drafted]);
  });

  it('refuses a draft that breaks the schema, listing every problem under /declaration', () => {
    const error = given(decider)
      .when({ type: 'DraftDeclaration', actor: applicant, now: at('2026-06-10'), declarationId: 'd1', sessionYear: 2026, document: { ...document, targetLevel: 'CHIEF', applicant: { name: '李明', idNumber: '110105199001010038' } } })
      .thenRefuses('INVALID_INPUT', 'INVALID');
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/declaration/targetLevel', '/declaration/applicant/idNumber']));
  });

  it('lets only the owner edit', () => {
    given(decider, [drafted]).when({ type: 'EditDeclaration', actor: otherApplicant, now: at('2026-06-10'), document }).thenRefuses('NOT_DECLARATION_OWNER', 'FORBIDDEN');
  });

  it('submits inside the window and attaches the pre-check report', () => {
    given(decider, [drafted])
      .when({ type: 'SubmitDeclaration', actor: applicant, now: at('2026-06-15'), session })
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['DeclarationSubmitted', 'EligibilityPreChecked']);
        expect(events[1].data).toMatchObject({ report: { eligible: true, route: 'ENGINEER.EDU.2' } });
      });
  });

  it.each([
    ['the day before the window opens', '2026-05-31'],
    ['the day after it closes', '2026-08-01'],
  ])('refuses a submission on %s', (_, date) => {
    given(decider, [drafted]).when({ type: 'SubmitDeclaration', actor: applicant, now: at(date), session }).thenRefuses('OUTSIDE_DECLARATION_WINDOW');
  });

  it('accepts a submission on the last day of the window, Beijing time', () => {
    // 2026-07-31 23:30 in Beijing is 15:30 UTC
    given(decider, [drafted]).when({ type: 'SubmitDeclaration', actor: applicant, now: '2026-07-31T15:30:00Z', session }).then((events) => expect(events).toHaveLength(2));
  });

  it('refuses a barred applicant until the bar ends', () => {
    given(decider, [drafted]).when({ type: 'SubmitDeclaration', actor: applicant, now: at('2026-06-15'), session, barredUntil: '2027-03-01' }).thenRefuses('APPLICANT_BARRED');
  });

  it('withdraws with a reason, and not twice', () => {
    given(decider, [drafted, submitted]).when({ type: 'WithdrawDeclaration', actor: applicant, now: at('2026-06-20'), reason: '本年度暂不申报' }).then([{ type: 'DeclarationWithdrawn' }]);
    given(decider, [drafted, submitted, { type: 'DeclarationWithdrawn', schemaVersion: 1, data: { reason: 'x' } }])
      .when({ type: 'WithdrawDeclaration', actor: applicant, now: at('2026-06-20'), reason: '再次撤回' })
      .thenRefuses('WRONG_STAGE');
  });

  it('refuses a reason that is not text, or too long, naming it', () => {
    const refusal = (reason: unknown) => given(decider, [drafted, submitted]).when({ type: 'WithdrawDeclaration', actor: applicant, now: at('2026-06-20'), reason: reason as string }).thenRefuses('INVALID_INPUT').problems;
    expect(refusal(123)).toEqual([{ path: '/reason', message: 'reason must be a text of at least 2 characters, not a number' }]);
    expect(refusal(['本年度暂不申报'])).toEqual([{ path: '/reason', message: 'reason must be a text of at least 2 characters, not an array' }]);
    expect(refusal({})).toEqual([{ path: '/reason', message: 'reason must be a text of at least 2 characters, not an object' }]);
    expect(refusal(' x ')).toEqual([{ path: '/reason', message: 'reason is required (at least 2 characters)' }]);
    expect(refusal('长'.repeat(2001))).toEqual([{ path: '/reason', message: 'reason must be at most 2,000 characters (it has 2,001)' }]);
  });
});

describe('Declaration: employer stage (单位内部公示与推荐)', () => {
  const rule = { workingDays: 5, countPublicationDay: true };

  it("starts the publicity only as the applicant's own employer", () => {
    given(decider, [drafted, submitted])
      .when({ type: 'StartEmployerPublicity', actor: employer, now: at('2026-09-30'), period: { firstDay: '2026-09-30', lastDay: '2026-10-12' }, rule })
      .then([publicity]);
    given(decider, [drafted, submitted])
      .when({ type: 'StartEmployerPublicity', actor: otherEmployer, now: at('2026-09-30'), period: { firstDay: '2026-09-30', lastDay: '2026-10-12' }, rule })
      .thenRefuses('NOT_APPLICANTS_EMPLOYER');
  });

  it('refuses a recommendation on the last working day of the publicity (one day short)', () => {
    given(decider, [drafted, submitted, publicity]).when({ type: 'RecommendDeclaration', actor: employer, now: at('2026-10-12'), opinion: '同意推荐，业绩属实' }).thenRefuses('PUBLICITY_NOT_FINISHED');
  });

  it('recommends the day after the publicity ran its working days', () => {
    given(decider, [drafted, submitted, publicity])
      .when({ type: 'RecommendDeclaration', actor: employer, now: at('2026-10-13'), opinion: '同意推荐，业绩属实' })
      .then([{ type: 'EmployerRecommended', data: { opinion: '同意推荐，业绩属实', recommendedOn: '2026-10-13' } }]);
  });

  it('refuses a recommendation before any publicity', () => {
    given(decider, [drafted, submitted]).when({ type: 'RecommendDeclaration', actor: employer, now: at('2026-10-13'), opinion: '同意推荐' }).thenRefuses('WRONG_STAGE');
  });

  it('takes objections from people of the unit during the publicity only', () => {
    const colleague: Actor = { id: 'applicant-2', role: 'APPLICANT', creditCode: CREDIT_CODE };
    given(decider, [drafted, submitted, publicity]).when({ type: 'RaisePublicityObjection', actor: colleague, now: at('2026-10-09'), objectionId: 'o1', text: '论文二的通讯作者身份存疑' }).then([objection]);
    given(decider, [drafted, submitted, publicity]).when({ type: 'RaisePublicityObjection', actor: otherApplicant, now: at('2026-10-09'), objectionId: 'o1', text: '论文二的通讯作者身份存疑' }).thenRefuses('NOT_IN_UNIT');
    given(decider, [drafted, submitted, publicity]).when({ type: 'RaisePublicityObjection', actor: colleague, now: at('2026-10-13'), objectionId: 'o1', text: '论文二的通讯作者身份存疑' }).thenRefuses('PUBLICITY_ENDED');
  });

  it('refuses a recommendation while an objection is open, and after one was upheld', () => {
    given(decider, [drafted, submitted, publicity, objection]).when({ type: 'RecommendDeclaration', actor: employer, now: at('2026-10-14'), opinion: '同意推荐' }).thenRefuses('OBJECTIONS_OPEN');
    const upheld: DeclarationEvent = { type: 'PublicityObjectionResolved', schemaVersion: 1, data: { objectionId: 'o1', outcome: 'UPHELD', resolution: '经核实，通讯作者另有其人' } };
    given(decider, [drafted, submitted, publicity, objection, upheld]).when({ type: 'RecommendDeclaration', actor: employer, now: at('2026-10-14'), opinion: '同意推荐' }).thenRefuses('OBJECTION_UPHELD');
    given(decider, [drafted, submitted, publicity, objection, upheld]).when({ type: 'DeclineDeclaration', actor: employer, now: at('2026-10-14'), reasons: '公示期间异议成立' }).then([{ type: 'EmployerDeclined' }]);
  });

  it('returns a recommended declaration for correction once only', () => {
    const system: Actor = { id: 'review', role: 'CENTRE_STAFF' };
    const recommended: DeclarationEvent = { type: 'EmployerRecommended', schemaVersion: 1, data: { opinion: '同意推荐', recommendedOn: '2026-10-13' } };
    const returned: DeclarationEvent = { type: 'CorrectionRequested', schemaVersion: 1, data: { reasons: '缺少学位证书', reviewId: 'r1' } };
    const resubmitted: DeclarationEvent = { type: 'DeclarationResubmitted', schemaVersion: 1, data: { document, resubmittedOn: '2026-10-20' } };
    given(decider, [drafted, submitted, publicity, recommended]).when({ type: 'RequestCorrection', actor: system, now: at('2026-10-15'), reasons: '缺少学位证书', reviewId: 'r1' }).then([returned]);
    given(decider, [drafted, submitted, publicity, recommended, returned]).when({ type: 'ResubmitDeclaration', actor: applicant, now: at('2026-10-20'), document, session }).then((events) => expect(events.map((e) => e.type)).toEqual(['DeclarationResubmitted', 'EligibilityPreChecked']));
    given(decider, [drafted, submitted, publicity, recommended, returned, resubmitted]).when({ type: 'RequestCorrection', actor: system, now: at('2026-10-25'), reasons: '再次补正', reviewId: 'r1' }).thenRefuses('CORRECTION_ALREADY_REQUESTED');
  });
});
