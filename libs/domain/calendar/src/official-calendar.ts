import { DomainError, isIsoDate, type WorkingDayCalendar } from '@bj/kernel';
import { isWeekend, validateYearTable, type YearTable } from './year-table';

/** Why a day is on or off. */
export type DayKind =
  | 'WORKDAY' // 工作日
  | 'WEEKEND' // 周末
  | 'HOLIDAY' // 法定节假日 / 放假
  | 'MAKE_UP_WORKDAY'; // 调休上班

export function requireIsoDate(date: unknown, field = 'date'): string {
  if (!isIsoDate(date)) {
    throw DomainError.invalid([{ path: `/${field}`, message: `${JSON.stringify(date)} is not a real date in the form YYYY-MM-DD` }], `${field} is not a valid date`);
  }
  return date;
}

interface YearSets {
  readonly table: YearTable;
  readonly off: ReadonlySet<string>;
  readonly on: ReadonlySet<string>;
}

/**
 * The official working-day calendar (工作日) built from year tables: weekends and statutory
 * holidays off, make-up days (调休) on. Only years with a table are known; a date in any
 * other year throws `CALENDAR_YEAR_UNKNOWN` rather than guessing.
 */
export class OfficialCalendar implements WorkingDayCalendar {
  private readonly byYear: ReadonlyMap<number, YearSets>;

  /** Each table is validated; two tables for one year are refused (use `withTable` to override). */
  constructor(tables: readonly YearTable[]) {
    const byYear = new Map<number, YearSets>();
    for (const candidate of tables) {
      const table = validateYearTable(candidate, `The year table for ${String((candidate as { year?: unknown })?.year)}`);
      if (byYear.has(table.year)) {
        throw DomainError.invalid([{ path: '/year', message: `two tables for ${table.year}` }], `Two calendar tables were given for ${table.year}`);
      }
      byYear.set(table.year, { table, off: new Set(table.holidays), on: new Set(table.makeUpWorkdays) });
    }
    this.byYear = byYear;
  }

  /** The years this calendar knows, ascending. */
  get years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.byYear.has(year);
  }

  tableOf(year: number): YearTable | undefined {
    return this.byYear.get(year)?.table;
  }

  /** A new calendar in which `table` replaces any table for its year. */
  withTable(table: YearTable): OfficialCalendar {
    const others = [...this.byYear.values()].map((s) => s.table).filter((t) => t.year !== table.year);
    return new OfficialCalendar([...others, table]);
  }

  kindOfDay(date: string): DayKind {
    requireIsoDate(date);
    const year = Number(date.slice(0, 4));
    const sets = this.byYear.get(year);
    if (!sets) {
      const known = this.years;
      throw DomainError.rule(
        'CALENDAR_YEAR_UNKNOWN',
        `The official working-day calendar for ${year} is not loaded (needed for ${date}); ` +
          `known years: ${known.length ? known.join(', ') : 'none'}. Add the ${year} table from the State Council's notice ` +
          `(国务院办公厅关于${year}年部分节假日安排的通知) as libs/infra/calendar-tables/tables/${year}.json, or update chinese-days.`,
        [{ path: '/date', message: `no official calendar for ${year}` }],
      );
    }
    if (sets.on.has(date)) return 'MAKE_UP_WORKDAY';
    if (sets.off.has(date)) return 'HOLIDAY';
    return isWeekend(date) ? 'WEEKEND' : 'WORKDAY';
  }

  isWorkingDay(date: string): boolean {
    const kind = this.kindOfDay(date);
    return kind === 'WORKDAY' || kind === 'MAKE_UP_WORKDAY';
  }
}
