import fc from 'fast-check';
import { addDays } from '@bj/kernel';
import { countDaysWithin, dayNumber, daysInMonthsEndingOn, describeDays, fromDayNumber, mergePeriods, monthsBefore, requiredDays, toYearsAndMonths } from './work-years';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['2000-03-01', 11017],
    ['1969-12-31', -1],
    ['2026-12-31', 20818],
  ])('%s is day %i', (iso, n) => {
    expect(dayNumber(iso)).toBe(n);
    expect(fromDayNumber(n)).toBe(iso);
  });

  it('round-trips every day from 1899 to 2101 and agrees with the kernel calendar', () => {
    const mismatches: string[] = [];
    let iso = '1899-12-25';
    for (let n = dayNumber(iso); iso < '2101-01-05'; n++, iso = addDays(iso, 1)) {
      if (dayNumber(iso) !== n || fromDayNumber(n) !== iso) mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });

  it.each(['2026-1-01', '2026/01/01', '2026-01-0a', ' 2026-01-01', '2026-01-01 ', '２０２６-01-01', '', '20260101'])('refuses %j, naming it', (text) => {
    expect(() => dayNumber(text)).toThrow(new RangeError(`not an ISO calendar date: ${text}`));
  });
});

describe('满 N 年 (ELIGIBILITY.md, Conventions)', () => {
  it('5 years to 2026-12-31 are the 1826 days from 2022-01-01', () => {
    expect(requiredDays('2026-12-31', 5)).toBe(1826);
    expect(countDaysWithin([{ from: '2022-01-01', to: '2026-12-31' }], '2000-01-01', '2026-12-31')).toBe(1826);
    expect(countDaysWithin([{ from: '2022-01-02', to: '2026-12-31' }], '2000-01-01', '2026-12-31')).toBe(1825);
  });

  it.each([
    ['2026-12-31', 1, 365],
    ['2024-12-31', 1, 366],
    ['2024-02-29', 1, 366], // 2023-03-01 .. 2024-02-29
    ['2025-02-28', 1, 366], // 2024-02-29 .. 2025-02-28
    ['2026-12-31', 2, 730],
    ['2026-12-31', 7, 2557],
  ])('%s, %i year(s): %i days', (cutoff, years, days) => expect(requiredDays(cutoff, years)).toBe(days));

  it('subtracts months keeping the day, or the last day of a shorter month', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });
});

describe('merging and clipping periods', () => {
  it('merges overlapping and touching periods, never counting a day twice', () => {
    expect(
      mergePeriods([
        { from: '2024-01-01', to: '2024-06-30' },
        { from: '2023-01-01', to: '2024-03-31' },
        { from: '2024-07-01', to: '2024-07-31' },
        { from: '2025-01-01', to: '2025-01-31' },
      ]),
    ).toEqual([
      { from: '2023-01-01', to: '2024-07-31' },
      { from: '2025-01-01', to: '2025-01-31' },
    ]);
  });

  it('drops periods that end before they start', () => {
    expect(mergePeriods([{ from: '2026-12-31', to: '2026-01-01' }])).toEqual([]);
  });

  it('counts only the days between the qualifying date and the cutoff, inclusive', () => {
    const periods = [{ from: '2020-01-01', to: '2027-12-31' }];
    expect(countDaysWithin(periods, '2026-12-01', '2026-12-31')).toBe(31);
    expect(countDaysWithin(periods, '2026-12-31', '2026-12-31')).toBe(1);
    expect(countDaysWithin(periods, '2028-01-01', '2028-12-31')).toBe(0);
  });
});

describe('years and months for people', () => {
  it.each([
    [1826, '5 年（1826 天）'],
    [1825, '4 年 11 个月（1825 天）'],
    [1280, '3 年 6 个月（1280 天）'],
    [31, '1 个月（31 天）'],
    [30, '不足 1 个月（30 天）'],
    [0, '不足 1 个月（0 天）'],
  ])('%i days to 2026-12-31 read "%s"', (days, text) => expect(describeDays(days, '2026-12-31')).toBe(text));

  it('never shows 满 N 年 for fewer days than N years need', () => {
    for (let days = 0; days < 4000; days += 7) {
      const { years } = toYearsAndMonths(days, '2026-12-31');
      expect(days >= requiredDays('2026-12-31', years)).toBe(true);
      expect(days < requiredDays('2026-12-31', years + 1)).toBe(true);
    }
  });

  it('counts whole years and months exactly as 满 N 年 is defined, month by month back from the cutoff', () => {
    // the definition, on the dates as text: the most months m whose days ending on the cutoff do not exceed the count
    const byDefinition = (days: number, cutoff: string) => {
      let months = 0;
      while (dayNumber(cutoff) - dayNumber(monthsBefore(cutoff, months + 1)) <= days) months++;
      return { years: Math.floor(months / 12), months: months % 12, days };
    };
    const cutoffs = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), cutoffs, (days, cutoff) => {
        expect(toYearsAndMonths(days, cutoff)).toEqual(byDefinition(days, cutoff));
        expect(daysInMonthsEndingOn(cutoff, 12)).toBe(dayNumber(cutoff) - dayNumber(monthsBefore(cutoff, 12)));
      }),
      { numRuns: 300 },
    );
  });
});
