import fc from 'fast-check';
import { DEFAULT_SESSION_SETTINGS } from './annual-session';
import {
  SCORING_RUBRIC_V1,
  aggregateScores,
  assignExperts,
  expertPanelDecider,
  expertPanelStreamId,
  isAssignedExpert,
  scoresVisibleTo,
  type ExpertPanelEvent,
  type PanelApplication,
  type PanelRules,
  type PoolExpert,
  type RubricScores,
} from './expert-panel';
import { deciderSpec } from './testing/given-when-then';
import { EMPLOYER_A, EMPLOYER_B, EMPLOYER_C, ZHANG, as, staff } from './testing/fixtures';
import { fold } from '@bj/kernel';

const given = deciderSpec(expertPanelDecider);

const application: PanelApplication = {
  applicationId: 'app-1',
  year: 2026,
  level: 'SENIOR_ENGINEER',
  direction: 'RESEARCH',
  panelId: 'ai-senior-research',
  applicant: ZHANG,
  employer: { name: '北京智算科技有限公司', creditCode: EMPLOYER_A },
};
const rules: PanelRules = { ...DEFAULT_SESSION_SETTINGS.panel, conflictTypes: DEFAULT_SESSION_SETTINGS.conflictTypes };

const expert = (expertId: string, load: number, extra: Partial<PoolExpert> = {}): PoolExpert => ({
  expertId,
  name: `专家${expertId}`,
  directions: ['RESEARCH'],
  specialities: [],
  employerCreditCode: EMPLOYER_B,
  relations: [],
  load,
  ...extra,
});

const pool: PoolExpert[] = [
  expert('e1', 0, { employerCreditCode: EMPLOYER_A }), // same employer
  expert('e2', 0, { relations: [{ type: 'RELATIVE', personIdNumber: ZHANG.idNumber }] }),
  expert('e3', 0, { relations: [{ type: 'CO_AUTHOR', name: ZHANG.name }] }),
  expert('e4', 2),
  expert('e5', 1, { employerCreditCode: EMPLOYER_C }),
  expert('e6', 1),
  expert('e7', 0),
  expert('e8', 0, { directions: ['APPLICATION'] }),
];

const at = (date: string) => `${date}T02:00:00.000Z`;
const panelOpened: ExpertPanelEvent = { type: 'PanelOpened', schemaVersion: 1, data: { application, rules, rubric: SCORING_RUBRIC_V1, openedBy: 'staff-1', openedAt: at('2026-08-01') } };

function assigned(ids: string[], round = 1): ExpertPanelEvent {
  return {
    type: 'ExpertsAssigned',
    schemaVersion: 1,
    data: { applicationId: 'app-1', round, seed: 'seed-2026-0001', needed: ids.length, assigned: ids.map((expertId) => ({ expertId, name: `专家${expertId}`, load: 0 })), excluded: [], eligible: [], conflictTypes: rules.conflictTypes, assignedBy: 'staff-1', assignedAt: at('2026-08-02') },
  };
}
const score = (innovation: number, technicalDifficulty: number, performanceResults: number, achievements: number): RubricScores => ({ innovation, technicalDifficulty, performanceResults, achievements });
const OPINION = '研究方向明确，技术难度较高，成果具有行业影响力，建议通过。';
function scored(expertId: string, s: RubricScores): ExpertPanelEvent {
  const total = s.innovation + s.technicalDifficulty + s.performanceResults + s.achievements;
  return { type: 'ScoreSubmitted', schemaVersion: 1, data: { applicationId: 'app-1', expertId, rubricId: 'AI_RUBRIC_V1', scores: s, total, opinion: OPINION, submittedAt: at('2026-08-10') } };
}
const expertActor = (id: string) => as('EXPERT', id, '2026-08-10');

describe('assignExperts', () => {
  it('never picks a conflicted expert or one of another direction, and says why each was left out', () => {
    const result = assignExperts(application, pool, rules, 'seed-2026-0001');
    expect(result.assigned.map((a) => a.expertId).sort()).toEqual(['e5', 'e6', 'e7']);
    expect(result.excluded).toEqual([
      { expertId: 'e1', reasons: ['SAME_EMPLOYER'] },
      { expertId: 'e2', reasons: ['RELATIVE'] },
      { expertId: 'e3', reasons: ['CO_AUTHOR'] },
      { expertId: 'e8', reasons: ['OTHER_DIRECTION'] },
    ]);
  });

  it('balances load: the least loaded go first', () => {
    expect(assignExperts(application, pool, rules, 'any-seed-1').assigned[0]).toEqual({ expertId: 'e7', name: '专家e7', load: 0 });
  });

  it('enforces only the session’s conflict types', () => {
    const result = assignExperts(application, pool, { size: 3, conflictTypes: ['SAME_EMPLOYER'] }, 'seed-2026-0001');
    expect(result.assigned.map((a) => a.expertId).sort()).toEqual(['e2', 'e3', 'e7']);
  });

  it('fails clearly when too few experts are free of conflict', () => {
    expect(() => assignExperts(application, pool, { ...rules, size: 5 }, 'seed')).toThrow(expect.objectContaining({ code: 'NOT_ENOUGH_EXPERTS' }));
    expect(() => assignExperts(application, pool, { ...rules, size: 5 }, 'seed')).toThrow(/needs 5 more expert\(s\) of direction RESEARCH without a conflict; only 4/);
  });

  it('is deterministic given the seed, and never conflicted whatever the seed', () => {
    const equalLoad = Array.from({ length: 12 }, (_, i) => expert(`x${i}`, 0, i % 3 === 0 ? { employerCreditCode: EMPLOYER_A } : {}));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (seed) => {
        const a = assignExperts(application, equalLoad, rules, seed);
        expect(assignExperts(application, [...equalLoad].reverse(), rules, seed).assigned).toEqual(a.assigned);
        expect(a.assigned).toHaveLength(3);
        for (const x of a.assigned) expect(equalLoad.find((e) => e.expertId === x.expertId)!.employerCreditCode).not.toBe(EMPLOYER_A);
      }),
    );
  });
});

describe('aggregateScores', () => {
  it('MEAN_V1 rounds half up to 2 decimals; TRIMMED_MEAN_V1 drops one highest and one lowest', () => {
    expect(aggregateScores({ name: 'MEAN', version: 1 }, [70, 80, 81])).toBe(77);
    expect(aggregateScores({ name: 'MEAN', version: 1 }, [70, 70, 71])).toBe(70.33);
    expect(aggregateScores({ name: 'TRIMMED_MEAN', version: 1 }, [40, 80, 90, 85, 100])).toBe(85);
  });
});

describe('ExpertPanel', () => {
  it('names its stream by application', () => expect(expertPanelStreamId('app-1')).toBe('expert-panel-app-1'));

  it('opens with the session’s rules and the rubric', () => {
    given([]).when({ type: 'OpenPanel', ...staff('2026-08-01'), application, rules }).then([panelOpened]);
  });

  it('assigns k experts, recording seed, exclusions and loads', () => {
    const { state } = given([panelOpened])
      .when({ type: 'AssignExperts', ...staff('2026-08-02'), pool, seed: 'seed-2026-0001' })
      .thenMatches([{ type: 'ExpertsAssigned', data: { round: 1, needed: 3, seed: 'seed-2026-0001', eligible: [{ expertId: 'e4', load: 2 }, { expertId: 'e5', load: 1 }, { expertId: 'e6', load: 1 }, { expertId: 'e7', load: 0 }] } }]);
    expect([...state.assigned].sort()).toEqual(['e5', 'e6', 'e7']);
  });

  it('refuses an assignment that would need a conflicted expert', () => {
    const conflictedPool = pool.filter((e) => !['e4', 'e5', 'e6'].includes(e.expertId));
    given([panelOpened]).when({ type: 'AssignExperts', ...staff(), pool: conflictedPool, seed: 'seed-2026-0001' }).thenThrows('NOT_ENOUGH_EXPERTS');
  });

  it('refuses to assign to a complete panel', () => {
    given([panelOpened, assigned(['e5', 'e6', 'e7'])]).when({ type: 'AssignExperts', ...staff(), pool, seed: 'seed-2026-0002' }).thenThrows('PANEL_COMPLETE');
  });

  it('after a declared conflict, a replacement is assigned, never the recused expert', () => {
    const history = [panelOpened, assigned(['e5', 'e6', 'e7'])];
    const { events } = given(history)
      .when({ type: 'DeclareConflict', ...expertActor('e6'), conflictType: 'CO_PROJECT', details: '同为某国家重点研发计划课题成员' })
      .thenMatches([{ type: 'ExpertRecused', data: { expertId: 'e6', grounds: 'CONFLICT', conflictType: 'CO_PROJECT' } }]);
    const { state } = given([...history, ...events])
      .when({ type: 'AssignExperts', ...staff(), pool, seed: 'seed-2026-0002' })
      .thenMatches([{ type: 'ExpertsAssigned', data: { round: 2, needed: 1, assigned: [{ expertId: 'e4' }] } }]);
    expect(state.assigned).toEqual(['e5', 'e7', 'e4']);
    expect(isAssignedExpert(state, 'e6')).toBe(false);
  });

  it('refuses a score by an expert who is not assigned', () => {
    given([panelOpened, assigned(['e5', 'e6', 'e7'])]).when({ type: 'SubmitScore', ...expertActor('e4'), scores: score(20, 20, 20, 15), opinion: OPINION }).thenThrows('EXPERT_NOT_ASSIGNED');
  });

  it('refuses a second score by the same expert', () => {
    given([panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(20, 20, 20, 15))])
      .when({ type: 'SubmitScore', ...expertActor('e5'), scores: score(25, 20, 20, 15), opinion: OPINION })
      .thenThrows('SCORE_ALREADY_SUBMITTED');
  });

  it('refuses scores out of the rubric and a too short opinion, naming each', () => {
    const e = given([panelOpened, assigned(['e5', 'e6', 'e7'])])
      .when({ type: 'SubmitScore', ...expertActor('e5'), scores: { ...score(31, 20, 20.5, 15), extra: 3 } as never, opinion: '同意' })
      .thenThrows('INVALID_INPUT');
    expect(e.problems.map((p) => p.path)).toEqual(['/scores/innovation', '/scores/performanceResults', '/scores/extra', '/opinion']);
  });

  it('forms the opinion when all k scores are in, flagging a wide spread', () => {
    const history = [panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(25, 20, 20, 15)), scored('e6', score(15, 10, 10, 10))];
    given(history)
      .when({ type: 'SubmitScore', ...expertActor('e7'), scores: score(24, 20, 20, 16), opinion: OPINION })
      .then([
        scored('e7', score(24, 20, 20, 16)),
        {
          type: 'PanelOpinionFormed',
          schemaVersion: 1,
          data: {
            applicationId: 'app-1',
            panelId: 'ai-senior-research',
            level: 'SENIOR_ENGINEER',
            direction: 'RESEARCH',
            rule: { name: 'MEAN', version: 1 },
            ruleCode: 'MEAN_V1',
            totals: [
              { expertId: 'e5', total: 80 },
              { expertId: 'e6', total: 45 },
              { expertId: 'e7', total: 80 },
            ],
            aggregate: 68.33,
            passLine: 60,
            recommendation: 'RECOMMEND',
            spread: 35,
            spreadThreshold: 20,
            flaggedForDiscussion: true,
            formedAt: at('2026-08-10'),
          },
        },
      ]);
  });

  it('does not recommend under the pass line, and closes the panel once formed', () => {
    const history = [panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(15, 10, 10, 10)), scored('e6', score(15, 12, 10, 10))];
    const { events } = given(history)
      .when({ type: 'SubmitScore', ...expertActor('e7'), scores: score(16, 10, 10, 10), opinion: OPINION })
      .thenMatches([{ type: 'ScoreSubmitted' }, { type: 'PanelOpinionFormed', data: { aggregate: 46, recommendation: 'NOT_RECOMMEND', flaggedForDiscussion: false } }]);
    given([...history, ...events]).when({ type: 'Recuse', ...expertActor('e5'), reason: '时间冲突' }).thenThrows('PANEL_OPINION_FORMED');
  });

  it('refuses a recusal after scoring', () => {
    given([panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(20, 20, 20, 15))]).when({ type: 'Recuse', ...expertActor('e5'), reason: '出差' }).thenThrows('RECUSAL_AFTER_SCORING');
  });

  it('is blind: an expert sees the others’ scores only once their own is in', () => {
    const state = fold(expertPanelDecider, [panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(20, 20, 20, 15))]);
    expect(scoresVisibleTo(state, 'e6')).toEqual([]);
    expect(scoresVisibleTo(state, 'e5').map((s) => s.expertId)).toEqual(['e5']);
    const later = fold(expertPanelDecider, [panelOpened, assigned(['e5', 'e6', 'e7']), scored('e5', score(20, 20, 20, 15)), scored('e6', score(20, 20, 20, 10))]);
    expect(scoresVisibleTo(later, 'e6').map((s) => s.total)).toEqual([75, 70]);
    expect(scoresVisibleTo(later, 'e7')).toEqual([]);
  });
});
