// Counting work years (从事本专业技术工作年限) as ELIGIBILITY.md defines them: periods are
// inclusive of both ends, merged before counting, clipped to [qualifying date, cutoff], and
// 满 N 年 means at least as many days as the N years that end on the cutoff date.
// Dates are ISO calendar strings; arithmetic is on day numbers, never on local time.

// A pre-check counts days dozens of times per declaration (toYearsAndMonths alone steps month by
// month back from the cutoff), so a date is parsed once into numbers and counted on those.

/** [year, month, day] of `YYYY-MM-DD` (four, two and two digits), read character by character. */
function parts(iso: string): [number, number, number] {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) throw notADate(iso);
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 7);
  const d = digits(iso, 8, 10);
  if (y < 0 || m < 0 || d < 0) throw notADate(iso);
  return [y, m, d];
}

/** The number written by the ASCII digits of iso[from, to), or -1 if one of them is not a digit. */
function digits(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function notADate(iso: unknown): RangeError {
  return new RangeError(`not an ISO calendar date: ${String(iso)}`);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of year y, month m, day d (proleptic Gregorian). */
function civilDayNumber(y: number, m: number, d: number): number {
  // Count from 1 March of year 0 so that the leap day falls at the end of each counted year.
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (proleptic, so year 0050 is year 50). */
export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  return civilDayNumber(y, m, d);
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
  return isoDate(y, m, d);
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function nextDay(iso: string): string {
  return fromDayNumber(dayNumber(iso) + 1);
}

/** [year, month, day] `months` months before y-m-d; a day the month lacks becomes its last day. */
function monthsBeforeParts(y: number, m: number, d: number, months: number): [number, number, number] {
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return [year, month, Math.min(d, daysInMonth(year, month))];
}

/** The same day `months` months earlier; a day the month lacks becomes its last day (03-31 → 02-28). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  return isoDate(...monthsBeforeParts(y, m, d, months));
}

/** The days of the `months` months that end on y-m-d: those after the same day `months` earlier. */
function daysInMonthsEndingOnParts(y: number, m: number, d: number, end: number, months: number): number {
  const [year, month, day] = monthsBeforeParts(y, m, d, months);
  return end - civilDayNumber(year, month, day);
}

/** Days in the `months` months that end on `end` (inclusive): those after the same day `months` earlier. */
export function daysInMonthsEndingOn(end: string, months: number): number {
  const [y, m, d] = parts(end);
  return daysInMonthsEndingOnParts(y, m, d, civilDayNumber(y, m, d), months);
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
  return mergedDayNumbers(periods).map((p) => ({ from: fromDayNumber(p.from), to: fromDayNumber(p.to) }));
}

/** mergePeriods as day numbers. */
function mergedDayNumbers(periods: readonly DayPeriod[]): { from: number; to: number }[] {
  const sorted = periods
    .map((p) => ({ from: dayNumber(p.from), to: dayNumber(p.to) }))
    .filter((p) => p.to >= p.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else merged.push(p);
  }
  return merged;
}

/** Days of the merged periods that fall on or after `from` and on or before `to`. */
export function countDaysWithin(periods: readonly DayPeriod[], from: string, to: string): number {
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  let total = 0;
  for (const p of mergedDayNumbers(periods)) {
    const start = Math.max(lo, p.from);
    const end = Math.min(hi, p.to);
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
  const [y, m, d] = parts(cutoff);
  const end = civilDayNumber(y, m, d);
  const within = (months: number) => daysInMonthsEndingOnParts(y, m, d, end, months) <= days;
  let totalMonths = 0;
  while (within(totalMonths + 12)) totalMonths += 12;
  while (within(totalMonths + 1)) totalMonths += 1;
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, days };
}

/** "3 年 6 个月（1280 天）", "5 个月（152 天）", "不足 1 个月（12 天）". */
export function describeDays(days: number, cutoff: string): string {
  const { years, months } = toYearsAndMonths(days, cutoff);
  const span =
    years > 0 ? `${years} 年${months > 0 ? ` ${months} 个月` : ''}` : months > 0 ? `${months} 个月` : '不足 1 个月';
  return `${span}（${days} 天）`;
}
