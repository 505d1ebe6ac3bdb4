import { DomainError, type PublicityRule } from '@bj/kernel';
import { OfficialCalendar } from './official-calendar';
import { TABLE_2025, TABLE_2026 } from './official-tables.fixture';
import { addWorkingDays, hasPublicityRun, nextWorkingDay, publicityPeriod, workingDaysBetween } from './working-days';
import { validateYearTable } from './year-table';

const calendar = new OfficialCalendar([TABLE_2025, TABLE_2026]);
const COUNTING_PUBLICATION_DAY: PublicityRule = { workingDays: 5, countPublicationDay: true };
const FROM_NEXT_WORKING_DAY: PublicityRule = { workingDays: 5, countPublicationDay: false };

function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('OfficialCalendar', () => {
  it.each([
    ['2026-09-30', 'WORKDAY'],
    ['2026-10-01', 'HOLIDAY'],
    ['2026-10-07', 'HOLIDAY'],
    ['2026-10-10', 'MAKE_UP_WORKDAY'],
    ['2026-10-11', 'WEEKEND'],
    ['2026-02-14', 'MAKE_UP_WORKDAY'],
    ['2026-02-23', 'HOLIDAY'],
    ['2025-01-26', 'MAKE_UP_WORKDAY'],
    ['2025-10-08', 'HOLIDAY'],
    ['2025-10-09', 'WORKDAY'],
  ])('%s is a %s', (date, kind) => {
    expect(calendar.kindOfDay(date)).toBe(kind);
    expect(calendar.isWorkingDay(date)).toBe(kind === 'WORKDAY' || kind === 'MAKE_UP_WORKDAY');
  });

  it('refuses a date in a year without a table, naming the year and how to add it', () => {
    const error = thrown(() => calendar.isWorkingDay('2027-01-04'));
    expect(error.kind).toBe('RULE_VIOLATED');
    expect(error.code).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(error.message).toContain('2027');
    expect(error.message).toContain('tables/2027.json');
    expect(error.message).toContain('known years: 2025, 2026');
  });

  it('refuses a malformed date with the field named', () => {
    const error = thrown(() => calendar.isWorkingDay('2026-02-30'));
    expect(error.kind).toBe('INVALID');
    expect(error.problems[0]!.path).toBe('/date');
  });

  it('refuses two tables for one year, and lets withTable replace one', () => {
    expect(thrown(() => new OfficialCalendar([TABLE_2026, TABLE_2026])).kind).toBe('INVALID');
    const patched = calendar.withTable({ year: 2026, holidays: ['2026-03-02'], makeUpWorkdays: [] });
    expect(patched.isWorkingDay('2026-03-02')).toBe(false);
    expect(patched.isWorkingDay('2026-10-01')).toBe(true);
    expect(patched.years).toEqual([2025, 2026]);
  });
});

describe('publicity periods on the 2026 calendar', () => {
  it('5 working days published on 2026-09-30, publication day counting, run through 2026-10-12', () => {
    expect(publicityPeriod('2026-09-30', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2026-09-30', lastDay: '2026-10-12' });
  });

  it('5 working days published on 2026-09-30, counting from the next working day, run through 2026-10-13', () => {
    expect(publicityPeriod('2026-09-30', FROM_NEXT_WORKING_DAY, calendar)).toEqual({ firstDay: '2026-10-08', lastDay: '2026-10-13' });
  });

  it('Spring Festival 2026: the make-up Saturday 02-14 counts, 02-15..02-23 do not', () => {
    expect(publicityPeriod('2026-02-13', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2026-02-13', lastDay: '2026-02-26' });
    expect(publicityPeriod('2026-02-13', FROM_NEXT_WORKING_DAY, calendar)).toEqual({ firstDay: '2026-02-14', lastDay: '2026-02-27' });
  });

  it('a notice published on a Saturday starts counting on Monday even when the publication day counts', () => {
    expect(publicityPeriod('2026-03-07', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2026-03-09', lastDay: '2026-03-13' });
  });

  it('a notice published on the make-up Sunday 2026-09-20 counts it as day 1, and skips the Mid-autumn days', () => {
    expect(publicityPeriod('2026-09-20', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2026-09-20', lastDay: '2026-09-24' });
    expect(publicityPeriod('2026-09-19', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2026-09-20', lastDay: '2026-09-24' });
    expect(publicityPeriod('2026-09-24', COUNTING_PUBLICATION_DAY, calendar).lastDay).toBe('2026-10-08'); // 09-24, 09-28, 09-29, 09-30, 10-08
  });

  it('a period that runs into a year without a table is an error, not a guess', () => {
    expect(thrown(() => publicityPeriod('2026-12-28', COUNTING_PUBLICATION_DAY, calendar)).code).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(publicityPeriod('2026-12-24', COUNTING_PUBLICATION_DAY, calendar).lastDay).toBe('2026-12-30');
  });

  it('refuses a rule of zero working days', () => {
    expect(thrown(() => publicityPeriod('2026-09-30', { workingDays: 0, countPublicationDay: true }, calendar)).problems[0]!.path).toBe('/rule/workingDays');
  });

  it('has run only once the day after the last day has come', () => {
    const period = publicityPeriod('2026-09-30', COUNTING_PUBLICATION_DAY, calendar);
    expect(hasPublicityRun(period, '2026-10-10')).toBe(false);
    expect(hasPublicityRun(period, '2026-10-12')).toBe(false);
    expect(hasPublicityRun(period, '2026-10-13')).toBe(true);
  });
});

describe('publicity periods on the 2025 calendar', () => {
  it('Spring Festival 2025: the make-up Sunday 01-26 counts, 01-28..02-04 do not', () => {
    expect(publicityPeriod('2025-01-24', COUNTING_PUBLICATION_DAY, calendar)).toEqual({ firstDay: '2025-01-24', lastDay: '2025-02-06' });
    expect(publicityPeriod('2025-01-24', FROM_NEXT_WORKING_DAY, calendar)).toEqual({ firstDay: '2025-01-26', lastDay: '2025-02-07' });
  });

  it('National Day 2025: the make-up Sunday 09-28 is day 1, 10-01..10-08 are off', () => {
    expect(publicityPeriod('2025-09-26', FROM_NEXT_WORKING_DAY, calendar)).toEqual({ firstDay: '2025-09-28', lastDay: '2025-10-10' });
  });
});

describe('working-day arithmetic', () => {
  it('finds the next working day over a holiday', () => {
    expect(nextWorkingDay('2026-09-30', calendar)).toBe('2026-10-08');
    expect(nextWorkingDay('2026-10-09', calendar)).toBe('2026-10-10');
  });

  it('adds working days, 0 giving the same day', () => {
    expect(addWorkingDays('2026-10-08', 0, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', 3, calendar)).toBe('2026-10-12');
    expect(() => addWorkingDays('2026-10-08', -1, calendar)).toThrow(DomainError);
  });

  it('counts working days in a closed range', () => {
    expect(workingDaysBetween('2026-10-01', '2026-10-12', calendar)).toBe(4);
    expect(workingDaysBetween('2026-10-12', '2026-10-01', calendar)).toBe(0);
  });
});

describe('validateYearTable', () => {
  it('normalises a valid table', () => {
    expect(validateYearTable({ year: 2026, holidays: ['2026-10-02', '2026-10-01', '2026-10-01'], makeUpWorkdays: ['2026-10-10'] })).toEqual({
      year: 2026,
      holidays: ['2026-10-01', '2026-10-02'],
      makeUpWorkdays: ['2026-10-10'],
    });
  });

  it('reports every problem by path', () => {
    const error = thrown(() =>
      validateYearTable({ year: 2026, holidays: ['2025-10-01', '2026-13-01'], makeUpWorkdays: ['2026-10-09', '2026-10-10'], extra: 1, holidays2: [] }, '2026.json'),
    );
    expect(error.kind).toBe('INVALID');
    expect(error.message).toContain('2026.json');
    expect(error.problems.map((p) => p.path)).toEqual(['/holidays/0', '/holidays/1', '/makeUpWorkdays', '/extra', '/holidays2']);
  });

  it('refuses a date both off and on', () => {
    expect(thrown(() => validateYearTable({ year: 2026, holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] })).problems[0]!.message).toContain('both');
  });

  it('refuses what is not an object', () => {
    expect(thrown(() => validateYearTable([])).kind).toBe('INVALID');
  });
});
