import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, DomainError } from '@bj/kernel';
import { publicityPeriod } from '@bj/calendar';
import { isWorkday } from 'chinese-days';
import { chineseDaysTables } from './chinese-days-tables';
import { DEFAULT_TABLES_DIR, loadOfficialCalendar, readTableDirectory } from './load-official-calendar';

function errorOf(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('chineseDaysTables', () => {
  const tables = chineseDaysTables();

  it('covers 2004 to 2026 and no later year', () => {
    expect(tables[0]!.year).toBe(2004);
    expect(tables.at(-1)!.year).toBe(2026);
  });

  it('derives the 2026 make-up working days (调休) of the official notice', () => {
    expect(tables.find((t) => t.year === 2026)!.makeUpWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('derives the 2025 make-up working days (调休) of the official notice', () => {
    expect(tables.find((t) => t.year === 2025)!.makeUpWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });
});

describe('loadOfficialCalendar', () => {
  const calendar = loadOfficialCalendar();

  it('agrees with chinese-days on every day of 2025 and 2026', () => {
    const disagreements: string[] = [];
    for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day) !== isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('counts 248 working days in 2025 and in 2026', () => {
    const count = (year: number) => {
      let n = 0;
      for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) n++;
      return n;
    };
    expect([count(2025), count(2026)]).toEqual([248, 248]);
  });

  it('gives the National Day 2026 publicity periods', () => {
    expect(publicityPeriod('2026-09-30', { workingDays: 5, countPublicationDay: true }, calendar).lastDay).toBe('2026-10-12');
    expect(publicityPeriod('2026-09-30', { workingDays: 5, countPublicationDay: false }, calendar).lastDay).toBe('2026-10-13');
  });

  it('has no 2027: a 2027 date is CALENDAR_YEAR_UNKNOWN', () => {
    expect(readTableDirectory(DEFAULT_TABLES_DIR)).toEqual([]);
    const error = errorOf(() => calendar.isWorkingDay('2027-03-01'));
    expect(error.code).toBe('CALENDAR_YEAR_UNKNOWN');
  });
});

describe('table files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'calendar-tables-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  it('a table file adds its year and overrides chinese-days for its year', () => {
    write('2027.json', { year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: [], source: 'test' });
    write('2026.json', { year: 2026, holidays: [], makeUpWorkdays: [] });
    write('README.md', 'ignored');
    const calendar = loadOfficialCalendar({ tablesDir: dir });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(true); // the file's 2026 has no holidays
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false); // 2025 still from chinese-days
  });

  it('only the table files when chinese-days is switched off', () => {
    write('2027.json', { year: 2027, holidays: [], makeUpWorkdays: [] });
    expect(loadOfficialCalendar({ tablesDir: dir, useChineseDays: false }).years).toEqual([2027]);
  });

  it.each([
    ['a file whose year differs from its name', '2028.json', { year: 2027, holidays: [], makeUpWorkdays: [] }, 'holds year 2027'],
    ['a badly named file', 'next.json', { year: 2027, holidays: [], makeUpWorkdays: [] }, 'must be named <year>.json'],
    ['a file that is not JSON', '2027.json', '{ year: 2027', 'is not valid JSON'],
    ['an invalid table', '2027.json', { year: 2027, holidays: ['2027-02-30'], makeUpWorkdays: [] }, '2027.json has 1 problem(s)'],
  ])('refuses %s, naming the file', (_what, name, content, message) => {
    write(name, content);
    const error = errorOf(() => loadOfficialCalendar({ tablesDir: dir }));
    expect(error.kind).toBe('INVALID');
    expect(error.message).toContain(message);
  });

  it('refuses a folder that does not exist', () => {
    expect(errorOf(() => readTableDirectory(join(dir, 'missing'))).message).toContain('does not exist');
  });
});
