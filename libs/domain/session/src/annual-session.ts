// 年度评审: the annual session (stream `annual-session-<year>`), its committees, panels, expert pool and settings.
import {
  CENTRE_OF_LEVEL,
  Centres,
  Directions,
  DomainError,
  eventTypesOf,
  Levels,
  compareDates,
  type Centre,
  type Decider,
  type Direction,
  type Level,
  type PublicityRule,
} from '@bj/kernel';
import { ConflictTypes, isConflictType, type ConflictType, type DeclaredRelation } from './conflicts';
import { ProblemList, duplicates, eventFactory, requireRole, today, type Fraction, type SessionCommand, type SessionEvent } from './shared';

export const annualSessionStreamId = (year: number): string => `annual-session-${year}`;

/** The levels a senior committee (高级评审委员会) decides: such a committee follows the national size rule. */
export const SENIOR_LEVELS: readonly Level[] = ['SENIOR_ENGINEER', 'PROFESSORATE_SENIOR_ENGINEER'];

export interface CommitteeMember {
  readonly memberId: string;
  readonly name: string;
  readonly employerCreditCode?: string;
  readonly relations?: readonly DeclaredRelation[];
}

/** 评审委员会 */
export interface Committee {
  readonly committeeId: string;
  readonly name?: string;
  readonly centre: Centre;
  readonly levels: readonly Level[];
  readonly members: readonly CommitteeMember[];
}

/** 专业评议组: one per direction of a committee; its experts come from the pool by direction. */
export interface ProfessionalPanel {
  readonly panelId: string;
  readonly committeeId: string;
  readonly direction: Direction;
  readonly name?: string;
}

export const AggregationRuleNames = ['MEAN', 'TRIMMED_MEAN'] as const;
export type AggregationRuleName = (typeof AggregationRuleNames)[number];
/** A versioned score aggregation rule, e.g. {name: 'MEAN', version: 1} = MEAN_V1. */
export interface AggregationRule {
  readonly name: AggregationRuleName;
  readonly version: 1;
}
export const aggregationRuleCode = (rule: AggregationRule): string => `${rule.name}_V${rule.version}`;

export interface PanelSettings {
  /** k: experts per application (national: ≥ 3). */
  readonly size: number;
  readonly aggregationRule: AggregationRule;
  /** An aggregate ≥ passLine recommends the applicant. */
  readonly passLine: number;
  /** max − min ≥ spreadThreshold flags the application for discussion. */
  readonly spreadThreshold: number;
  /** The written opinion (定性评价) needs at least this many characters. */
  readonly opinionMinLength: number;
}

export interface SessionSettings {
  readonly publicity: PublicityRule;
  /** Members present needed to open a meeting (national: 2/3). */
  readonly quorum: Fraction;
  /** Yes votes needed, of members present (national: 2/3). */
  readonly passThreshold: Fraction;
  readonly conflictTypes: readonly ConflictType[];
  readonly reapplicationBarYears: number;
  readonly panel: PanelSettings;
  /** National: a senior committee has ≥ 25 members, an odd number. */
  readonly seniorCommittee: { readonly minMembers: number; readonly oddMembers: boolean };
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  publicity: { workingDays: 5, countPublicationDay: true },
  quorum: { numerator: 2, denominator: 3 },
  passThreshold: { numerator: 2, denominator: 3 },
  conflictTypes: [...ConflictTypes],
  reapplicationBarYears: 3,
  panel: { size: 3, aggregationRule: { name: 'MEAN', version: 1 }, passLine: 60, spreadThreshold: 20, opinionMinLength: 20 },
  seniorCommittee: { minMembers: 25, oddMembers: true },
};

export interface DeclarationWindow {
  readonly opensOn: string;
  readonly closesOn: string;
}

/** 评审专家 in the session's pool. */
export interface Expert {
  readonly expertId: string;
  readonly name: string;
  readonly directions: readonly Direction[];
  readonly specialities: readonly string[];
  readonly employerCreditCode: string;
  readonly relations: readonly DeclaredRelation[];
}

export type SessionSettingsInput = Partial<Omit<SessionSettings, 'panel' | 'publicity' | 'seniorCommittee'>> & {
  readonly panel?: Partial<PanelSettings>;
  readonly publicity?: Partial<PublicityRule>;
  readonly seniorCommittee?: Partial<SessionSettings['seniorCommittee']>;
};

export interface SessionDefinition {
  readonly year: number;
  readonly declarationWindow: DeclarationWindow;
  /** 截止日期 for the conditions; default December 31 of the year. */
  readonly cutoffDate?: string;
  readonly committees: readonly Committee[];
  readonly panels: readonly ProfessionalPanel[];
  readonly settings?: SessionSettingsInput;
}
export type OpenSession = SessionCommand<'OpenSession', SessionDefinition>;
export type RegisterExpert = SessionCommand<'RegisterExpert', Expert>;
export type CloseDeclarations = SessionCommand<'CloseDeclarations', object>;
export type AnnualSessionCommand = OpenSession | RegisterExpert | CloseDeclarations;

export type SessionOpened = SessionEvent<
  'SessionOpened',
  {
    readonly year: number;
    readonly declarationWindow: DeclarationWindow;
    readonly cutoffDate: string;
    readonly committees: readonly Committee[];
    readonly panels: readonly ProfessionalPanel[];
    /** The full settings in force, defaults filled in. */
    readonly settings: SessionSettings;
    readonly openedBy: string;
    readonly openedAt: string;
  }
>;
export type ExpertRegistered = SessionEvent<'ExpertRegistered', Expert & { readonly year: number; readonly registeredBy: string }>;
export type DeclarationsClosed = SessionEvent<'DeclarationsClosed', { readonly year: number; readonly closedOn: string; readonly closedBy: string }>;
export type AnnualSessionEvent = SessionOpened | ExpertRegistered | DeclarationsClosed;

export interface AnnualSessionState {
  readonly session: SessionOpened['data'] | null;
  readonly declarationsClosedOn: string | null;
  readonly experts: readonly Expert[];
}

export const annualSessionInitialState = (): AnnualSessionState => ({ session: null, declarationsClosedOn: null, experts: [] });

export function resolveSettings(input: SessionSettingsInput | undefined): SessionSettings {
  const d = DEFAULT_SESSION_SETTINGS;
  return {
    publicity: { ...d.publicity, ...input?.publicity },
    quorum: input?.quorum ?? d.quorum,
    passThreshold: input?.passThreshold ?? d.passThreshold,
    conflictTypes: input?.conflictTypes ?? d.conflictTypes,
    reapplicationBarYears: input?.reapplicationBarYears ?? d.reapplicationBarYears,
    panel: { ...d.panel, ...input?.panel },
    seniorCommittee: { ...d.seniorCommittee, ...input?.seniorCommittee },
  };
}

const event = eventFactory<AnnualSessionEvent>();

function checkFraction(p: ProblemList, f: Fraction | undefined, path: string): void {
  if (p.check(!!f && typeof f === 'object', path, 'is required ({numerator, denominator})') && f) {
    p.integer(f.numerator, `${path}/numerator`, 1);
    p.integer(f.denominator, `${path}/denominator`, 1);
    p.check(!(f.numerator > f.denominator), path, 'must not exceed 1');
  }
}

export function checkRelations(p: ProblemList, relations: readonly DeclaredRelation[] | undefined, path: string): void {
  if (relations === undefined) return;
  if (!p.check(Array.isArray(relations), path, 'must be a list')) return;
  relations.forEach((r, i) => {
    p.check(isConflictType(r?.type) && (r.type as string) !== 'SAME_EMPLOYER', `${path}/${i}/type`, `must be one of ${ConflictTypes.filter((t) => t !== 'SAME_EMPLOYER').join(', ')} (same employer comes from the credit code)`);
    p.check(!!r?.personIdNumber?.trim() || !!r?.name?.trim(), `${path}/${i}`, 'needs personIdNumber or name');
  });
}

function validateOpenSession(data: SessionDefinition, settings: SessionSettings): void {
  const p = new ProblemList();
  p.integer(data.year, '/year', 2020, 2100);
  const w = data.declarationWindow;
  if (p.check(!!w, '/declarationWindow', 'is required ({opensOn, closesOn})')) {
    p.date(w.opensOn, '/declarationWindow/opensOn');
    p.date(w.closesOn, '/declarationWindow/closesOn');
  }
  if (data.cutoffDate !== undefined) p.date(data.cutoffDate, '/cutoffDate');
  if (p.check(Array.isArray(data.committees) && data.committees.length > 0, '/committees', 'needs at least one committee')) {
    data.committees.forEach((c, i) => {
      const path = `/committees/${i}`;
      p.text(c.committeeId, `${path}/committeeId`);
      p.check(Centres.is(c.centre), `${path}/centre`, `must be one of ${Centres.values.join(', ')}`);
      if (p.check(Array.isArray(c.levels) && c.levels.length > 0, `${path}/levels`, 'needs at least one level')) {
        c.levels.forEach((l, j) => p.check(Levels.is(l), `${path}/levels/${j}`, `must be one of ${Levels.values.join(', ')}`));
      }
      if (p.check(Array.isArray(c.members) && c.members.length > 0, `${path}/members`, 'needs at least one member')) {
        c.members.forEach((m, j) => {
          p.text(m.memberId, `${path}/members/${j}/memberId`);
          p.text(m.name, `${path}/members/${j}/name`);
          checkRelations(p, m.relations, `${path}/members/${j}/relations`);
        });
        for (const d of duplicates(c.members.map((m) => m.memberId))) p.add(`${path}/members`, `member ${d} is listed twice`);
      }
    });
    for (const d of duplicates(data.committees.map((c) => c.committeeId))) p.add('/committees', `committee ${d} is listed twice`);
  }
  if (p.check(Array.isArray(data.panels), '/panels', 'is required (one professional panel per committee and direction)')) {
    data.panels.forEach((panel, i) => {
      p.text(panel.panelId, `/panels/${i}/panelId`);
      p.check(Directions.is(panel.direction), `/panels/${i}/direction`, `must be one of ${Directions.values.join(', ')}`);
      p.check((data.committees ?? []).some((c) => c.committeeId === panel.committeeId), `/panels/${i}/committeeId`, `names no committee of this session (${panel.committeeId})`);
    });
    for (const d of duplicates(data.panels.map((x) => x.panelId))) p.add('/panels', `panel ${d} is listed twice`);
  }
  const s = settings;
  p.integer(s.publicity.workingDays, '/settings/publicity/workingDays', 1, 60);
  p.check(typeof s.publicity.countPublicationDay === 'boolean', '/settings/publicity/countPublicationDay', 'must be true or false');
  checkFraction(p, s.quorum, '/settings/quorum');
  checkFraction(p, s.passThreshold, '/settings/passThreshold');
  if (p.check(Array.isArray(s.conflictTypes), '/settings/conflictTypes', 'must be a list')) {
    s.conflictTypes.forEach((t, i) => p.check(isConflictType(t), `/settings/conflictTypes/${i}`, `must be one of ${ConflictTypes.join(', ')}`));
  }
  p.integer(s.reapplicationBarYears, '/settings/reapplicationBarYears', 0, 20);
  p.integer(s.panel.size, '/settings/panel/size', 1, 50);
  p.check(AggregationRuleNames.includes(s.panel.aggregationRule?.name) && s.panel.aggregationRule?.version === 1, '/settings/panel/aggregationRule', `must be one of ${AggregationRuleNames.map((n) => `{name: ${n}, version: 1}`).join(', ')}`);
  p.integer(s.panel.passLine, '/settings/panel/passLine', 0, 100);
  p.integer(s.panel.spreadThreshold, '/settings/panel/spreadThreshold', 0, 100);
  p.integer(s.panel.opinionMinLength, '/settings/panel/opinionMinLength', 1, 2000);
  p.integer(s.seniorCommittee.minMembers, '/settings/seniorCommittee/minMembers', 1, 999);
  p.throwIfAny('The session cannot be opened');

  if (compareDates(w.opensOn, w.closesOn) > 0) {
    throw DomainError.rule('DECLARATION_WINDOW_REVERSED', `The declaration window opens (${w.opensOn}) after it closes (${w.closesOn})`, [{ path: '/declarationWindow', message: 'opensOn must be on or before closesOn' }]);
  }
  if (s.panel.size < 3) {
    throw DomainError.rule('PANEL_TOO_SMALL', `A professional panel needs at least 3 experts (national rule); settings.panel.size is ${s.panel.size}`, [{ path: '/settings/panel/size', message: 'must be at least 3' }]);
  }
  if (s.publicity.workingDays < 5) {
    throw DomainError.rule('PUBLICITY_TOO_SHORT', `The public notice runs at least 5 working days (五、(六)); settings.publicity.workingDays is ${s.publicity.workingDays}`, [{ path: '/settings/publicity/workingDays', message: 'must be at least 5' }]);
  }
  // 四、评审机构: which centre's committee evaluates which level; every level exactly once.
  for (const [i, c] of data.committees.entries()) {
    for (const level of c.levels) {
      if (CENTRE_OF_LEVEL[level] !== c.centre) {
        throw DomainError.rule('COMMITTEE_WRONG_CENTRE', `Committee ${c.committeeId}: level ${level} is evaluated by a committee of ${CENTRE_OF_LEVEL[level]}, not ${c.centre}`, [{ path: `/committees/${i}/levels`, message: `${level} belongs to ${CENTRE_OF_LEVEL[level]}` }]);
      }
    }
  }
  for (const level of Levels.values) {
    const owners = data.committees.filter((c) => c.levels.includes(level));
    if (owners.length !== 1) {
      throw DomainError.rule(owners.length === 0 ? 'LEVEL_WITHOUT_COMMITTEE' : 'LEVEL_IN_TWO_COMMITTEES', `Level ${level} must be evaluated by exactly one committee; it is in ${owners.length}`, [{ path: '/committees', message: `${level}: ${owners.length} committees` }]);
    }
  }
  for (const [i, c] of data.committees.entries()) {
    if (c.levels.some((l) => SENIOR_LEVELS.includes(l))) {
      const n = c.members.length;
      if (n < s.seniorCommittee.minMembers) {
        throw DomainError.rule('SENIOR_COMMITTEE_TOO_SMALL', `Committee ${c.committeeId} evaluates senior levels and needs at least ${s.seniorCommittee.minMembers} members (national rule); it has ${n}`, [{ path: `/committees/${i}/members`, message: `${n} members, at least ${s.seniorCommittee.minMembers} needed` }]);
      }
      if (s.seniorCommittee.oddMembers && n % 2 === 0) {
        throw DomainError.rule('SENIOR_COMMITTEE_NOT_ODD', `Committee ${c.committeeId} evaluates senior levels and needs an odd number of members (national rule); it has ${n}`, [{ path: `/committees/${i}/members`, message: `${n} is even` }]);
      }
    }
    for (const direction of Directions.values) {
      const panels = data.panels.filter((x) => x.committeeId === c.committeeId && x.direction === direction);
      if (panels.length !== 1) {
        throw DomainError.rule('PANEL_PER_DIRECTION', `Committee ${c.committeeId} needs exactly one professional panel for direction ${direction}; it has ${panels.length}`, [{ path: '/panels', message: `${c.committeeId}/${direction}: ${panels.length} panels` }]);
      }
    }
  }
}

function validateExpert(data: Expert): void {
  const p = new ProblemList();
  p.text(data.expertId, '/expertId');
  p.text(data.name, '/name');
  if (p.check(Array.isArray(data.directions) && data.directions.length > 0, '/directions', 'needs at least one direction')) {
    data.directions.forEach((d, i) => p.check(Directions.is(d), `/directions/${i}`, `must be one of ${Directions.values.join(', ')}`));
  }
  if (p.check(Array.isArray(data.specialities), '/specialities', 'must be a list')) data.specialities.forEach((s, i) => p.text(s, `/specialities/${i}`));
  p.text(data.employerCreditCode, '/employerCreditCode');
  p.check(Array.isArray(data.relations), '/relations', 'must be a list (empty when none)');
  checkRelations(p, data.relations, '/relations');
  p.throwIfAny('The expert cannot be registered');
}

function requireOpened(state: AnnualSessionState): SessionOpened['data'] {
  if (!state.session) throw DomainError.rule('SESSION_NOT_OPENED', 'The annual session has not been opened');
  return state.session;
}

export function decideAnnualSession(command: AnnualSessionCommand, state: AnnualSessionState): AnnualSessionEvent[] {
    switch (command.type) {
    case 'OpenSession': {
      requireRole(command, ['CENTRE_STAFF'], 'Opening the annual session');
      if (state.session) throw DomainError.conflict(`The session ${state.session.year} is already open`, 'SESSION_ALREADY_OPENED');
      const settings = resolveSettings(command.settings);
      validateOpenSession(command, settings);
      const d = command;
      return [
        event('SessionOpened', {
          year: d.year,
          declarationWindow: { opensOn: d.declarationWindow.opensOn, closesOn: d.declarationWindow.closesOn },
          cutoffDate: d.cutoffDate ?? `${d.year}-12-31`,
          committees: d.committees,
          panels: d.panels,
          settings,
          openedBy: command.actor.id,
          openedAt: command.now,
        }),
      ];
    }
    case 'RegisterExpert': {
      requireRole(command, ['CENTRE_STAFF'], 'Registering an expert');
      const session = requireOpened(state);
      validateExpert(command);
      if (state.experts.some((e) => e.expertId === command.expertId)) {
        throw DomainError.conflict(`Expert ${command.expertId} is already in the pool`, 'EXPERT_ALREADY_REGISTERED');
      }
      const x = command;
      return [
        event('ExpertRegistered', {
          expertId: x.expertId,
          name: x.name,
          directions: x.directions,
          specialities: x.specialities,
          employerCreditCode: x.employerCreditCode,
          relations: x.relations,
          year: session.year,
          registeredBy: command.actor.id,
        }),
      ];
    }
    case 'CloseDeclarations': {
      requireRole(command, ['CENTRE_STAFF'], 'Closing declarations');
      const session = requireOpened(state);
      if (state.declarationsClosedOn) throw DomainError.conflict(`Declarations were closed on ${state.declarationsClosedOn}`, 'DECLARATIONS_ALREADY_CLOSED');
      const on = today(command);
      if (compareDates(on, session.declarationWindow.closesOn) <= 0) {
        throw DomainError.rule('DECLARATION_WINDOW_NOT_OVER', `The declaration window runs until ${session.declarationWindow.closesOn} inclusive; it cannot be closed on ${on}`);
      }
      return [event('DeclarationsClosed', { year: session.year, closedOn: on, closedBy: command.actor.id })];
    }
  }
}

export function evolveAnnualSession(state: AnnualSessionState, e: AnnualSessionEvent): AnnualSessionState {
  switch (e.type) {
    case 'SessionOpened':
      return { ...state, session: e.data };
    case 'ExpertRegistered': {
      const { year: _year, registeredBy: _by, ...expert } = e.data;
      return { ...state, experts: [...state.experts, expert] };
    }
    case 'DeclarationsClosed':
      return { ...state, declarationsClosedOn: e.data.closedOn };
  }
}

export const annualSessionDecider: Decider<AnnualSessionCommand, AnnualSessionEvent, AnnualSessionState> = {
  initialState: annualSessionInitialState,
  decide: decideAnnualSession,
  evolve: evolveAnnualSession,
};

/** True when declarations may be submitted on `date`: the session is open, not closed early, and opensOn ≤ date ≤ closesOn. */
export function isWithinDeclarationWindow(state: AnnualSessionState, date: string): boolean {
  if (!state.session || state.declarationsClosedOn) return false;
  const w = state.session.declarationWindow;
  return compareDates(w.opensOn, date) <= 0 && compareDates(date, w.closesOn) <= 0;
}

/** The committee that evaluates `level` in this session. */
export function committeeForLevel(state: AnnualSessionState, level: Level): Committee {
  const c = requireOpened(state).committees.find((x) => x.levels.includes(level));
  if (!c) throw DomainError.notFound(`No committee evaluates ${level}`, 'COMMITTEE_NOT_FOUND');
  return c;
}

/** The professional panel (专业评议组) for a level and a direction. */
export function panelFor(state: AnnualSessionState, level: Level, direction: Direction): ProfessionalPanel {
  const committee = committeeForLevel(state, level);
  const panel = requireOpened(state).panels.find((x) => x.committeeId === committee.committeeId && x.direction === direction);
  if (!panel) throw DomainError.notFound(`No professional panel for ${committee.committeeId}/${direction}`, 'PANEL_NOT_FOUND');
  return panel;
}

/** The experts of the pool who serve `direction` (all when omitted). */
export function expertsOf(state: AnnualSessionState, direction?: Direction): Expert[] {
  return state.experts.filter((e) => !direction || e.directions.includes(direction));
}

/** Every type of annual-session event. */
export const ANNUAL_SESSION_EVENT_TYPES = eventTypesOf<AnnualSessionEvent['type']>({
  SessionOpened: true,
  ExpertRegistered: true,
  DeclarationsClosed: true,
});
