import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OfficialCalendar, validateYearTable, type YearTable } from '@bj/calendar';
import { DomainError } from '@bj/kernel';
import { chineseDaysTables } from './chinese-days-tables';

/** The repository's folder of official tables: `<year>.json`, each a YearTable (see docs/working-days.md). */
export const DEFAULT_TABLES_DIR = resolve(__dirname, '../tables');

const TABLE_FILE = /^(\d{4})\.json$/;

/**
 * Reads every `<year>.json` in `dir` as a YearTable. A `.json` file with another name, a file
 * whose `year` differs from its name, or an invalid table is an error naming the file.
 * Other files (README.md) are ignored.
 */
export function readTableDirectory(dir: string): YearTable[] {
  if (!existsSync(dir)) throw DomainError.invalid([{ path: '/tablesDir', message: `${dir} does not exist` }], `The calendar tables folder ${dir} does not exist`);
  const tables: YearTable[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const match = TABLE_FILE.exec(name);
    const file = join(dir, name);
    if (!match) throw DomainError.invalid([{ path: '/tablesDir', message: `${name} is not named <year>.json` }], `Calendar table ${file} must be named <year>.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw DomainError.invalid([{ path: '', message: (e as Error).message }], `Calendar table ${file} is not valid JSON`);
    }
    const table = validateYearTable(parsed, `Calendar table ${file}`);
    if (table.year !== Number(match[1])) {
      throw DomainError.invalid([{ path: '/year', message: `year ${table.year} in a file named ${name}` }], `Calendar table ${file} holds year ${table.year}`);
    }
    tables.push(table);
  }
  return tables;
}

export interface LoadOfficialCalendarOptions {
  /** Folder of `<year>.json` tables; defaults to libs/infra/calendar-tables/tables. */
  readonly tablesDir?: string;
  /** Use the data shipped with chinese-days (default true). */
  readonly useChineseDays?: boolean;
}

/**
 * The official calendar: the years chinese-days covers, then the JSON tables of `tablesDir`,
 * a table file replacing chinese-days for its year. Dates of any other year throw
 * CALENDAR_YEAR_UNKNOWN.
 */
export function loadOfficialCalendar(options: LoadOfficialCalendarOptions = {}): OfficialCalendar {
  const byYear = new Map<number, YearTable>();
  if (options.useChineseDays ?? true) for (const table of chineseDaysTables()) byYear.set(table.year, table);
  for (const table of readTableDirectory(options.tablesDir ?? DEFAULT_TABLES_DIR)) byYear.set(table.year, table);
  return new OfficialCalendar([...byYear.values()]);
}
