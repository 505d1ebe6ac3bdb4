// The rules, clause by clause, with both sides of every boundary (cutoff 2026-12-31 unless said).
import type { Direction, Level } from '@bj/kernel';
import type { AchievementItem, PerformanceItem } from './declaration';
import { evaluateEligibility } from './evaluate';
import { evaluateRoute, factsOf } from './findings';
import type { EligibilityReport, Finding } from './report';
import { LEVEL_RULES } from './rules';
import { DeclarationBuilder } from './testing/declaration-builder';

const CUTOFF = '2026-12-31';
const evaluate = (builder: DeclarationBuilder, cutoff = CUTOFF): EligibilityReport => evaluateEligibility(builder.build(), cutoff);
const finding = (report: EligibilityReport, clause: string): Finding => {
  const found = report.findings.find((f) => f.clause === clause);
  if (!found) throw new Error(`no finding ${clause} in ${report.findings.map((f) => f.clause).join(', ')}`);
  return found;
};
const statusOf = (report: EligibilityReport, clause: string) => finding(report, clause).status;

/** Education, work, performance and achievements that meet every condition of a level. */
function complete(level: Level, direction: Direction = 'APPLICATION'): DeclarationBuilder {
  const b = DeclarationBuilder.for(level, direction);
  switch (level) {
    case 'ASSISTANT_ENGINEER':
      return b.degree('BACHELOR', '2020-07-01').work('2020-07-01');
    case 'ENGINEER':
      return b
        .degree('MASTER', '2020-07-01')
        .work('2020-07-01')
        .performance(direction === 'RESEARCH' ? { kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'PARTICIPANT', completedOn: '2024-01-01' } : { kind: 'UNIT_AI_MANAGEMENT_RULES', role: 'PARTICIPANT', completedOn: '2024-01-01' })
        .corePapers(2, '2023-01-01');
    case 'SENIOR_ENGINEER':
      return b
        .degree('DOCTORATE', '2020-07-01')
        .work('2020-07-01')
        .performance(direction === 'RESEARCH' ? { kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST', completedOn: '2024-01-01' } : { kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2024-01-01' })
        .corePapers(3, '2023-01-01');
    case 'PROFESSORATE_SENIOR_ENGINEER':
      return b
        .degree('BACHELOR', '2005-07-01')
        .work('2005-07-01')
        .title('DEPUTY_SENIOR', '2015-01-01')
        .performance(direction === 'RESEARCH' ? { kind: 'PLAN_POLICY_OR_STANDARD', scale: 'NATIONAL', role: 'HOST', promulgated: true, completedOn: '2024-01-01' } : { kind: 'KEY_TECH_BREAKTHROUGH', role: 'HOST', completedOn: '2024-01-01' })
        .corePapers(3, '2023-01-01');
  }
}

describe('a complete declaration of every level and direction is eligible', () => {
  it.each([
    ['ASSISTANT_ENGINEER', 'APPLICATION', 'ASSISTANT.EDU.2'],
    ['ENGINEER', 'RESEARCH', 'ENGINEER.EDU.2'],
    ['ENGINEER', 'APPLICATION', 'ENGINEER.EDU.2'],
    ['SENIOR_ENGINEER', 'RESEARCH', 'SENIOR.EDU.1'],
    ['SENIOR_ENGINEER', 'APPLICATION', 'SENIOR.EDU.1'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', 'PROFESSORATE.EDU.1'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', 'PROFESSORATE.EDU.1'],
  ] as const)('%s %s via %s', (level, direction, route) => {
    const report = evaluate(complete(level, direction));
    expect(report).toEqual(expect.objectContaining({ eligible: true, route, targetLevel: level, direction, cutoffDate: CUTOFF }));
    expect(report.findings.filter((f) => f.status === 'UNMET')).toEqual([]);
  });

  it('names its findings in the order of ELIGIBILITY.md', () => {
    expect(evaluate(complete('ENGINEER')).findings.map((f) => f.clause)).toEqual([
      'SCOPE.EMPLOYER',
      'SCOPE.AI_WORK',
      'ENGINEER.EDU',
      'ENGINEER.PERF',
      'ENGINEER.ACH',
      'BENEFIT',
      'CONTINUING_EDUCATION',
    ]);
    expect(evaluate(complete('ASSISTANT_ENGINEER')).findings.map((f) => f.clause)).toEqual([
      'SCOPE.EMPLOYER',
      'SCOPE.AI_WORK',
      'ASSISTANT.EDU',
      'CONTINUING_EDUCATION',
    ]);
  });
});

describe('scope (一、适用范围)', () => {
  it('SCOPE.EMPLOYER: an employer outside Beijing is out of scope', () => {
    const report = evaluate(complete('ENGINEER').employer({ inBeijing: false, name: '天津某公司' }));
    expect(finding(report, 'SCOPE.EMPLOYER')).toEqual(expect.objectContaining({ status: 'UNMET', detail: expect.stringContaining('「天津某公司」不在北京市') }));
    expect(report.eligible).toBe(false);
  });

  it.each(['STATE_OWNED_ENTERPRISE', 'PUBLIC_INSTITUTION', 'NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION'] as const)('SCOPE.EMPLOYER: a %s in Beijing is in scope', (kind) => {
    expect(statusOf(evaluate(complete('ENGINEER').employer({ kind })), 'SCOPE.EMPLOYER')).toBe('MET');
  });

  it('SCOPE.AI_WORK: no period at all', () => {
    const report = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('MASTER', '2020-01-01'));
    expect(statusOf(report, 'SCOPE.AI_WORK')).toBe('UNMET');
  });

  it('SCOPE.AI_WORK: a period starting the day after the cutoff does not count; one starting on it does', () => {
    const after = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('MASTER', '2020-01-01').work('2027-01-01'));
    expect(finding(after, 'SCOPE.AI_WORK')).toEqual(expect.objectContaining({ status: 'UNMET', detail: expect.stringContaining('截止日期 2026-12-31 之后') }));
    const onCutoff = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('MASTER', '2020-01-01').work('2026-12-31'));
    expect(statusOf(onCutoff, 'SCOPE.AI_WORK')).toBe('MET');
    expect(onCutoff.route).toBe('ASSISTANT.EDU.1');
  });
});

describe('education and experience: 满 N 年 by the day count', () => {
  const engineerBachelor = (graduatedOn: string) => DeclarationBuilder.for('ENGINEER').degree('BACHELOR', graduatedOn);

  it('ENGINEER.EDU.3: one continuous period from 2022-01-01 is exactly 5 years; from 2022-01-02 it is not', () => {
    const exactly = evaluate(engineerBachelor('2021-07-01').work('2022-01-01'));
    expect(exactly.route).toBe('ENGINEER.EDU.3');
    expect(finding(exactly, 'ENGINEER.EDU').detail).toContain('5 年（1826 天），满 5 年');
    const short = evaluate(engineerBachelor('2021-07-01').work('2022-01-02'));
    expect(short.route).toBeNull();
    expect(finding(short, 'ENGINEER.EDU')).toEqual(expect.objectContaining({ status: 'UNMET', detail: expect.stringContaining('4 年 11 个月（1825 天），不满 5 年') }));
  });

  it('work before graduation is not counted', () => {
    expect(evaluate(engineerBachelor('2022-01-01').work('2015-01-01')).route).toBe('ENGINEER.EDU.3');
    expect(evaluate(engineerBachelor('2022-01-02').work('2015-01-01')).route).toBeNull();
  });

  it('overlapping periods are merged, never counted twice', () => {
    const merged = engineerBachelor('2015-07-01').work('2022-01-01', '2024-12-31').work('2024-01-01', '2026-12-31');
    expect(evaluate(merged).route).toBe('ENGINEER.EDU.3');
    const twice = engineerBachelor('2015-07-01').work('2023-01-01', '2026-12-31').work('2023-01-01', '2026-12-31');
    expect(finding(evaluate(twice), 'ENGINEER.EDU').detail).toContain('4 年（1461 天），不满 5 年');
  });

  it('an open period runs to the cutoff; a closed one ending the day before falls one day short', () => {
    expect(evaluate(engineerBachelor('2015-07-01').work('2022-01-01')).route).toBe('ENGINEER.EDU.3');
    expect(evaluate(engineerBachelor('2015-07-01').work('2022-01-01', '2026-12-30')).route).toBeNull();
  });

  it('days after the cutoff are not counted', () => {
    expect(evaluate(engineerBachelor('2015-07-01').work('2022-01-02', '2030-12-31')).route).toBeNull();
    expect(evaluate(engineerBachelor('2015-07-01').work('2022-01-02'), '2027-01-01').route).toBe('ENGINEER.EDU.3');
  });

  it('gaps between periods are not counted', () => {
    const gap = engineerBachelor('2015-07-01').work('2021-01-01', '2022-12-31').work('2023-01-02', '2026-12-31');
    expect(finding(evaluate(gap), 'ENGINEER.EDU').detail).toContain('（2190 天）');
    expect(evaluate(gap).route).toBe('ENGINEER.EDU.3');
  });

  it('a degree graduated after the cutoff is not counted, and the finding says so', () => {
    const report = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('MASTER', '2027-06-30').work('2020-01-01'));
    expect(finding(report, 'ASSISTANT.EDU').detail).toContain('硕士研究生毕业日期 2027-06-30 晚于截止日期 2026-12-31');
  });

  describe.each([
    ['ASSISTANT.EDU.1', 'ASSISTANT_ENGINEER', 'MASTER', 0],
    ['ASSISTANT.EDU.2', 'ASSISTANT_ENGINEER', 'BACHELOR', 1],
    ['ASSISTANT.EDU.3', 'ASSISTANT_ENGINEER', 'JUNIOR_COLLEGE', 3],
    ['ASSISTANT.EDU.4', 'ASSISTANT_ENGINEER', 'SECONDARY_VOCATIONAL', 5],
    ['ENGINEER.EDU.1', 'ENGINEER', 'DOCTORATE', 0],
    ['ENGINEER.EDU.2', 'ENGINEER', 'MASTER', 2],
    ['ENGINEER.EDU.3', 'ENGINEER', 'BACHELOR', 5],
    ['ENGINEER.EDU.4', 'ENGINEER', 'JUNIOR_COLLEGE', 7],
    ['SENIOR.EDU.1', 'SENIOR_ENGINEER', 'DOCTORATE', 2],
    ['SENIOR.EDU.2', 'SENIOR_ENGINEER', 'MASTER', 7],
  ] as const)('%s: %s with %s, %i year(s)', (clause, level, degree, years) => {
    // N years to 2026-12-31 start on 1 January of 2027 − N; "works in AI" needs one day.
    const exactStart = years === 0 ? '2026-12-31' : `${2027 - years}-01-01`;
    const dayLate = years === 0 ? '2027-01-01' : `${2027 - years}-01-02`;

    it('met with exactly the days needed', () => {
      expect(evaluate(DeclarationBuilder.for(level).degree(degree, '2000-07-01').work(exactStart)).route).toBe(clause);
    });

    it('unmet one day short', () => {
      const report = evaluate(DeclarationBuilder.for(level).degree(degree, '2000-07-01').work(dayLate));
      expect(report.route).toBeNull();
      expect(finding(report, LEVEL_RULES[level].educationClause).status).toBe('UNMET');
    });
  });

  it('degree "or higher": a master counts for a bachelor route, a bachelor not for a master route', () => {
    const facts = factsOf(DeclarationBuilder.for('ENGINEER').degree('MASTER', '2021-06-30').work('2021-07-01').build(), CUTOFF);
    const [, , bachelorRoute] = LEVEL_RULES.ENGINEER.routes;
    expect(evaluateRoute(bachelorRoute, facts)).toEqual(expect.objectContaining({ clause: 'ENGINEER.EDU.3', met: true, qualifyingDate: '2021-06-30' }));
    const bachelorOnly = evaluate(DeclarationBuilder.for('ENGINEER').degree('BACHELOR', '2015-06-30').work('2024-07-01'));
    expect(finding(bachelorOnly, 'ENGINEER.EDU').detail).toContain('ENGINEER.EDU.2 无硕士研究生及以上学历');
  });

  it('degree "or higher": the earliest qualifying degree is used, counting from its graduation', () => {
    const facts = factsOf(DeclarationBuilder.for('ENGINEER').degree('DOCTORATE', '2024-06-30').degree('BACHELOR', '2018-06-30').work('2019-01-01').build(), CUTOFF);
    expect(evaluateRoute(LEVEL_RULES.ENGINEER.routes[2], facts)).toEqual(expect.objectContaining({ met: true, qualifyingDate: '2018-06-30' }));
  });

  it('a doctorate opens ASSISTANT.EDU.1 (master or higher)', () => {
    expect(evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('DOCTORATE', '2026-07-01').work('2026-07-01')).route).toBe('ASSISTANT.EDU.1');
  });
});

describe('education and experience: routes from a title', () => {
  it('ENGINEER.EDU.5: junior college or higher and a junior title, 4 years from the title', () => {
    const base = () => DeclarationBuilder.for('ENGINEER').degree('BACHELOR', '2024-07-01').work('2015-01-01');
    expect(evaluate(base().title('JUNIOR', '2022-12-31')).route).toBe('ENGINEER.EDU.5');
    expect(evaluate(base().title('JUNIOR', '2023-01-02')).route).toBeNull();
  });

  it('ENGINEER.EDU.5 needs junior college or higher', () => {
    const report = evaluate(DeclarationBuilder.for('ENGINEER').degree('SECONDARY_VOCATIONAL', '2010-07-01').work('2022-01-01').title('JUNIOR', '2018-01-01'));
    expect(report.route).toBeNull();
    expect(finding(report, 'ENGINEER.EDU').detail).toContain('已取得初级职称（2018-01-01），但无大学专科及以上学历');
  });

  it('SENIOR.EDU.3: bachelor or higher (here a master) and an intermediate title, 5 years from the title', () => {
    const base = () => DeclarationBuilder.for('SENIOR_ENGINEER').degree('MASTER', '2021-07-01').work('2010-01-01');
    expect(evaluate(base().title('INTERMEDIATE', '2021-12-31')).route).toBe('SENIOR.EDU.3');
    expect(evaluate(base().title('INTERMEDIATE', '2022-01-02')).route).toBeNull();
    expect(evaluate(DeclarationBuilder.for('SENIOR_ENGINEER').degree('JUNIOR_COLLEGE', '2005-07-01').work('2010-01-01').title('INTERMEDIATE', '2015-01-01')).route).toBeNull();
  });

  it('SENIOR.EDU.4: a deputy-senior title of another speciality, 3 years of AI work from it', () => {
    const base = () => DeclarationBuilder.for('SENIOR_ENGINEER').degree('JUNIOR_COLLEGE', '2000-07-01');
    expect(evaluate(base().title('DEPUTY_SENIOR', '2020-01-01', false).work('2024-01-01')).route).toBe('SENIOR.EDU.4');
    expect(evaluate(base().title('DEPUTY_SENIOR', '2020-01-01', false).work('2024-01-02')).route).toBeNull();
    expect(evaluate(base().title('DEPUTY_SENIOR', '2020-01-01', true).work('2020-01-01')).route).toBeNull();
  });

  it('PROFESSORATE.EDU.1: bachelor or higher and a deputy-senior title, 5 years from the title', () => {
    const base = () => DeclarationBuilder.for('PROFESSORATE_SENIOR_ENGINEER').degree('BACHELOR', '2000-07-01').work('2000-07-01');
    expect(evaluate(base().title('DEPUTY_SENIOR', '2021-12-31')).route).toBe('PROFESSORATE.EDU.1');
    expect(evaluate(base().title('DEPUTY_SENIOR', '2022-01-02')).route).toBeNull();
  });

  it('PROFESSORATE.EDU.2: a full-senior title of another speciality, 3 years from it; of this speciality it does not open the route', () => {
    const base = () => DeclarationBuilder.for('PROFESSORATE_SENIOR_ENGINEER').degree('JUNIOR_COLLEGE', '1995-07-01').work('2024-01-01');
    expect(evaluate(base().title('FULL_SENIOR', '2019-01-01', false)).route).toBe('PROFESSORATE.EDU.2');
    expect(evaluate(base().title('FULL_SENIOR', '2019-01-01', true)).route).toBeNull();
  });

  it('a title obtained after the cutoff is not counted', () => {
    const report = evaluate(DeclarationBuilder.for('PROFESSORATE_SENIOR_ENGINEER').degree('BACHELOR', '2000-07-01').work('2000-07-01').title('DEPUTY_SENIOR', '2027-01-01'));
    expect(finding(report, 'PROFESSORATE.EDU').detail).toContain('截至 2026-12-31 未取得副高级职称');
  });
});

describe('SENIOR exceptional routes (破格)', () => {
  const noDegreeRoute = () => complete('SENIOR_ENGINEER').build();
  const withAward = (award: NonNullable<ReturnType<typeof noDegreeRoute>['awards']>[number]) =>
    evaluateEligibility({ ...noDegreeRoute(), education: [{ level: 'BACHELOR', graduatedOn: '2020-07-01' }], awards: [award] }, CUTOFF).route;

  it.each([
    [{ kind: 'SCITECH_AWARD', scale: 'NATIONAL', date: '2025-01-01' }, 'SENIOR.EXCEPTION.1'],
    [{ kind: 'SCITECH_AWARD', scale: 'PROVINCIAL_MINISTERIAL', date: '2025-01-01' }, 'SENIOR.EXCEPTION.1'],
    [{ kind: 'SCITECH_AWARD', scale: 'BUREAU', date: '2025-01-01' }, null],
    [{ kind: 'CHINA_PATENT_AWARD', grade: 'GOLD', rank: 1, date: '2025-01-01' }, 'SENIOR.EXCEPTION.2'],
    [{ kind: 'CHINA_PATENT_AWARD', grade: 'SILVER', rank: 3, date: '2025-01-01' }, 'SENIOR.EXCEPTION.2'],
    [{ kind: 'CHINA_PATENT_AWARD', grade: 'SILVER', rank: 4, date: '2025-01-01' }, null],
    [{ kind: 'CHINA_PATENT_AWARD', grade: 'SILVER', date: '2025-01-01' }, null],
    [{ kind: 'CHINA_PATENT_AWARD', grade: 'EXCELLENCE', rank: 1, date: '2025-01-01' }, null],
    [{ kind: 'NATIONAL_STANDARD_DRAFTER', rank: 5, date: '2025-01-01' }, 'SENIOR.EXCEPTION.3'],
    [{ kind: 'NATIONAL_STANDARD_DRAFTER', rank: 6, date: '2025-01-01' }, null],
    [{ kind: 'INDUSTRY_STANDARD_DRAFTER', rank: 3, date: '2025-01-01' }, 'SENIOR.EXCEPTION.3'],
    [{ kind: 'INDUSTRY_STANDARD_DRAFTER', rank: 4, date: '2025-01-01' }, null],
    [{ kind: 'LOCAL_STANDARD_DRAFTER', rank: 3, date: '2025-01-01' }, 'SENIOR.EXCEPTION.3'],
    [{ kind: 'LOCAL_STANDARD_DRAFTER', rank: 4, date: '2025-01-01' }, null],
    [{ kind: 'SCITECH_AWARD', scale: 'NATIONAL', date: '2027-01-01' }, null],
  ] as const)('%o → %s', (award, route) => expect(withAward(award)).toBe(route));

  it('the first route met in the order listed wins over an exceptional one', () => {
    expect(evaluate(complete('SENIOR_ENGINEER').award({ kind: 'SCITECH_AWARD', scale: 'NATIONAL', date: '2025-01-01' })).route).toBe('SENIOR.EDU.1');
  });

  it('an exceptional route replaces education only: performance and achievements still apply', () => {
    const report = evaluate(DeclarationBuilder.for('SENIOR_ENGINEER').degree('BACHELOR', '2020-07-01').work('2020-07-01').award({ kind: 'SCITECH_AWARD', scale: 'NATIONAL', date: '2025-01-01' }));
    expect(report.route).toBe('SENIOR.EXCEPTION.1');
    expect(report.findings.filter((f) => f.status === 'UNMET').map((f) => f.clause)).toEqual(['SENIOR.PERF', 'SENIOR.ACH']);
  });

  it('an award after the cutoff is named as not counted', () => {
    const report = evaluate(DeclarationBuilder.for('SENIOR_ENGINEER').degree('BACHELOR', '2020-07-01').work('2020-07-01').award({ kind: 'SCITECH_AWARD', scale: 'NATIONAL', date: '2027-01-01' }));
    expect(finding(report, 'SENIOR.EDU').detail).toContain('晚于截止日期 2026-12-31，不计入');
  });
});

describe('performance (业绩条件)', () => {
  const item = (p: Omit<PerformanceItem, 'title' | 'completedOn'> & { completedOn?: string; title?: string }): PerformanceItem => ({ completedOn: '2025-01-01', title: `${p.kind}`, ...p });
  const perf = (level: Level, direction: Direction, items: PerformanceItem[]) => {
    const declaration = { ...complete(level, direction).build(), performance: items };
    return finding(evaluateEligibility(declaration, CUTOFF), LEVEL_RULES[level].performance!.clause);
  };

  it.each([
    // ENGINEER, RESEARCH
    ['ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'PROVINCIAL_MINISTERIAL', role: 'PARTICIPANT' })], 'MET'],
    ['ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'BUREAU', role: 'HOST' })], 'UNMET'],
    ['ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'INDUSTRY', role: 'PARTICIPANT', promulgated: true })], 'MET'],
    ['ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'INDUSTRY', role: 'PARTICIPANT', promulgated: false })], 'UNMET'],
    ['ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'UNIT', role: 'HOST', promulgated: true })], 'UNMET'],
    ['ENGINEER', 'RESEARCH', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST' })], 'UNMET'], // another direction's item
    // ENGINEER, APPLICATION
    ['ENGINEER', 'APPLICATION', [item({ kind: 'COMPLEX_AI_PROJECT', role: 'PARTICIPANT' })], 'UNMET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'COMPLEX_AI_PROJECT', role: 'PARTICIPANT' }), item({ kind: 'COMPLEX_AI_PROJECT', role: 'PARTICIPANT' })], 'MET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'PARTICIPANT' })], 'MET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_MANAGEMENT_RULES', role: 'PARTICIPANT' })], 'MET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'AI_PROFESSIONAL_LEAD', role: 'SUBPROJECT_LEAD' })], 'MET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'AI_PROFESSIONAL_LEAD', role: 'FIELD_LEAD' })], 'MET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'AI_PROFESSIONAL_LEAD', role: 'PARTICIPANT' })], 'UNMET'],
    ['ENGINEER', 'APPLICATION', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST' })], 'UNMET'],
    // SENIOR, RESEARCH
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'PROVINCIAL_MINISTERIAL', role: 'PARTICIPANT' })], 'UNMET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'PROVINCIAL_MINISTERIAL', role: 'MAIN_PARTICIPANT' })], 'MET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'UNDERTAKER' })], 'MET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'BUREAU', role: 'HOST' })], 'UNMET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'NATIONAL', role: 'MAIN_PARTICIPANT', promulgated: true })], 'MET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'NATIONAL', role: 'PARTICIPANT', promulgated: true })], 'UNMET'],
    ['SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'NATIONAL', role: 'UNDERTAKER', promulgated: true })], 'UNMET'],
    // SENIOR, APPLICATION
    ['SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'PARTICIPANT' })], 'UNMET'],
    ['SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST' })], 'MET'],
    ['SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'AI_PROFESSIONAL_LEAD', role: 'FIELD_LEAD' })], 'MET'],
    ['SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'AI_PROFESSIONAL_LEAD', role: 'SUBPROJECT_LEAD' })], 'UNMET'],
    ['SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'COMPLEX_AI_PROJECT', role: 'HOST' }), item({ kind: 'COMPLEX_AI_PROJECT', role: 'HOST' })], 'UNMET'],
    // PROFESSORATE, RESEARCH
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST', peerRatedDomesticLeading: true })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'PROVINCIAL_MINISTERIAL', role: 'UNDERTAKER', peerRatedDomesticLeading: true })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST' })], 'NEEDS_REVIEW'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'BUREAU', role: 'MAIN_PARTICIPANT' })], 'NEEDS_REVIEW'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'PARTICIPANT', peerRatedDomesticLeading: true })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'PROVINCIAL_MINISTERIAL', role: 'HOST', promulgated: true })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [item({ kind: 'PLAN_POLICY_OR_STANDARD', scale: 'PROVINCIAL_MINISTERIAL', role: 'MAIN_PARTICIPANT', promulgated: true })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH', [], 'UNMET'],
    // PROFESSORATE, APPLICATION
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'MAJOR_TECH_PROJECT', scale: 'PROVINCIAL_MINISTERIAL', role: 'UNDERTAKER' })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'MAJOR_TECH_PROJECT', scale: 'BUREAU', role: 'HOST' })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'MAJOR_TECH_PROJECT', scale: 'NATIONAL', role: 'MAIN_PARTICIPANT' })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'KEY_TECH_BREAKTHROUGH', role: 'PARTICIPANT' })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'NEW_PRODUCT_IN_PRODUCTION', role: 'TECH_LEADER', inProduction: true, peerRatedDomesticLeading: true })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'NEW_PRODUCT_IN_PRODUCTION', role: 'TECH_LEADER', inProduction: false, peerRatedDomesticLeading: true })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'NEW_PRODUCT_IN_PRODUCTION', role: 'TECH_LEADER', inProduction: true })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'NEW_PRODUCT_IN_PRODUCTION', role: 'HOST', inProduction: true, peerRatedDomesticLeading: true })], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST' })], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST' })], 'UNMET'],
  ] as const)('%s %s: %j → %s', (level, direction, items, status) => {
    expect(perf(level, direction, [...items]).status).toBe(status);
  });

  it('lists the indexes of the items that count', () => {
    const items = [item({ kind: 'COMPLEX_AI_PROJECT', role: 'PARTICIPANT' }), item({ kind: 'KEY_TECH_BREAKTHROUGH', role: 'HOST' }), item({ kind: 'COMPLEX_AI_PROJECT', role: 'HOST' })];
    expect(perf('ENGINEER', 'APPLICATION', items)).toEqual(expect.objectContaining({ status: 'MET', items: [0, 2] }));
  });

  it('NEEDS_REVIEW never blocks eligibility', () => {
    const declaration = { ...complete('PROFESSORATE_SENIOR_ENGINEER', 'RESEARCH').build(), performance: [item({ kind: 'RESEARCH_PROJECT', scale: 'NATIONAL', role: 'HOST' })] };
    expect(evaluateEligibility(declaration, CUTOFF).eligible).toBe(true);
  });

  it('an unmet finding names the items that did not qualify', () => {
    expect(perf('SENIOR_ENGINEER', 'APPLICATION', [item({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'PARTICIPANT', title: '智能客服平台' })]).detail).toContain('「智能客服平台」（本单位人工智能工程项目，参与，2025-01-01）不符合');
  });
});

describe('achievements (成果条件)', () => {
  const paper = (role: AchievementItem['role'], venue: AchievementItem['venue'], date = '2025-01-01'): AchievementItem => ({ kind: 'PAPER', role, venue, date, title: `论文 ${date}` });
  const other = (kind: AchievementItem['kind'], role: AchievementItem['role'], influence?: AchievementItem['influence']): AchievementItem => ({ kind, role, influence, date: '2025-01-01', title: kind });
  const ach = (level: Level, items: AchievementItem[]) => {
    const declaration = { ...complete(level).build(), achievements: items };
    return finding(evaluateEligibility(declaration, CUTOFF), LEVEL_RULES[level].achievements!.clause);
  };

  it.each([
    // ENGINEER: 2 or more
    ['ENGINEER', [paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL')], 'UNMET'],
    ['ENGINEER', [paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL'), paper('SECOND_AUTHOR', 'PUBLIC_JOURNAL')], 'MET'],
    ['ENGINEER', [paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL'), paper('CORRESPONDING_AUTHOR', 'DOMESTIC_CORE_JOURNAL')], 'MET'],
    ['ENGINEER', [paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL'), paper('OTHER_AUTHOR', 'DOMESTIC_CORE_JOURNAL')], 'UNMET'],
    ['ENGINEER', [paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL'), paper('FIRST_AUTHOR', undefined)], 'UNMET'],
    ['ENGINEER', [other('INVENTION_PATENT', 'PARTICIPANT', 'UNIT'), other('MONOGRAPH', 'MAIN_RESPONSIBLE', 'INDUSTRY')], 'MET'],
    ['ENGINEER', [other('INVENTION_PATENT', 'PARTICIPANT', 'UNIT'), other('MONOGRAPH', 'PARTICIPANT')], 'UNMET'],
    ['ENGINEER', [other('INVENTION_PATENT', 'PARTICIPANT', 'UNIT'), other('TECHNICAL_REPORT', 'FIRST_AUTHOR', 'UNIT')], 'UNMET'],
    ['ENGINEER', [other('INVENTION_PATENT', 'PARTICIPANT', 'UNIT'), paper('PARTICIPANT', 'PUBLIC_JOURNAL')], 'UNMET'],
    // SENIOR: 3 or more; core journal only
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('CORRESPONDING_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL')], 'MET'],
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('CORRESPONDING_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL')], 'UNMET'],
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('CORRESPONDING_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('SECOND_AUTHOR', 'DOMESTIC_CORE_JOURNAL')], 'UNMET'],
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), other('RESEARCH_REPORT', 'IMPORTANT_RESPONSIBLE', 'INDUSTRY'), other('DESIGN_DOCUMENT', 'MAIN_RESPONSIBLE', 'INDUSTRY')], 'MET'],
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), other('RESEARCH_REPORT', 'IMPORTANT_RESPONSIBLE', 'INDUSTRY'), other('DESIGN_DOCUMENT', 'MAIN_RESPONSIBLE', 'UNIT')], 'UNMET'],
    ['SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), other('RESEARCH_REPORT', 'IMPORTANT_RESPONSIBLE', 'INDUSTRY'), other('DESIGN_DOCUMENT', 'PARTICIPANT', 'INDUSTRY')], 'UNMET'],
    // PROFESSORATE: 3 or more; MAIN_RESPONSIBLE only
    ['PROFESSORATE_SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), other('TECHNICAL_STANDARD', 'MAIN_RESPONSIBLE', 'INDUSTRY'), other('INVENTION_PATENT', 'MAIN_RESPONSIBLE', 'INDUSTRY')], 'MET'],
    ['PROFESSORATE_SENIOR_ENGINEER', [paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), other('TECHNICAL_STANDARD', 'MAIN_RESPONSIBLE', 'INDUSTRY'), other('INVENTION_PATENT', 'IMPORTANT_RESPONSIBLE', 'INDUSTRY')], 'UNMET'],
    ['PROFESSORATE_SENIOR_ENGINEER', [paper('CORRESPONDING_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'PUBLIC_JOURNAL')], 'UNMET'],
  ] as const)('%s: %j → %s', (level, items, status) => {
    expect(ach(level, [...items]).status).toBe(status);
  });

  it('counts the items that qualify, by index, and names the others', () => {
    const result = ach('SENIOR_ENGINEER', [paper('SECOND_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL'), paper('FIRST_AUTHOR', 'DOMESTIC_CORE_JOURNAL', '2025-02-01')]);
    expect(result).toEqual(expect.objectContaining({ status: 'UNMET', items: [1, 2] }));
    expect(result.detail).toContain('符合条件的成果 2 项，不足 3 项');
    expect(result.detail).toContain('（论文，第二作者，国内核心期刊，2025-01-01）不符合成果要求');
  });
});

describe('the window for results (取得…职称以来, up to the cutoff)', () => {
  const engineerWithJuniorTitle = () =>
    DeclarationBuilder.for('ENGINEER').degree('MASTER', '2018-07-01').work('2018-07-01').title('JUNIOR', '2022-03-01').performance({ kind: 'UNIT_AI_MANAGEMENT_RULES', role: 'PARTICIPANT', completedOn: '2024-01-01' });

  it('items dated before or on the day of the previous title are not counted; the day after is', () => {
    const report = evaluate(engineerWithJuniorTitle().corePapers(1, '2024-01-01').achievement({ kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2022-02-28', title: '早' }).achievement({ kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2022-03-01', title: '同日' }));
    expect(finding(report, 'ENGINEER.ACH')).toEqual(expect.objectContaining({ status: 'UNMET', items: [0] }));
    expect(finding(report, 'ENGINEER.ACH').detail).toContain('不在取得初级职称（2022-03-01）之后');
    const dayAfter = evaluate(engineerWithJuniorTitle().corePapers(1, '2024-01-01').achievement({ kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2022-03-02' }));
    expect(statusOf(dayAfter, 'ENGINEER.ACH')).toBe('MET');
  });

  it('a title of any series opens the window', () => {
    const report = evaluate(complete('SENIOR_ENGINEER').title('INTERMEDIATE', '2024-06-01', false));
    expect(finding(report, 'SENIOR.ACH').detail).toContain('取得中级职称（2024-06-01）以来');
    expect(statusOf(report, 'SENIOR.ACH')).toBe('UNMET');
  });

  it('items dated after the cutoff are not counted, and the finding says so', () => {
    const report = evaluate(engineerWithJuniorTitle().corePapers(1, '2026-12-31').corePapers(1, '2027-01-01'));
    expect(finding(report, 'ENGINEER.ACH')).toEqual(expect.objectContaining({ status: 'UNMET', items: [0] }));
    expect(finding(report, 'ENGINEER.ACH').detail).toContain('晚于截止日期 2026-12-31，不计入');
    const perfLate = evaluate(DeclarationBuilder.for('ENGINEER').degree('MASTER', '2018-07-01').work('2018-07-01').corePapers(2, '2024-01-01').performance({ kind: 'UNIT_AI_MANAGEMENT_RULES', role: 'PARTICIPANT', completedOn: '2027-01-01' }));
    expect(statusOf(perfLate, 'ENGINEER.PERF')).toBe('UNMET');
  });

  it('without the previous title, results count from the qualifying date of the route used (on or after it)', () => {
    const base = () => DeclarationBuilder.for('ENGINEER').degree('MASTER', '2020-07-01').work('2020-07-01').performance({ kind: 'UNIT_AI_MANAGEMENT_RULES', role: 'PARTICIPANT', completedOn: '2024-01-01' }).corePapers(1, '2024-01-01');
    expect(statusOf(evaluate(base().corePapers(1, '2020-06-01')), 'ENGINEER.ACH')).toBe('UNMET');
    expect(statusOf(evaluate(base().achievement({ kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2020-07-01' })), 'ENGINEER.ACH')).toBe('MET');
  });

  it('on the exceptional route without an intermediate title, results count from any date', () => {
    const report = evaluate(
      DeclarationBuilder.for('SENIOR_ENGINEER').degree('BACHELOR', '2015-07-01').work('2015-07-01').award({ kind: 'CHINA_PATENT_AWARD', grade: 'GOLD', rank: 1, date: '2025-01-01' }).performance({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2010-01-01' }).corePapers(3, '2009-01-01'),
    );
    expect(report.route).toBe('SENIOR.EXCEPTION.2');
    expect(report.eligible).toBe(true);
  });

  it('on the exceptional route with an intermediate title, results count after it', () => {
    const report = evaluate(
      DeclarationBuilder.for('SENIOR_ENGINEER').degree('BACHELOR', '2015-07-01').work('2015-07-01').title('INTERMEDIATE', '2024-01-01').award({ kind: 'CHINA_PATENT_AWARD', grade: 'GOLD', rank: 1, date: '2025-01-01' }).performance({ kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2010-01-01' }).corePapers(3, '2025-01-01'),
    );
    expect(report.route).toBe('SENIOR.EXCEPTION.2');
    expect(report.findings.filter((f) => f.status === 'UNMET').map((f) => f.clause)).toEqual(['SENIOR.PERF']);
  });
});

describe('advisory findings never block', () => {
  it('BENEFIT is NEEDS_REVIEW whenever PERF is met, and absent otherwise', () => {
    const met = evaluate(complete('ENGINEER'));
    expect(finding(met, 'BENEFIT')).toEqual(expect.objectContaining({ status: 'NEEDS_REVIEW', items: [0] }));
    expect(met.eligible).toBe(true);
    const unmet = evaluateEligibility({ ...complete('ENGINEER').build(), performance: [] }, CUTOFF);
    expect(unmet.findings.map((f) => f.clause)).not.toContain('BENEFIT');
  });

  it('CONTINUING_EDUCATION: 90 hours in every whole year of the window is met; 89 in one is NEEDS_REVIEW', () => {
    const base = () => DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('BACHELOR', '2024-07-01').work('2024-07-01');
    const full = evaluate(base().continuingEducation(2025, 90).continuingEducation(2026, 120));
    expect(finding(full, 'CONTINUING_EDUCATION')).toEqual(expect.objectContaining({ status: 'MET', detail: expect.stringContaining('2025—2026 年每年') }));
    const short = evaluate(base().continuingEducation(2025, 89).continuingEducation(2026, 120));
    expect(finding(short, 'CONTINUING_EDUCATION')).toEqual(expect.objectContaining({ status: 'NEEDS_REVIEW', detail: expect.stringContaining('2025 年 89 学时') }));
    expect(short.eligible).toBe(true);
  });

  it('CONTINUING_EDUCATION: says so when no hours are declared at all', () => {
    const report = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('BACHELOR', '2024-07-01').work('2024-07-01'));
    expect(finding(report, 'CONTINUING_EDUCATION')).toEqual(expect.objectContaining({ status: 'NEEDS_REVIEW', detail: expect.stringContaining('2025—2026 年每年应不少于 90 学时，均未填报继续教育学时') }));
  });

  it('CONTINUING_EDUCATION: only whole calendar years after the previous title count', () => {
    const report = evaluate(complete('PROFESSORATE_SENIOR_ENGINEER').continuingEducation(2016, 90).continuingEducation(2017, 90).continuingEducation(2018, 90).continuingEducation(2019, 90).continuingEducation(2020, 90).continuingEducation(2021, 90).continuingEducation(2022, 90).continuingEducation(2023, 90).continuingEducation(2024, 90).continuingEducation(2025, 90).continuingEducation(2026, 90));
    // the deputy-senior title is dated 2015-01-01, so 2015 is not a whole year after it
    expect(finding(report, 'CONTINUING_EDUCATION')).toEqual(expect.objectContaining({ status: 'MET', detail: expect.stringContaining('2016—2026 年') }));
  });

  it('CONTINUING_EDUCATION: no whole year in the window leaves nothing to check', () => {
    const report = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('MASTER', '2026-07-01').work('2026-07-01'));
    expect(statusOf(report, 'CONTINUING_EDUCATION')).toBe('MET');
  });
});

describe('messages', () => {
  it('an unmet education finding names each route once, without repeating the same count', () => {
    const report = evaluate(DeclarationBuilder.for('ASSISTANT_ENGINEER').degree('BACHELOR', '2026-06-30').work('2026-07-10'));
    expect(finding(report, 'ASSISTANT.EDU').detail).toBe(
      '不符合任一学历和专业工作经历条件：ASSISTANT.EDU.1 无硕士研究生及以上学历；ASSISTANT.EDU.2 大学本科毕业（2026-06-30）后从事本专业技术工作 5 个月（175 天），不满 1 年（需 365 天），ASSISTANT.EDU.3、ASSISTANT.EDU.4 要求的年限更长，同样不满足。',
    );
  });

  it('name the facts used, in years and months', () => {
    const report = evaluate(DeclarationBuilder.for('ENGINEER').degree('MASTER', '2024-07-31').work('2024-08-01'));
    expect(finding(report, 'ENGINEER.EDU').detail).toBe('硕士研究生毕业（2024-07-31）后从事本专业技术工作 2 年 5 个月（883 天），满 2 年（需 730 天），符合 ENGINEER.EDU.2。');
  });
});
