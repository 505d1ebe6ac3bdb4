import { DomainError } from './errors';
import { parseYear } from './parse';

describe('parseYear', () => {
  it('reads four digits from a path or an option, and a whole number from a body', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear(2027, '/sessionYear')).toBe(2027);
  });

  it.each([['26'], ['abcd'], ['2026.0'], [' 2026'], ['2019'], ['2101'], [2026.5], [null], [undefined], [['2026']]])('refuses %p, naming the field and the value', (value) => {
    let error: unknown;
    try {
      parseYear(value, '--year');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).problems).toEqual([{ path: '--year', message: `must be a year from 2020 to 2100, got ${JSON.stringify(value)}` }]);
  });
});
