import { DomainError, isIsoDate, type Problem } from '@bj/kernel';

/**
 * One year of the official calendar (国务院办公厅关于某年部分节假日安排的通知), as JSON:
 *
 * ```json
 * { "year": 2026,
 *   "holidays": ["2026-01-01", "2026-01-02", "2026-01-03", "..."],
 *   "makeUpWorkdays": ["2026-01-04", "2026-02-14", "..."],
 *   "source": "国办发明电〔2025〕7号" }
 * ```
 *
 * - `holidays`: days off (放假). Either only the days off that would otherwise be weekdays,
 *   or every date of the statutory holiday periods (weekend dates among them are harmless).
 * - `makeUpWorkdays`: Saturdays and Sundays that are working days (调休上班).
 * - `source` (optional): where the table comes from.
 * Every date must be a real ISO date (YYYY-MM-DD) inside `year`; no date may be both off and on.
 */
export interface YearTable {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly makeUpWorkdays: readonly string[];
  readonly source?: string;
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function dateList(value: unknown, field: string, year: number | undefined, problems: Problem[]): string[] {
  if (!Array.isArray(value)) {
    problems.push({ path: `/${field}`, message: `${field} must be an array of ISO dates (YYYY-MM-DD)` });
    return [];
  }
  const dates: string[] = [];
  value.forEach((d, i) => {
    if (!isIsoDate(d)) problems.push({ path: `/${field}/${i}`, message: `${JSON.stringify(d)} is not a real date in the form YYYY-MM-DD` });
    else if (year !== undefined && Number(d.slice(0, 4)) !== year) problems.push({ path: `/${field}/${i}`, message: `${d} is not in the table's year ${year}` });
    else dates.push(d);
  });
  return dates;
}

/**
 * Checks an untrusted value (e.g. parsed JSON) against the YearTable format and returns it
 * normalised (sorted, de-duplicated). Throws DomainError INVALID with every problem by path;
 * `origin` (e.g. a file name) prefixes the message.
 */
export function validateYearTable(input: unknown, origin = 'year table'): YearTable {
  const problems: Problem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw DomainError.invalid([{ path: '', message: 'a year table must be a JSON object { year, holidays, makeUpWorkdays }' }], `${origin} is not a year table`);
  }
  const raw = input as Record<string, unknown>;
  const year = raw['year'];
  const validYear = typeof year === 'number' && Number.isInteger(year) && year >= 1949 && year <= 9999;
  if (!validYear) problems.push({ path: '/year', message: 'year must be an integer such as 2026' });
  const holidays = dateList(raw['holidays'], 'holidays', validYear ? year : undefined, problems);
  const makeUpWorkdays = dateList(raw['makeUpWorkdays'], 'makeUpWorkdays', validYear ? year : undefined, problems);
  const off = new Set(holidays);
  makeUpWorkdays.forEach((d) => {
    if (!isWeekend(d)) problems.push({ path: '/makeUpWorkdays', message: `${d} is a weekday: only a Saturday or Sunday can be a make-up working day (调休上班)` });
    if (off.has(d)) problems.push({ path: '/makeUpWorkdays', message: `${d} is listed both as a holiday and as a make-up working day` });
  });
  const source = raw['source'];
  if (source !== undefined && typeof source !== 'string') problems.push({ path: '/source', message: 'source must be a string when present' });
  for (const key of Object.keys(raw)) {
    if (!['year', 'holidays', 'makeUpWorkdays', 'source'].includes(key)) problems.push({ path: `/${key}`, message: `unknown member "${key}"` });
  }
  if (problems.length > 0) throw DomainError.invalid(problems, `${origin} has ${problems.length} problem(s)`);
  const sorted = (list: string[]) => [...new Set(list)].sort();
  return {
    year: year as number,
    holidays: sorted(holidays),
    makeUpWorkdays: sorted(makeUpWorkdays),
    ...(typeof source === 'string' ? { source } : {}),
  };
}
