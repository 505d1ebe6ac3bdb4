import fc from 'fast-check';
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

  it('answers as Date does for any run of instants, the same hour repeated or not', () => {
    const reference = (instant: string) => new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    const sameHour = instant.map((i) => [i, `${i.slice(0, 13)}:59:59Z`, `${i.slice(0, 13)}:00:00.000Z`]);
    fc.assert(fc.property(fc.array(fc.oneof(instant.map((i) => [i]), sameHour), { maxLength: 20 }), (runs) => {
      for (const i of runs.flat()) expect(beijingDate(i)).toBe(reference(i));
    }));
  });

  it('reads an instant with an offset by its offset, even right after a UTC instant of the same hour', () => {
    expect(beijingDate('2026-09-29T16:30:00Z')).toBe('2026-09-30');
    expect(beijingDate('2026-09-29T16:30:00+08:00')).toBe('2026-09-29');
    expect(beijingDate('2026-09-29T16:45:00Z')).toBe('2026-09-30');
  });

  it('refuses an instant that is not one, even in the hour of the last answer', () => {
    expect(beijingDate('2026-09-29T16:30:00Z')).toBe('2026-09-30');
    expect(() => beijingDate('2026-09-29T16:75:00Z')).toThrow(RangeError);
  });
});
