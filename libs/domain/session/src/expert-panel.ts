// 专业评议组评议: the professional panel's scoring of one application (stream `expert-panel-<applicationId>`).
import { Directions, DomainError, eventTypesOf, Levels, type Decider, type Direction, type Level } from '@bj/kernel';
import { aggregationRuleCode, checkRelations, type AggregationRule, type Expert, type PanelSettings } from './annual-session';
import { conflictsBetween, isConflictType, ConflictTypes, type ConflictType } from './conflicts';
import { ProblemList, duplicates, eventFactory, requireRole, sha256Hex, type SessionCommand, type SessionEvent } from './shared';

export const expertPanelStreamId = (applicationId: string): string => `expert-panel-${applicationId}`;

/** What the panel needs of the application: who, from where, which level and direction. */
export interface PanelApplication {
  readonly applicationId: string;
  readonly year: number;
  readonly level: Level;
  readonly direction: Direction;
  /** The professional panel (专业评议组) of the session for this level's committee and direction. */
  readonly panelId: string;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly name: string; readonly creditCode: string };
}

/** The session's settings the panel follows, frozen when the panel opens. */
export interface PanelRules extends PanelSettings {
  readonly conflictTypes: readonly ConflictType[];
}

/** An expert of the pool with the number of applications already assigned to them this session. */
export interface PoolExpert extends Expert {
  readonly load: number;
}

// 评分标准: quantitative criteria; the total is 0–100.
export const RubricCriteria = ['innovation', 'technicalDifficulty', 'performanceResults', 'achievements'] as const;
export type RubricCriterion = (typeof RubricCriteria)[number];
export type RubricScores = Readonly<Record<RubricCriterion, number>>;
export interface Rubric {
  readonly id: string;
  readonly criteria: readonly { readonly key: RubricCriterion; readonly label: string; readonly max: number }[];
}
export const SCORING_RUBRIC_V1: Rubric = {
  id: 'AI_RUBRIC_V1',
  criteria: [
    { key: 'innovation', label: '创新性', max: 30 },
    { key: 'technicalDifficulty', label: '技术难度', max: 25 },
    { key: 'performanceResults', label: '业绩成效', max: 25 },
    { key: 'achievements', label: '成果水平', max: 20 },
  ],
};

export type ExclusionReason = ConflictType | 'OTHER_DIRECTION' | 'ALREADY_ASSIGNED' | 'RECUSED';

export interface AssignmentResult {
  /** Chosen, in order of choice (lowest load first, then the seeded order). */
  readonly assigned: readonly { readonly expertId: string; readonly name: string; readonly load: number }[];
  /** Everyone in the pool who could not be chosen, and why (sorted by expertId). */
  readonly excluded: readonly { readonly expertId: string; readonly reasons: readonly ExclusionReason[] }[];
  /** The unconflicted experts of the direction that were eligible, with their load (sorted by expertId). */
  readonly eligible: readonly { readonly expertId: string; readonly load: number }[];
}

export interface AssignmentOptions {
  /** Experts already on this application's panel (they stay; only the missing places are filled). */
  readonly alreadyAssigned?: readonly string[];
  /** Experts who recused themselves from this application. */
  readonly recused?: readonly string[];
}

/** The seeded order of an expert for an application: SHA-256 of seed, application and expert. */
export const seededRank = (seed: string, applicationId: string, expertId: string): string => sha256Hex(`${seed}\u0000${applicationId}\u0000${expertId}`);

/**
 * Chooses the experts missing from an application's panel (k − already assigned). Conflicts
 * are hard constraints: an expert of another direction, of the applicant's employer, with a
 * declared relation of an enforced type, already on the panel or recused is never chosen.
 * Among the rest, the lowest load goes first (balancing the work), ties broken by the seeded
 * order; the same inputs and seed always give the same panel. Throws NOT_ENOUGH_EXPERTS when
 * the unconflicted experts are too few.
 */
export function assignExperts(
  application: PanelApplication,
  pool: readonly PoolExpert[],
  settings: Pick<PanelRules, 'size' | 'conflictTypes'>,
  seed: string,
  options: AssignmentOptions = {},
): AssignmentResult {
  const already = new Set(options.alreadyAssigned ?? []);
  const recused = new Set(options.recused ?? []);
  const needed = settings.size - already.size;
  const excluded: { expertId: string; reasons: ExclusionReason[] }[] = [];
  const eligible: PoolExpert[] = [];
  for (const expert of pool) {
    const reasons: ExclusionReason[] = [];
    if (!expert.directions.includes(application.direction)) reasons.push('OTHER_DIRECTION');
    if (already.has(expert.expertId)) reasons.push('ALREADY_ASSIGNED');
    if (recused.has(expert.expertId)) reasons.push('RECUSED');
    reasons.push(...conflictsBetween(expert, application, settings.conflictTypes));
    if (reasons.length > 0) excluded.push({ expertId: expert.expertId, reasons });
    else eligible.push(expert);
  }
  const byId = (a: { expertId: string }, b: { expertId: string }) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0);
  if (eligible.length < needed) {
    throw DomainError.rule(
      'NOT_ENOUGH_EXPERTS',
      `Application ${application.applicationId} needs ${needed} more expert(s) of direction ${application.direction} without a conflict; only ${eligible.length} of the pool's ${pool.length} are available (${excluded.length} excluded by direction, conflict, recusal or already assigned)`,
      [{ path: '/pool', message: `${eligible.length} eligible, ${needed} needed` }],
    );
  }
  const ranked = eligible
    .map((e) => ({ expert: e, rank: seededRank(seed, application.applicationId, e.expertId) }))
    .sort((a, b) => a.expert.load - b.expert.load || (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return {
    assigned: ranked.slice(0, Math.max(needed, 0)).map(({ expert }) => ({ expertId: expert.expertId, name: expert.name, load: expert.load })),
    excluded: excluded.sort(byId),
    eligible: eligible.map((e) => ({ expertId: e.expertId, load: e.load })).sort(byId),
  };
}

/** Aggregates the panel's totals by a versioned rule; rounded half-up to 2 decimals. */
export function aggregateScores(rule: AggregationRule, totals: readonly number[]): number {
  if (totals.length === 0) throw DomainError.rule('NO_SCORES', 'There are no scores to aggregate');
  const sorted = [...totals].sort((a, b) => a - b);
  const kept = rule.name === 'TRIMMED_MEAN' && sorted.length >= 3 ? sorted.slice(1, -1) : sorted;
  const sum = kept.reduce((s, x) => s + x, 0);
  return Math.round((sum * 100) / kept.length) / 100;
}

export type OpenPanel = SessionCommand<'OpenPanel', { readonly application: PanelApplication; readonly rules: PanelRules }>;
/** Fills the panel up to k experts (the first time, or after a recusal). `pool` and loads come from the session's read model. */
export type AssignExperts = SessionCommand<'AssignExperts', { readonly pool: readonly PoolExpert[]; readonly seed: string }>;
/** 回避: an assigned expert declares a conflict of interest of one of the listed types. */
export type DeclareConflict = SessionCommand<'DeclareConflict', { readonly conflictType: ConflictType; readonly details: string }>;
/** An assigned expert steps down for another reason. */
export type Recuse = SessionCommand<'Recuse', { readonly reason: string }>;
export type SubmitScore = SessionCommand<'SubmitScore', { readonly scores: RubricScores; readonly opinion: string }>;
export type ExpertPanelCommand = OpenPanel | AssignExperts | DeclareConflict | Recuse | SubmitScore;

export type PanelOpened = SessionEvent<'PanelOpened', { readonly application: PanelApplication; readonly rules: PanelRules; readonly rubric: Rubric; readonly openedBy: string; readonly openedAt: string }>;
export type ExpertsAssigned = SessionEvent<
  'ExpertsAssigned',
  {
    readonly applicationId: string;
    /** 1 for the first assignment, then one more for each replacement. */
    readonly round: number;
    readonly seed: string;
    readonly needed: number;
    readonly assigned: AssignmentResult['assigned'];
    readonly excluded: AssignmentResult['excluded'];
    readonly eligible: AssignmentResult['eligible'];
    readonly conflictTypes: readonly ConflictType[];
    readonly assignedBy: string;
    readonly assignedAt: string;
  }
>;
export type ExpertRecused = SessionEvent<
  'ExpertRecused',
  {
    readonly applicationId: string;
    readonly expertId: string;
    /** CONFLICT: a declared conflict of interest (conflictType says which); OTHER: stepped down for another reason. */
    readonly grounds: 'CONFLICT' | 'OTHER';
    readonly conflictType: ConflictType | null;
    readonly reason: string;
    readonly recusedAt: string;
  }
>;
export type ScoreSubmitted = SessionEvent<
  'ScoreSubmitted',
  { readonly applicationId: string; readonly expertId: string; readonly rubricId: string; readonly scores: RubricScores; readonly total: number; readonly opinion: string; readonly submittedAt: string }
>;
export type PanelOpinionFormed = SessionEvent<
  'PanelOpinionFormed',
  {
    readonly applicationId: string;
    readonly panelId: string;
    readonly level: Level;
    readonly direction: Direction;
    readonly rule: AggregationRule;
    /** e.g. MEAN_V1 */
    readonly ruleCode: string;
    readonly totals: readonly { readonly expertId: string; readonly total: number }[];
    readonly aggregate: number;
    readonly passLine: number;
    readonly recommendation: 'RECOMMEND' | 'NOT_RECOMMEND';
    readonly spread: number;
    readonly spreadThreshold: number;
    readonly flaggedForDiscussion: boolean;
    readonly formedAt: string;
  }
>;
export type ExpertPanelEvent = PanelOpened | ExpertsAssigned | ExpertRecused | ScoreSubmitted | PanelOpinionFormed;

export interface ExpertScore {
  readonly expertId: string;
  readonly scores: RubricScores;
  readonly total: number;
  readonly opinion: string;
}

export interface ExpertPanelState {
  readonly application: PanelApplication | null;
  readonly rules: PanelRules | null;
  /** Experts on the panel now (recused ones removed), in order of assignment. */
  readonly assigned: readonly string[];
  readonly recused: readonly string[];
  readonly rounds: number;
  readonly scores: readonly ExpertScore[];
  readonly opinion: PanelOpinionFormed['data'] | null;
}

export const expertPanelInitialState = (): ExpertPanelState => ({ application: null, rules: null, assigned: [], recused: [], rounds: 0, scores: [], opinion: null });

const event = eventFactory<ExpertPanelEvent>();

function validateOpenPanel(cmd: OpenPanel): void {
  const p = new ProblemList();
  const a = cmd.application;
  if (p.check(!!a && typeof a === 'object', '/application', 'is required')) {
    p.text(a.applicationId, '/application/applicationId');
    p.integer(a.year, '/application/year', 2020, 2100);
    p.check(Levels.is(a.level), '/application/level', `must be one of ${Levels.values.join(', ')}`);
    p.check(Directions.is(a.direction), '/application/direction', `must be one of ${Directions.values.join(', ')}`);
    p.text(a.panelId, '/application/panelId');
    p.text(a.applicant?.name, '/application/applicant/name');
    p.text(a.applicant?.idNumber, '/application/applicant/idNumber');
    p.text(a.employer?.name, '/application/employer/name');
    p.text(a.employer?.creditCode, '/application/employer/creditCode');
  }
  const r = cmd.rules;
  if (p.check(!!r && typeof r === 'object', '/rules', 'is required (the session settings of the panel)')) {
    p.integer(r.size, '/rules/size', 3, 50);
    p.integer(r.passLine, '/rules/passLine', 0, 100);
    p.integer(r.spreadThreshold, '/rules/spreadThreshold', 0, 100);
    p.integer(r.opinionMinLength, '/rules/opinionMinLength', 1, 2000);
    p.check((r.aggregationRule?.name === 'MEAN' || r.aggregationRule?.name === 'TRIMMED_MEAN') && r.aggregationRule.version === 1, '/rules/aggregationRule', 'must be {name: MEAN or TRIMMED_MEAN, version: 1}');
    if (p.check(Array.isArray(r.conflictTypes), '/rules/conflictTypes', 'must be a list')) {
      r.conflictTypes.forEach((t, i) => p.check(isConflictType(t), `/rules/conflictTypes/${i}`, `must be one of ${ConflictTypes.join(', ')}`));
    }
  }
  p.throwIfAny('The panel cannot be opened');
}

function validatePool(pool: readonly PoolExpert[]): void {
  const p = new ProblemList();
  if (p.check(Array.isArray(pool), '/pool', 'must be a list of experts')) {
    pool.forEach((e, i) => {
      p.text(e?.expertId, `/pool/${i}/expertId`);
      p.text(e?.name, `/pool/${i}/name`);
      p.check(Array.isArray(e?.directions), `/pool/${i}/directions`, 'must be a list');
      p.text(e?.employerCreditCode, `/pool/${i}/employerCreditCode`);
      checkRelations(p, e?.relations ?? [], `/pool/${i}/relations`);
      p.integer(e?.load, `/pool/${i}/load`, 0);
    });
    for (const d of duplicates(pool.map((e) => e.expertId))) p.add('/pool', `expert ${d} is listed twice`);
  }
  p.throwIfAny('The experts cannot be assigned');
}

function requireOpen(state: ExpertPanelState): { application: PanelApplication; rules: PanelRules } {
  if (!state.application || !state.rules) throw DomainError.notFound('No panel is open for this application', 'PANEL_NOT_OPENED');
  if (state.opinion) throw DomainError.rule('PANEL_OPINION_FORMED', `The panel's opinion on ${state.application.applicationId} is formed; the panel is closed`);
  return { application: state.application, rules: state.rules };
}

function requireAssignedExpert(cmd: ExpertPanelCommand, state: ExpertPanelState, what: string): string {
  requireRole(cmd, ['EXPERT'], what);
  const expertId = cmd.actor.id;
  if (!state.assigned.includes(expertId)) {
    throw DomainError.forbidden(`Expert ${expertId} is not assigned to application ${state.application?.applicationId}`, 'EXPERT_NOT_ASSIGNED');
  }
  return expertId;
}

function formOpinion(application: PanelApplication, rules: PanelRules, scores: readonly ExpertScore[], at: string): PanelOpinionFormed {
  const totals = scores.map((s) => ({ expertId: s.expertId, total: s.total })).sort((a, b) => (a.expertId < b.expertId ? -1 : 1));
  const values = totals.map((t) => t.total);
  const aggregate = aggregateScores(rules.aggregationRule, values);
  const spread = Math.max(...values) - Math.min(...values);
  return event('PanelOpinionFormed', {
    applicationId: application.applicationId,
    panelId: application.panelId,
    level: application.level,
    direction: application.direction,
    rule: rules.aggregationRule,
    ruleCode: aggregationRuleCode(rules.aggregationRule),
    totals,
    aggregate,
    passLine: rules.passLine,
    recommendation: aggregate >= rules.passLine ? 'RECOMMEND' : 'NOT_RECOMMEND',
    spread,
    spreadThreshold: rules.spreadThreshold,
    flaggedForDiscussion: spread >= rules.spreadThreshold,
    formedAt: at,
  });
}

export function decideExpertPanel(command: ExpertPanelCommand, state: ExpertPanelState): ExpertPanelEvent[] {
  const at = command.now;
  switch (command.type) {
    case 'OpenPanel': {
      requireRole(command, ['CENTRE_STAFF'], 'Opening a professional panel');
      if (state.application) throw DomainError.conflict(`The panel of ${state.application.applicationId} is already open`, 'PANEL_ALREADY_OPENED');
      validateOpenPanel(command);
      const a = command.application;
      const r = command.rules;
      return [
        event('PanelOpened', {
          application: { applicationId: a.applicationId, year: a.year, level: a.level, direction: a.direction, panelId: a.panelId, applicant: { name: a.applicant.name, idNumber: a.applicant.idNumber }, employer: { name: a.employer.name, creditCode: a.employer.creditCode } },
          rules: { size: r.size, aggregationRule: r.aggregationRule, passLine: r.passLine, spreadThreshold: r.spreadThreshold, opinionMinLength: r.opinionMinLength, conflictTypes: r.conflictTypes },
          rubric: SCORING_RUBRIC_V1,
          openedBy: command.actor.id,
          openedAt: at,
        }),
      ];
    }
    case 'AssignExperts': {
      requireRole(command, ['CENTRE_STAFF'], 'Assigning experts');
      const { application, rules } = requireOpen(state);
      if (state.assigned.length >= rules.size) throw DomainError.conflict(`The panel already has its ${rules.size} experts`, 'PANEL_COMPLETE');
      const p = new ProblemList();
      p.text(command.seed, '/seed', 8);
      p.throwIfAny('The experts cannot be assigned');
      validatePool(command.pool);
      const result = assignExperts(application, command.pool, rules, command.seed, { alreadyAssigned: state.assigned, recused: state.recused });
      return [
        event('ExpertsAssigned', {
          applicationId: application.applicationId,
          round: state.rounds + 1,
          seed: command.seed,
          needed: rules.size - state.assigned.length,
          assigned: result.assigned,
          excluded: result.excluded,
          eligible: result.eligible,
          conflictTypes: rules.conflictTypes,
          assignedBy: command.actor.id,
          assignedAt: at,
        }),
      ];
    }
    case 'DeclareConflict':
    case 'Recuse': {
      const { application } = requireOpen(state);
      const expertId = requireAssignedExpert(command, state, 'Recusing from an application');
      if (state.scores.some((s) => s.expertId === expertId)) {
        throw DomainError.rule('RECUSAL_AFTER_SCORING', `Expert ${expertId} has already scored application ${application.applicationId}; recusal must come before scoring`);
      }
      const p = new ProblemList();
      if (command.type === 'DeclareConflict') {
        p.check(isConflictType(command.conflictType), '/conflictType', `must be one of ${ConflictTypes.join(', ')}`);
        p.text(command.details, '/details');
      } else {
        p.text(command.reason, '/reason');
      }
      p.throwIfAny('The recusal cannot be recorded');
      return [
        event('ExpertRecused', {
          applicationId: application.applicationId,
          expertId,
          grounds: command.type === 'DeclareConflict' ? 'CONFLICT' : 'OTHER',
          conflictType: command.type === 'DeclareConflict' ? command.conflictType : null,
          reason: command.type === 'DeclareConflict' ? command.details : command.reason,
          recusedAt: at,
        }),
      ];
    }
    case 'SubmitScore': {
      const { application, rules } = requireOpen(state);
      const expertId = requireAssignedExpert(command, state, 'Scoring an application');
      if (state.scores.some((s) => s.expertId === expertId)) throw DomainError.conflict(`Expert ${expertId} has already scored application ${application.applicationId}; one score per expert`, 'SCORE_ALREADY_SUBMITTED');
      const p = new ProblemList();
      if (p.check(!!command.scores && typeof command.scores === 'object', '/scores', 'is required')) {
        for (const c of SCORING_RUBRIC_V1.criteria) p.integer(command.scores[c.key], `/scores/${c.key}`, 0, c.max);
        for (const key of Object.keys(command.scores)) p.check((RubricCriteria as readonly string[]).includes(key), `/scores/${key}`, `is not a criterion of ${SCORING_RUBRIC_V1.id}`);
      }
      p.text(command.opinion, '/opinion', rules.opinionMinLength, 5000);
      p.throwIfAny('The score cannot be submitted');
      const scores = Object.fromEntries(RubricCriteria.map((k) => [k, command.scores[k]])) as unknown as RubricScores;
      const total = RubricCriteria.reduce((s, k) => s + scores[k], 0);
      const submitted = event('ScoreSubmitted', { applicationId: application.applicationId, expertId, rubricId: SCORING_RUBRIC_V1.id, scores, total, opinion: command.opinion, submittedAt: at });
      const all = [...state.scores, { expertId, scores, total, opinion: command.opinion }];
      const complete = state.assigned.length === rules.size && state.assigned.every((id) => all.some((s) => s.expertId === id));
      return complete ? [submitted, formOpinion(application, rules, all, at)] : [submitted];
    }
  }
}

export function evolveExpertPanel(state: ExpertPanelState, e: ExpertPanelEvent): ExpertPanelState {
  switch (e.type) {
    case 'PanelOpened':
      return { ...state, application: e.data.application, rules: e.data.rules };
    case 'ExpertsAssigned':
      return { ...state, assigned: [...state.assigned, ...e.data.assigned.map((a) => a.expertId)], rounds: e.data.round };
    case 'ExpertRecused':
      return { ...state, assigned: state.assigned.filter((id) => id !== e.data.expertId), recused: [...state.recused, e.data.expertId] };
    case 'ScoreSubmitted':
      return { ...state, scores: [...state.scores, { expertId: e.data.expertId, scores: e.data.scores, total: e.data.total, opinion: e.data.opinion }] };
    case 'PanelOpinionFormed':
      return { ...state, opinion: e.data };
  }
}

export const expertPanelDecider: Decider<ExpertPanelCommand, ExpertPanelEvent, ExpertPanelState> = {
  initialState: expertPanelInitialState,
  decide: decideExpertPanel,
  evolve: evolveExpertPanel,
};

/** Blind scoring: an expert sees the panel's scores (others' included) only once their own is in; before, nothing. */
export function scoresVisibleTo(state: ExpertPanelState, expertId: string): readonly ExpertScore[] {
  return state.scores.some((s) => s.expertId === expertId) ? state.scores : [];
}

/** Experts see only the applications assigned to them (recused experts no longer do). */
export const isAssignedExpert = (state: ExpertPanelState, expertId: string): boolean => state.assigned.includes(expertId);

/** Every type of expert-panel event. */
export const EXPERT_PANEL_EVENT_TYPES = eventTypesOf<ExpertPanelEvent['type']>({
  PanelOpened: true,
  ExpertsAssigned: true,
  ExpertRecused: true,
  ScoreSubmitted: true,
  PanelOpinionFormed: true,
});
