// 年度统计: the year's figures computed from the ledger — counts at every stage per level,
// direction and employer kind, pass rates, median days per stage, score and vote-margin
// distributions and the change against the previous year.
import {
  CENTRE_OF_LEVEL,
  DIRECTION_LABEL,
  Directions,
  DomainError,
  EMPLOYER_KIND_LABEL,
  EmployerKinds,
  LEVEL_LABEL,
  Levels,
  type Centre,
  type Direction,
  type EmployerKind,
  type Level,
  type Problem,
} from '@bj/kernel';
import type { ApplicationFacts, StageDates, StatisticsLedger } from './application-ledger';

/** The stages counted, in the order of the procedure. */
export const STAGES = ['declared', 'recommended', 'accepted', 'returned', 'rejected', 'panelReviewed', 'voted', 'passed', 'objected', 'objectionsUpheld', 'certified', 'revoked'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABEL: Record<Stage, string> = {
  declared: '申报',
  recommended: '单位推荐',
  accepted: '受理',
  returned: '退回补正',
  rejected: '不予受理',
  panelReviewed: '评议组评议',
  voted: '评委会表决',
  passed: '表决通过',
  objected: '公示异议',
  objectionsUpheld: '异议成立',
  certified: '发放证书',
  revoked: '撤销证书',
};
/** The stages of the main path, for a funnel. */
export const FUNNEL_STAGES: readonly Stage[] = ['declared', 'recommended', 'accepted', 'panelReviewed', 'voted', 'passed', 'certified'];

export type StageCounts = Record<Stage, number>;

export interface Rates {
  /** passed / voted (表决通过率), null when nobody was voted on. */
  readonly passRate: number | null;
  /** certified / declared (取证率), null when nobody declared. */
  readonly certificationRate: number | null;
}

export interface Breakdown<K extends string> extends Rates {
  readonly key: K;
  readonly label: string;
  readonly counts: StageCounts;
}

export interface Cell {
  readonly level: Level;
  readonly direction: Direction;
  readonly employerKind: EmployerKind | 'UNKNOWN';
  readonly counts: StageCounts;
}

/** The intervals between stages whose medians are reported. */
export const INTERVALS = [
  { key: 'SUBMISSION_TO_RECOMMENDATION', label: '申报→单位推荐', from: 'submitted', to: 'recommended' },
  { key: 'RECOMMENDATION_TO_ACCEPTANCE', label: '单位推荐→受理', from: 'recommended', to: 'accepted' },
  { key: 'ACCEPTANCE_TO_PANEL_OPINION', label: '受理→评议组意见', from: 'accepted', to: 'panelReviewed' },
  { key: 'PANEL_OPINION_TO_VOTE', label: '评议组意见→表决', from: 'panelReviewed', to: 'voted' },
  { key: 'VOTE_TO_CERTIFICATE', label: '表决→发证', from: 'voted', to: 'certified' },
] as const satisfies readonly { key: string; label: string; from: keyof StageDates; to: keyof StageDates }[];
export type IntervalKey = (typeof INTERVALS)[number]['key'];

export interface StageDuration {
  readonly key: IntervalKey;
  readonly label: string;
  /** Median of calendar days between the two business dates; null without any application. */
  readonly medianDays: number | null;
  readonly applications: number;
}

export interface ScoreBin {
  /** Lower bound, inclusive. */
  readonly from: number;
  /** Upper bound, exclusive (the last bin, 90–100, includes 100). */
  readonly to: number;
  readonly label: string;
  readonly count: number;
}

export interface MarginBin {
  /** yes − requiredYes; ≥ 0 passed. */
  readonly margin: number;
  readonly count: number;
}

export interface YearOverYear {
  readonly stage: Stage;
  readonly label: string;
  readonly current: number;
  readonly previous: number;
  readonly change: number;
  /** Change in percent of the previous year's figure, one decimal; null when it was 0. */
  readonly changePercent: number | null;
}

export interface StatisticsFilter {
  /** Only these levels (a centre's staff see their centre's levels). */
  readonly levels?: readonly Level[];
  readonly direction?: Direction;
  readonly employerKind?: EmployerKind;
}

export interface AnnualStatistics {
  readonly year: number;
  readonly filter: { readonly levels: readonly Level[]; readonly direction: Direction | null; readonly employerKind: EmployerKind | null };
  readonly totals: StageCounts;
  readonly rates: Rates;
  readonly byLevel: readonly Breakdown<Level>[];
  readonly byDirection: readonly Breakdown<Direction>[];
  readonly byEmployerKind: readonly Breakdown<EmployerKind | 'UNKNOWN'>[];
  /** Every year × level × direction × employer kind combination with at least one application. */
  readonly cells: readonly Cell[];
  readonly medianDays: readonly StageDuration[];
  readonly scoreDistribution: readonly ScoreBin[];
  /** Average of the panels' aggregate scores, 2 decimals; null without any. */
  readonly meanScore: number | null;
  readonly voteMarginDistribution: readonly MarginBin[];
  readonly previousYear: { readonly year: number; readonly totals: StageCounts; readonly rates: Rates } | null;
  readonly yearOverYear: readonly YearOverYear[];
  /** Global position of the last event the figures include. */
  readonly asOfPosition: number;
}

export const UNKNOWN_EMPLOYER_KIND_LABEL = '未注明';

export function zeroCounts(): StageCounts {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;
}

function countInto(counts: StageCounts, f: ApplicationFacts) {
  if (f.declared) counts.declared++;
  if (f.recommended) counts.recommended++;
  if (f.accepted) counts.accepted++;
  if (f.returned) counts.returned++;
  if (f.rejected) counts.rejected++;
  if (f.panelReviewed) counts.panelReviewed++;
  if (f.voted) counts.voted++;
  if (f.passed) counts.passed++;
  if (f.objected) counts.objected++;
  if (f.objectionUpheld) counts.objectionsUpheld++;
  if (f.certified) counts.certified++;
  if (f.revoked) counts.revoked++;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000);

export function ratesOf(counts: StageCounts): Rates {
  return { passRate: ratio(counts.passed, counts.voted), certificationRate: ratio(counts.certified, counts.declared) };
}

/** The median of numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whole calendar days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Bins of 10 points: 0–9, 10–19, … 90–100. */
export function scoreBins(scores: readonly number[]): ScoreBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, label: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`, count: 0 }));
  for (const s of scores) bins[Math.min(9, Math.max(0, Math.floor(s / 10)))].count++;
  return bins;
}

/** One bin per margin from the lowest to the highest seen (zeros in between), always including 0. */
export function marginBins(margins: readonly number[]): MarginBin[] {
  if (margins.length === 0) return [];
  const low = Math.min(0, ...margins);
  const high = Math.max(0, ...margins);
  const bins: MarginBin[] = [];
  for (let m = low; m <= high; m++) bins.push({ margin: m, count: margins.filter((x) => x === m).length });
  return bins;
}

/** An application placed in a year, a level and a direction. */
export type PlacedApplication = ApplicationFacts & { readonly year: number; readonly level: Level; readonly direction: Direction };

function matches(f: ApplicationFacts, year: number, filter: StatisticsFilter): f is PlacedApplication {
  if (f.year !== year || f.level === undefined || f.direction === undefined) return false;
  if (filter.levels && !filter.levels.includes(f.level)) return false;
  if (filter.direction && f.direction !== filter.direction) return false;
  if (filter.employerKind && f.employerKind !== filter.employerKind) return false;
  return true;
}

function breakdown<K extends string>(keys: readonly K[], labels: Record<K, string>, of: (f: PlacedApplication) => K, apps: readonly PlacedApplication[]): Breakdown<K>[] {
  return keys.map((key) => {
    const counts = zeroCounts();
    for (const f of apps) if (of(f) === key) countInto(counts, f);
    return { key, label: labels[key], counts, ...ratesOf(counts) };
  });
}

function totalsOf(apps: readonly ApplicationFacts[]): StageCounts {
  const counts = zeroCounts();
  for (const f of apps) countInto(counts, f);
  return counts;
}

/** The applications of a year that pass the filter (with a known level and direction). */
export function applicationsOf(ledger: StatisticsLedger, year: number, filter: StatisticsFilter = {}): PlacedApplication[] {
  return [...ledger.applications.values()].filter((f): f is PlacedApplication => matches(f, year, filter));
}

/** The year's statistics from the ledger; the previous year's totals with the same filter for the comparison. */
export function annualStatistics(ledger: StatisticsLedger, year: number, filter: StatisticsFilter = {}): AnnualStatistics {
  const apps = applicationsOf(ledger, year, filter);
  const levels = (filter.levels ?? Levels.values).filter((l) => Levels.values.includes(l));
  const directions = filter.direction ? [filter.direction] : Directions.values;
  const kinds: (EmployerKind | 'UNKNOWN')[] = filter.employerKind ? [filter.employerKind] : [...EmployerKinds.values];
  if (!filter.employerKind && apps.some((f) => f.employerKind === undefined)) kinds.push('UNKNOWN');
  const kindOf = (f: ApplicationFacts) => f.employerKind ?? 'UNKNOWN';
  const totals = totalsOf(apps);

  const cells: Cell[] = [];
  for (const level of levels)
    for (const direction of directions)
      for (const employerKind of kinds) {
        const inCell = apps.filter((f) => f.level === level && f.direction === direction && kindOf(f) === employerKind);
        if (inCell.length > 0) cells.push({ level, direction, employerKind, counts: totalsOf(inCell) });
      }

  const medianDays: StageDuration[] = INTERVALS.map(({ key, label, from, to }) => {
    const days = apps.flatMap((f) => {
      const start = f.dates[from];
      const end = f.dates[to];
      return start && end ? [daysBetween(start, end)] : [];
    });
    return { key, label, medianDays: median(days), applications: days.length };
  });

  const scores = apps.flatMap((f) => (f.panelReviewed && f.panelAggregate !== undefined ? [f.panelAggregate] : []));
  const margins = apps.flatMap((f) => (f.voted && f.voteMargin !== undefined ? [f.voteMargin] : []));

  const previousApps = applicationsOf(ledger, year - 1, filter);
  const previousTotals = previousApps.length > 0 ? totalsOf(previousApps) : null;
  const yearOverYear: YearOverYear[] = previousTotals
    ? STAGES.map((stage) => {
        const current = totals[stage];
        const previous = previousTotals[stage];
        return { stage, label: STAGE_LABEL[stage], current, previous, change: current - previous, changePercent: previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10 };
      })
    : [];

  return {
    year,
    filter: { levels, direction: filter.direction ?? null, employerKind: filter.employerKind ?? null },
    totals,
    rates: ratesOf(totals),
    byLevel: breakdown(levels, LEVEL_LABEL, (f) => f.level, apps),
    byDirection: breakdown(directions, DIRECTION_LABEL, (f) => f.direction, apps),
    byEmployerKind: breakdown(kinds, { ...EMPLOYER_KIND_LABEL, UNKNOWN: UNKNOWN_EMPLOYER_KIND_LABEL }, kindOf, apps),
    cells,
    medianDays,
    scoreDistribution: scoreBins(scores),
    meanScore: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100,
    voteMarginDistribution: marginBins(margins),
    previousYear: previousTotals ? { year: year - 1, totals: previousTotals, rates: ratesOf(previousTotals) } : null,
    yearOverYear,
    asOfPosition: ledger.lastPosition,
  };
}

/** The years that have at least one application, ascending. */
export function yearsIn(ledger: StatisticsLedger): number[] {
  return [...new Set([...ledger.applications.values()].map((f) => f.year).filter((y): y is number => y !== undefined))].sort((a, b) => a - b);
}

/** The levels a centre's staff may see (the centre's committee's levels). */
export function levelsOfCentre(centre: Centre): Level[] {
  return Levels.values.filter((l) => CENTRE_OF_LEVEL[l] === centre);
}

/** Parses the query's filters (level, direction, employerKind); INVALID naming each bad field. */
export function parseStatisticsFilter(query: { level?: unknown; direction?: unknown; employerKind?: unknown }): StatisticsFilter {
  const problems: Problem[] = [];
  const one = <T extends string>(field: string, value: unknown, allowed: readonly T[], is: (x: unknown) => x is T): T | undefined => {
    if (value === undefined || value === '') return undefined;
    if (!is(value)) {
      problems.push({ path: `/${field}`, message: `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}` });
      return undefined;
    }
    return value;
  };
  const level = one('level', query.level, Levels.values, Levels.is);
  const direction = one('direction', query.direction, Directions.values, Directions.is);
  const employerKind = one('employerKind', query.employerKind, EmployerKinds.values, EmployerKinds.is);
  if (problems.length) throw DomainError.invalid(problems, 'The statistics filter is invalid');
  return { ...(level ? { levels: [level] } : {}), ...(direction ? { direction } : {}), ...(employerKind ? { employerKind } : {}) };
}
