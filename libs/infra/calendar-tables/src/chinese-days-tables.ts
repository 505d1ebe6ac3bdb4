import type { YearTable } from '@bj/calendar';
import data from 'chinese-days/dist/chinese-days.json';

interface ChineseDaysData {
  /** Every date of a statutory holiday period → "English,中文,days". */
  readonly holidays: Readonly<Record<string, string>>;
  /** Weekend dates that are working days (调休上班). */
  readonly workdays: Readonly<Record<string, string>>;
}

/**
 * One YearTable per year covered by the data file that ships with chinese-days
 * (dist/chinese-days.json, maintained from the State Council's notices): `holidays` are its
 * holiday dates, `makeUpWorkdays` its 调休 workdays. A year is covered when it has at least one
 * holiday entry; years outside the data are absent, never guessed.
 */
export function chineseDaysTables(source: ChineseDaysData = data): YearTable[] {
  const years = new Map<number, { holidays: string[]; makeUpWorkdays: string[] }>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    const table = years.get(year) ?? { holidays: [], makeUpWorkdays: [] };
    years.set(year, table);
    return table;
  };
  for (const date of Object.keys(source.holidays)) yearOf(date).holidays.push(date);
  for (const date of Object.keys(source.workdays)) yearOf(date).makeUpWorkdays.push(date);
  return [...years.entries()]
    .filter(([, t]) => t.holidays.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([year, t]) => ({ year, holidays: t.holidays.sort(), makeUpWorkdays: t.makeUpWorkdays.sort(), source: 'chinese-days' }));
}
