// How each kind of clause turns facts into a finding. The level modules in ./rules say
// which facts qualify; this file says how they are counted (ELIGIBILITY.md, Conventions).
import {
  DIRECTION_LABEL,
  EDUCATION_LABEL,
  EMPLOYER_KIND_LABEL,
  EducationLevels,
  GRADE_LABEL,
  type EducationLevel,
  type Grade,
} from '@bj/kernel';
import type { Declaration, Education, TitleHeld } from './declaration';
import { describeAchievement, describeAward, describePerformance, quoteTitle } from './labels';
import type { Finding } from './report';
import type { AchievementRules, AwardRoute, DegreeThenWorkRoute, LevelRules, PerformanceRules, Route, TitleThenWorkRoute } from './rules/model';
import { countDaysWithin, describeDays, mergePeriods, nextDay, requiredDays, type DayPeriod } from './work-years';

/** The facts every clause reads: the declaration, the cutoff, and the AI work merged once. */
export interface Facts {
  readonly declaration: Declaration;
  readonly cutoff: string;
  /** AI work periods merged, open ones running to the cutoff. */
  readonly work: readonly DayPeriod[];
}

export function factsOf(declaration: Declaration, cutoff: string): Facts {
  const work = mergePeriods(declaration.aiWorkPeriods.map((p) => ({ from: p.from, to: p.to ?? cutoff })));
  return { declaration, cutoff, work };
}

const MINIMUM_CONTINUING_EDUCATION_HOURS = 90; // 每年累计不少于90学时

// ---------------------------------------------------------------- scope (一、适用范围)

export function employerInScope({ declaration }: Facts): Finding {
  const { employer } = declaration;
  return employer.inBeijing
    ? { clause: 'SCOPE.EMPLOYER', status: 'MET', detail: `单位${quoteTitle(employer.name)}是北京市的${EMPLOYER_KIND_LABEL[employer.kind]}，属于适用范围。` }
    : {
        clause: 'SCOPE.EMPLOYER',
        status: 'UNMET',
        detail: `单位${quoteTitle(employer.name)}不在北京市，不属于本办法的适用范围（本市国有企业、事业单位、非公有制经济组织和社会组织）。`,
      };
}

export function hasAiWork({ declaration, cutoff, work }: Facts): Finding {
  const periods = declaration.aiWorkPeriods.length;
  if (periods === 0) {
    return { clause: 'SCOPE.AI_WORK', status: 'UNMET', detail: '没有填报从事人工智能专业技术工作的期间。' };
  }
  const first = work[0]?.from ?? cutoff;
  const days = countDaysWithin(work, first, cutoff);
  return days > 0
    ? {
        clause: 'SCOPE.AI_WORK',
        status: 'MET',
        detail: `填报从事人工智能专业技术工作 ${periods} 段，合并重叠后截至 ${cutoff} 共 ${describeDays(days, cutoff)}。`,
      }
    : { clause: 'SCOPE.AI_WORK', status: 'UNMET', detail: `填报的从事人工智能专业技术工作期间均在截止日期 ${cutoff} 之后，不计入。` };
}

// ---------------------------------------------------------------- education and experience

/** How one route came out: whether met, the date it counts from, and why, in Chinese. */
export interface RouteOutcome {
  readonly clause: string;
  readonly met: boolean;
  readonly detail: string;
  /** The qualifying date (graduation or title), when the route has one the applicant holds. */
  readonly qualifyingDate?: string;
  /** The event of the qualifying date, e.g. "硕士研究生毕业（2023-06-30）". */
  readonly since?: string;
  /** AI work days counted from the qualifying date, and the 满 N 年 asked for (absent: one day). */
  readonly days?: number;
  readonly years?: number;
}

const educationRank = (level: EducationLevel): number => EducationLevels.values.indexOf(level);

/** The qualifications of `level` or higher, graduated on or before the cutoff, earliest first. */
function degreesAtLeast(facts: Facts, level: EducationLevel): Education[] {
  return facts.declaration.education
    .filter((e) => educationRank(e.level) >= educationRank(level) && e.graduatedOn <= facts.cutoff)
    .sort((a, b) => (a.graduatedOn < b.graduatedOn ? -1 : a.graduatedOn > b.graduatedOn ? 1 : 0));
}

function degreeName(level: EducationLevel): string {
  return level === 'DOCTORATE' ? '博士研究生学历' : `${EDUCATION_LABEL[level]}及以上学历`;
}

function titlesOfGrade(facts: Facts, grade: Grade, otherSpecialityOnly: boolean): TitleHeld[] {
  return (facts.declaration.titles ?? [])
    .filter((t) => t.grade === grade && (!otherSpecialityOnly || !t.sameSpeciality) && t.obtainedOn <= facts.cutoff)
    .sort((a, b) => (a.obtainedOn < b.obtainedOn ? -1 : a.obtainedOn > b.obtainedOn ? 1 : 0));
}

/** Work counted from a qualifying date against 满 N 年 (or, without N, at least one day). */
function workSince(facts: Facts, clause: string, qualifyingDate: string, since: string, years: number | undefined): RouteOutcome {
  const days = countDaysWithin(facts.work, qualifyingDate, facts.cutoff);
  if (years === undefined) {
    const met = days > 0;
    const detail = met
      ? `${since}后从事本专业技术工作 ${describeDays(days, facts.cutoff)}`
      : `${since}后至截止日期 ${facts.cutoff} 没有从事本专业技术工作的记录`;
    return { clause, met, detail, qualifyingDate, since, days };
  }
  const needed = requiredDays(facts.cutoff, years);
  const met = days >= needed;
  const detail = `${since}后从事本专业技术工作 ${describeDays(days, facts.cutoff)}，${met ? '满' : '不满'} ${years} 年（需 ${needed} 天）`;
  return { clause, met, detail, qualifyingDate, since, days, years };
}

function degreeThenWork(route: DegreeThenWorkRoute, facts: Facts): RouteOutcome {
  const degrees = degreesAtLeast(facts, route.degree);
  if (degrees.length === 0) {
    const later = facts.declaration.education.find((e) => educationRank(e.level) >= educationRank(route.degree));
    const detail = later
      ? `${EDUCATION_LABEL[later.level]}毕业日期 ${later.graduatedOn} 晚于截止日期 ${facts.cutoff}，不计入`
      : `无${degreeName(route.degree)}`;
    return { clause: route.clause, met: false, detail };
  }
  const used = degrees[0];
  return workSince(facts, route.clause, used.graduatedOn, `${EDUCATION_LABEL[used.level]}毕业（${used.graduatedOn}）`, route.years);
}

function titleThenWork(route: TitleThenWorkRoute, facts: Facts): RouteOutcome {
  const titleName = `${route.otherSpecialityOnly ? '非本系列（专业）' : ''}${GRADE_LABEL[route.grade]}职称`;
  const titles = titlesOfGrade(facts, route.grade, route.otherSpecialityOnly);
  if (titles.length === 0) {
    return { clause: route.clause, met: false, detail: `截至 ${facts.cutoff} 未取得${titleName}` };
  }
  const title = titles[0];
  if (route.minDegree && degreesAtLeast(facts, route.minDegree).length === 0) {
    return {
      clause: route.clause,
      met: false,
      detail: `已取得${titleName}（${title.obtainedOn}），但无${degreeName(route.minDegree)}`,
      qualifyingDate: title.obtainedOn,
      since: `取得${titleName}（${title.obtainedOn}）`,
    };
  }
  return workSince(facts, route.clause, title.obtainedOn, `取得${titleName}（${title.obtainedOn}）`, route.years);
}

function awardRoute(route: AwardRoute, facts: Facts): RouteOutcome {
  const awards = facts.declaration.awards ?? [];
  const condition = `“${route.label.replace(/^破格：/, '')}”`;
  const counted = awards.filter((a) => a.date <= facts.cutoff && route.accepts(a));
  if (counted.length > 0) {
    return { clause: route.clause, met: true, detail: `${counted.map(describeAward).join('、')}，符合破格条件${condition}` };
  }
  const late = awards.filter((a) => a.date > facts.cutoff && route.accepts(a));
  const detail =
    late.length > 0
      ? `${late.map(describeAward).join('、')}晚于截止日期 ${facts.cutoff}，不计入`
      : `无符合破格条件${condition}的奖项`;
  return { clause: route.clause, met: false, detail };
}

export function evaluateRoute(route: Route, facts: Facts): RouteOutcome {
  switch (route.kind) {
    case 'DEGREE_THEN_WORK':
      return degreeThenWork(route, facts);
    case 'TITLE_THEN_WORK':
      return titleThenWork(route, facts);
    case 'AWARD':
      return awardRoute(route, facts);
  }
}

export function educationFinding(rules: LevelRules, outcomes: readonly RouteOutcome[]): Finding {
  const met = outcomes.find((o) => o.met);
  if (met) {
    return { clause: rules.educationClause, status: 'MET', detail: `${met.detail}，符合 ${met.clause}。` };
  }
  // A route counting the same days from the same date as an earlier one, but asking for more
  // years, adds nothing: it is named with the earlier one instead of repeating the sentence.
  const sameCountAsked = (earlier: RouteOutcome, later: RouteOutcome) =>
    earlier.days !== undefined && earlier.since === later.since && earlier.days === later.days && (earlier.years ?? 0) <= (later.years ?? 0);
  const shown = outcomes.filter((o, i) => !outcomes.slice(0, i).some((earlier) => sameCountAsked(earlier, o)));
  const sentences = shown.map((o) => {
    const alike = outcomes.filter((later) => later !== o && !shown.includes(later) && sameCountAsked(o, later)).map((later) => later.clause);
    return `${o.clause} ${o.detail}${alike.length > 0 ? `，${alike.join('、')} 要求的年限更长，同样不满足` : ''}`;
  });
  return {
    clause: rules.educationClause,
    status: 'UNMET',
    detail: `不符合任一学历和专业工作经历条件：${sentences.join('；')}。`,
  };
}

// ---------------------------------------------------------------- window for results

/** The dates a performance or achievement item must fall in (取得…职称以来, up to the cutoff). */
export type ResultsWindow =
  | { readonly kind: 'AFTER_TITLE'; readonly date: string; readonly event: string }
  | { readonly kind: 'SINCE_QUALIFYING'; readonly date: string; readonly event: string }
  | { readonly kind: 'ANY_DATE'; readonly reason: string };

export function resultsWindow(rules: LevelRules, facts: Facts, outcomes: readonly RouteOutcome[]): ResultsWindow {
  if (rules.previousGrade) {
    const title = titlesOfGrade(facts, rules.previousGrade, false)[0];
    if (title) return { kind: 'AFTER_TITLE', date: title.obtainedOn, event: `取得${GRADE_LABEL[rules.previousGrade]}职称（${title.obtainedOn}）` };
  }
  const withoutTitle = rules.previousGrade ? `未取得${GRADE_LABEL[rules.previousGrade]}职称，` : '';
  const route = outcomes.find((o) => o.met);
  if (route?.qualifyingDate && route.since) return { kind: 'SINCE_QUALIFYING', date: route.qualifyingDate, event: route.since };
  if (route) return { kind: 'ANY_DATE', reason: `${route.clause} 为破格申报，${withoutTitle}业绩和成果不限取得时间` };
  const earliest = outcomes
    .filter((o): o is RouteOutcome & { qualifyingDate: string; since: string } => o.qualifyingDate !== undefined && o.since !== undefined)
    .sort((a, b) => (a.qualifyingDate < b.qualifyingDate ? -1 : a.qualifyingDate > b.qualifyingDate ? 1 : 0))[0];
  if (earliest) return { kind: 'SINCE_QUALIFYING', date: earliest.qualifyingDate, event: earliest.since };
  return { kind: 'ANY_DATE', reason: `${withoutTitle}也没有可作起算日期的学历或职称，业绩和成果不限取得时间` };
}

function windowPhrase(window: ResultsWindow): string {
  switch (window.kind) {
    case 'AFTER_TITLE':
      return `${window.event}以来`;
    case 'SINCE_QUALIFYING':
      return `自${window.event}以来`;
    case 'ANY_DATE':
      return window.reason;
  }
}

type Placement = 'COUNTED' | 'BEFORE_WINDOW' | 'AFTER_CUTOFF';

function place(date: string, window: ResultsWindow, cutoff: string): Placement {
  if (date > cutoff) return 'AFTER_CUTOFF';
  if (window.kind === 'AFTER_TITLE' && date <= window.date) return 'BEFORE_WINDOW';
  if (window.kind === 'SINCE_QUALIFYING' && date < window.date) return 'BEFORE_WINDOW';
  return 'COUNTED';
}

interface Placed<T> {
  readonly item: T;
  readonly index: number;
  readonly placement: Placement;
}

function placeAll<T>(items: readonly T[], dateOf: (item: T) => string, window: ResultsWindow, cutoff: string): Placed<T>[] {
  return items.map((item, index) => ({ item, index, placement: place(dateOf(item), window, cutoff) }));
}

/** "；另有「X」不在…之后、「Y」晚于截止日期 2026-12-31，不计入" or "". */
function notCountedNote<T>(placed: readonly Placed<T>[], describe: (item: T) => string, window: ResultsWindow, cutoff: string): string {
  const early = placed.filter((p) => p.placement === 'BEFORE_WINDOW').map((p) => describe(p.item));
  const late = placed.filter((p) => p.placement === 'AFTER_CUTOFF').map((p) => describe(p.item));
  const parts: string[] = [];
  if (early.length > 0 && window.kind !== 'ANY_DATE') {
    const when = window.kind === 'AFTER_TITLE' ? `不在${window.event}之后` : `早于${window.event}`;
    parts.push(`${early.join('、')}${when}`);
  }
  if (late.length > 0) parts.push(`${late.join('、')}晚于截止日期 ${cutoff}`);
  return parts.length > 0 ? `；另有${parts.join('，')}，不计入` : '';
}

// ---------------------------------------------------------------- performance (业绩条件)

export function performanceFinding(rules: PerformanceRules, facts: Facts, window: ResultsWindow): Finding {
  const { direction } = facts.declaration;
  const placed = placeAll(facts.declaration.performance ?? [], (p) => p.completedOn, window, facts.cutoff);
  const counted = placed.filter((p) => p.placement === 'COUNTED');
  const note = notCountedNote(placed, describePerformance, window, facts.cutoff);
  const since = windowPhrase(window);
  const options = rules.byDirection[direction];

  const satisfied = options
    .map((option) => ({ option, matching: counted.filter((p) => option.accepts(p.item)) }))
    .filter(({ option, matching }) => matching.length >= (option.minCount ?? 1));
  if (satisfied.length > 0) {
    const items = [...new Set(satisfied.flatMap((s) => s.matching.map((p) => p.index)))].sort((a, b) => a - b);
    const reasons = satisfied.map((s) => `${s.matching.map((p) => describePerformance(p.item)).join('、')}符合“${s.option.label}”`);
    return { clause: rules.clause, status: 'MET', detail: `${since}，${DIRECTION_LABEL[direction]}方向业绩：${reasons.join('；')}${note}。`, items };
  }

  const forPanel = rules.forPanel?.[direction];
  const forPanelItems = forPanel ? counted.filter((p) => forPanel.accepts(p.item)) : [];
  if (forPanel && forPanelItems.length > 0) {
    return {
      clause: rules.clause,
      status: 'NEEDS_REVIEW',
      detail: `${since}，未见可自动认定的${DIRECTION_LABEL[direction]}方向业绩；${forPanelItems
        .map((p) => describePerformance(p.item))
        .join('、')}是否“${forPanel.label}”，由评审专家评议${note}。`,
      items: forPanelItems.map((p) => p.index),
    };
  }

  const notMatching = counted.length > 0 ? `；已填报的${counted.map((p) => describePerformance(p.item)).join('、')}不符合上述条件` : '';
  return {
    clause: rules.clause,
    status: 'UNMET',
    detail: `${since}，没有符合${DIRECTION_LABEL[direction]}方向业绩条件的项目（需${options.map((o) => `“${o.label}”`).join('或')}）${notMatching}${note}。`,
    items: [],
  };
}

// ---------------------------------------------------------------- achievements (成果条件)

export function achievementFinding(rules: AchievementRules, facts: Facts, window: ResultsWindow): Finding {
  const placed = placeAll(facts.declaration.achievements ?? [], (a) => a.date, window, facts.cutoff);
  const counted = placed.filter((p) => p.placement === 'COUNTED');
  const accepted = counted.filter((p) => rules.accepted.some((r) => r.accepts(p.item)));
  const rejected = counted.filter((p) => !rules.accepted.some((r) => r.accepts(p.item)));
  const note = notCountedNote(placed, describeAchievement, window, facts.cutoff);
  const since = windowPhrase(window);
  const items = accepted.map((p) => p.index);
  const list = accepted.length > 0 ? `：${accepted.map((p) => describeAchievement(p.item)).join('、')}` : '';
  const rejectedNote = rejected.length > 0 ? `；${rejected.map((p) => describeAchievement(p.item)).join('、')}不符合成果要求` : '';

  if (accepted.length >= rules.minCount) {
    return {
      clause: rules.clause,
      status: 'MET',
      detail: `${since}，符合条件的成果 ${accepted.length} 项，满 ${rules.minCount} 项${list}${rejectedNote}${note}。`,
      items,
    };
  }
  return {
    clause: rules.clause,
    status: 'UNMET',
    detail: `${since}，符合条件的成果 ${accepted.length} 项，不足 ${rules.minCount} 项（需${rules.accepted
      .map((r) => `“${r.label}”`)
      .join('或')}）${list}${rejectedNote}${note}。`,
    items,
  };
}

// ---------------------------------------------------------------- advisory findings (never block)

/** BENEFIT: 经济社会效益 / 成效显著 of the performance items is for the panel. */
export function benefitFinding(performance: Finding, facts: Facts): Finding {
  const items = performance.items ?? [];
  const all = facts.declaration.performance ?? [];
  return {
    clause: 'BENEFIT',
    status: 'NEEDS_REVIEW',
    detail: `业绩${items.map((i) => quoteTitle(all[i]?.title)).join('、')}取得的经济社会效益、工作成效是否显著，由评审专家评议。`,
    items,
  };
}

/** CONTINUING_EDUCATION: at least 90 hours in every whole calendar year inside the window. */
export function continuingEducationFinding(facts: Facts, window: ResultsWindow): Finding {
  const start = window.kind === 'AFTER_TITLE' ? nextDay(window.date) : window.kind === 'SINCE_QUALIFYING' ? window.date : facts.work[0]?.from;
  const clause = 'CONTINUING_EDUCATION';
  if (start === undefined || start > facts.cutoff) {
    return { clause, status: 'MET', detail: `截至 ${facts.cutoff} 没有需要核对继续教育学时的完整年度。` };
  }
  const years: number[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(facts.cutoff.slice(0, 4)); year++) {
    const yyyy = String(year).padStart(4, '0');
    if (`${yyyy}-01-01` >= start && `${yyyy}-12-31` <= facts.cutoff) years.push(year);
  }
  if (years.length === 0) {
    return { clause, status: 'MET', detail: `${start} 至 ${facts.cutoff} 之间没有完整的自然年，无需核对继续教育学时。` };
  }
  const hours = facts.declaration.continuingEducationHours ?? {};
  const hoursOf = (year: number): number | undefined => hours[String(year).padStart(4, '0')];
  const short = years.filter((y) => (hoursOf(y) ?? 0) < MINIMUM_CONTINUING_EDUCATION_HOURS);
  const span = years.length === 1 ? `${years[0]} 年` : `${years[0]}—${years[years.length - 1]} 年`;
  if (short.length === 0) {
    return { clause, status: 'MET', detail: `${span}每年继续教育学时均不少于 ${MINIMUM_CONTINUING_EDUCATION_HOURS} 学时。` };
  }
  const noneDeclared = years.every((y) => hoursOf(y) === undefined);
  const shown = short.slice(0, 10).map((y) => (hoursOf(y) === undefined ? `${y} 年未填报` : `${y} 年 ${hoursOf(y)} 学时`));
  const shortfall = noneDeclared ? '均未填报继续教育学时' : `${shown.join('、')}${short.length > 10 ? `等 ${short.length} 个年度` : ''}不足`;
  return {
    clause,
    status: 'NEEDS_REVIEW',
    detail: `${span}每年应不少于 ${MINIMUM_CONTINUING_EDUCATION_HOURS} 学时，${shortfall}，是否按要求参加继续教育由评审专家核实。`,
  };
}
