import { addDays, beijingDate, isIsoDate } from './dates';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-13-01', false],
    ['2023-1-01', false],
    ['2023-04-31', false],
  ])('%s is a real date: %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));

  it('adds days across a month and a leap day', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('takes the Beijing calendar date of an instant', () => {
    expect(beijingDate('2026-09-29T16:30:00Z')).toBe('2026-09-30');
  });
});
