// Counting work years (从事本专业技术工作年限) as ELIGIBILITY.md defines them: periods are
// inclusive of both ends, merged before counting, clipped to [qualifying date, cutoff], and
// 满 N 年 means at least as many days as the N years that end on the cutoff date.
// Dates are ISO calendar strings; arithmetic is on day numbers, never on local time.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not an ISO calendar date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (proleptic, so year 0050 is year 50). */
export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  // Count from 1 March of year 0 so that the leap day falls at the end of each counted year.
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The ISO date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function nextDay(iso: string): string {
  return fromDayNumber(dayNumber(iso) + 1);
}

/** The same day `months` months earlier; a day the month lacks becomes its last day (03-31 → 02-28). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days in the `months` months that end on `end` (inclusive): those after the same day `months` earlier. */
export function daysInMonthsEndingOn(end: string, months: number): number {
  return dayNumber(end) - dayNumber(monthsBefore(end, months));
}

/** 满 N 年: the days needed, i.e. the days of the N years ending on the cutoff (5 years to 2026-12-31 = 1826). */
export function requiredDays(cutoff: string, years: number): number {
  return daysInMonthsEndingOn(cutoff, years * 12);
}

/** An inclusive period of calendar days. */
export interface DayPeriod {
  readonly from: string;
  readonly to: string;
}

/** Merges overlapping or touching inclusive periods into disjoint ones, in date order. */
export function mergePeriods(periods: readonly DayPeriod[]): DayPeriod[] {
  const sorted = periods
    .map((p) => ({ from: dayNumber(p.from), to: dayNumber(p.to) }))
    .filter((p) => p.to >= p.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged.map((p) => ({ from: fromDayNumber(p.from), to: fromDayNumber(p.to) }));
}

/** Days of the merged periods that fall on or after `from` and on or before `to`. */
export function countDaysWithin(periods: readonly DayPeriod[], from: string, to: string): number {
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  let total = 0;
  for (const p of mergePeriods(periods)) {
    const start = Math.max(lo, dayNumber(p.from));
    const end = Math.min(hi, dayNumber(p.to));
    if (end >= start) total += end - start + 1;
  }
  return total;
}

/** A count of days in whole years and months, measured back from the cutoff as 满 N 年 is. */
export interface YearsAndMonths {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

export function toYearsAndMonths(days: number, cutoff: string): YearsAndMonths {
  let totalMonths = 0;
  while (daysInMonthsEndingOn(cutoff, totalMonths + 12) <= days) totalMonths += 12;
  while (daysInMonthsEndingOn(cutoff, totalMonths + 1) <= days) totalMonths += 1;
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, days };
}

/** "3 年 6 个月（1280 天）", "5 个月（152 天）", "不足 1 个月（12 天）". */
export function describeDays(days: number, cutoff: string): string {
  const { years, months } = toYearsAndMonths(days, cutoff);
  const span =
    years > 0 ? `${years} 年${months > 0 ? ` ${months} 个月` : ''}` : months > 0 ? `${months} 个月` : '不足 1 个月';
  return `${span}（${days} 天）`;
}
