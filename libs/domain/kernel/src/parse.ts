import { Centres, type Centre } from './codes';
import { DomainError } from './errors';

/** The first annual session (年度评审) the 2020 measures allow, and the last year a setting may name. */
export const FIRST_SESSION_YEAR = 2020;
export const LAST_SESSION_YEAR = 2100;

/**
 * A session's year from a path, a query, a command-line option or a body field (four digits, or
 * a whole number in a body), or INVALID naming `path` and the value given.
 */
export function parseYear(value: unknown, path = '/year'): number {
  const text = typeof value === 'number' ? String(value) : value;
  const year = Number(text);
  if (typeof text !== 'string' || !/^\d{4}$/.test(text) || year < FIRST_SESSION_YEAR || year > LAST_SESSION_YEAR) {
    throw DomainError.invalid([{ path, message: `must be a year from ${FIRST_SESSION_YEAR} to ${LAST_SESSION_YEAR}, got ${JSON.stringify(value)}` }]);
  }
  return year;
}

/** A parameter that must be one of `values`, or INVALID naming `path` and the values. */
export function parseOneOf<T extends string>(text: string, values: readonly T[], path: string): T {
  if (!(values as readonly string[]).includes(text)) throw DomainError.invalid([{ path, message: `must be one of ${values.join(', ')}, got ${JSON.stringify(text)}` }]);
  return text as T;
}

/** An evaluation centre's code from a path, or INVALID naming `path` and the centres. */
export function parseCentre(text: string, path = '/centre'): Centre {
  return parseOneOf(text, Centres.values, path);
}
