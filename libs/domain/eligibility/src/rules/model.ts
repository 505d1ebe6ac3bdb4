// The shape of the rules of one level, as plain data to read side by side with ELIGIBILITY.md.
import type { Direction, EducationLevel, Grade, Level } from '@bj/kernel';
import type { AchievementItem, Award, PerformanceItem, Scale } from '../declaration';

/** 学历和专业工作经历: a degree (or a higher one), then AI work counted from its graduation. */
export interface DegreeThenWorkRoute {
  readonly kind: 'DEGREE_THEN_WORK';
  readonly clause: string;
  /** The clause in the attachment's words. */
  readonly label: string;
  readonly degree: EducationLevel;
  /** 满 N 年; absent: "毕业后从事本专业工作", at least one counted day. */
  readonly years?: number;
}

/** A title held (取得…职称后), optionally with a minimum degree, then AI work counted from the title. */
export interface TitleThenWorkRoute {
  readonly kind: 'TITLE_THEN_WORK';
  readonly clause: string;
  readonly label: string;
  readonly grade: Grade;
  /** 非本系列(专业): only a title with `sameSpeciality: false` opens the route. */
  readonly otherSpecialityOnly: boolean;
  readonly minDegree?: EducationLevel;
  readonly years: number;
}

/** 破格: an award replaces education and experience. */
export interface AwardRoute {
  readonly kind: 'AWARD';
  readonly clause: string;
  readonly label: string;
  readonly accepts: (award: Award) => boolean;
}

export type Route = DegreeThenWorkRoute | TitleThenWorkRoute | AwardRoute;

/** One kind of item that satisfies a condition; `minCount` items of it are needed (default 1). */
export interface ItemRule<T> {
  readonly label: string;
  readonly accepts: (item: T) => boolean;
  readonly minCount?: number;
}

/** 业绩条件: one of the options of the applicant's direction. */
export interface PerformanceRules {
  readonly clause: string;
  readonly byDirection: Readonly<Record<Direction, readonly ItemRule<PerformanceItem>[]>>;
  /** What only the panel can decide: when no option is met, such items make the finding NEEDS_REVIEW. */
  readonly forPanel?: Partial<Readonly<Record<Direction, ItemRule<PerformanceItem>>>>;
}

/** 成果条件: at least `minCount` items, each accepted by one of the rules. */
export interface AchievementRules {
  readonly clause: string;
  readonly minCount: number;
  readonly accepted: readonly ItemRule<AchievementItem>[];
}

export interface LevelRules {
  readonly level: Level;
  /** The finding that one of the routes is met, e.g. `ENGINEER.EDU`. */
  readonly educationClause: string;
  /** In the order of ELIGIBILITY.md: the first met is the report's `route`. */
  readonly routes: readonly Route[];
  /** The title since which results count (取得…职称以来). */
  readonly previousGrade?: Grade;
  readonly performance?: PerformanceRules;
  readonly achievements?: AchievementRules;
}

export function degreeThenWork(clause: string, degree: EducationLevel, years: number | undefined, label: string): DegreeThenWorkRoute {
  return { kind: 'DEGREE_THEN_WORK', clause, degree, years, label };
}

export function titleThenWork(
  clause: string,
  title: { grade: Grade; otherSpecialityOnly?: boolean; minDegree?: EducationLevel },
  years: number,
  label: string,
): TitleThenWorkRoute {
  return { kind: 'TITLE_THEN_WORK', clause, grade: title.grade, otherSpecialityOnly: title.otherSpecialityOnly ?? false, minDegree: title.minDegree, years, label };
}

export function award(clause: string, label: string, accepts: (award: Award) => boolean): AwardRoute {
  return { kind: 'AWARD', clause, label, accepts };
}

/** 省部级及以上. */
export const provincialOrAbove = (scale: Scale | undefined): boolean => scale === 'NATIONAL' || scale === 'PROVINCIAL_MINISTERIAL';

/** 国家、省市、行业 (plans, policies and standards). */
export const nationalProvincialOrIndustry = (scale: Scale | undefined): boolean =>
  scale === 'NATIONAL' || scale === 'PROVINCIAL_MINISTERIAL' || scale === 'INDUSTRY';

export const isOneOf =
  (...values: readonly string[]) =>
  (value: string | undefined): boolean =>
    value !== undefined && values.includes(value);

/** A rank within 1..max (排名前 N); a missing rank does not count. */
export const rankWithin = (rank: number | undefined, max: number): boolean => rank !== undefined && rank >= 1 && rank <= max;
