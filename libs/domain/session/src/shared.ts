import { createHash } from 'node:crypto';
import { DomainError, MAX_FREE_TEXT, type CommandContext, type DomainEvent, type Problem, type Role, beijingDate, isIsoDate } from '@bj/kernel';

/** A command as every decider of this library takes it: who and when (CommandContext), its type, its own fields. */
export type SessionCommand<Type extends string, Fields extends object = object> = CommandContext & { readonly type: Type } & Fields;

/** Every event of this library is at version 1 of its data's shape. */
export type SessionEvent<Type extends string, Data> = DomainEvent<Type, Data> & { readonly schemaVersion: 1 };

/** A typed constructor for the events of one union: `const event = eventFactory<MyEvent>()`. */
export function eventFactory<E extends DomainEvent>() {
  return <T extends E['type']>(type: T, data: Extract<E, { type: T }>['data']): Extract<E, { type: T }> =>
    ({ type, schemaVersion: 1, data }) as unknown as Extract<E, { type: T }>;
}

/** A fraction such as 2/3 (quorum, pass threshold). */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** The smallest whole number ≥ fraction × count, in integer arithmetic (no floating error: ceil(2/3 × 27) = 18). */
export function ceilFraction(fraction: Fraction, count: number): number {
  return Math.floor((fraction.numerator * count + fraction.denominator - 1) / fraction.denominator);
}

/** SHA-256 of a UTF-8 string, lower-case hex. Deterministic: used for ballot codes and seeded ordering. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** 身份证号 masked for public pages: the first 6 and the last 4 characters stay (110105********1234). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

/** The business date (Beijing) of the command. */
export function today(context: CommandContext): string {
  return beijingDate(context.now);
}

export function requireRole(context: CommandContext, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(context.actor.role)) {
    throw DomainError.forbidden(`${what} is done by ${allowed.join(' or ')}, not by ${context.actor.role}`, 'ROLE_NOT_ALLOWED');
  }
}

/** Collects input problems by path, then throws one INVALID_INPUT error naming them all. */
export class ProblemList {
  readonly items: Problem[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
  }

  check(ok: boolean, path: string, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }

  text(value: unknown, path: string, min = 1, max = MAX_FREE_TEXT): value is string {
    if (typeof value !== 'string' || value.trim().length < min) {
      this.add(path, min <= 1 ? 'is required (a non-empty text)' : `must be a text of at least ${min} characters`);
      return false;
    }
    return this.check(value.length <= max, path, `must be at most ${max} characters`);
  }

  /** An optional text: trimmed, or null when absent or blank; a problem when it is not text or, trimmed, is longer than `max`. */
  optionalText(value: unknown, path: string, max = MAX_FREE_TEXT): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      this.add(path, `must be a text, not ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`}`);
      return null;
    }
    const text = value.trim(); // the limit is on what is recorded, as the declaration's texts count it
    if (!this.check(text.length <= max, path, `must be at most ${max.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')})`)) return null;
    return text || null;
  }

  date(value: unknown, path: string): value is string {
    return this.check(isIsoDate(value), path, 'must be a calendar date YYYY-MM-DD');
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
    return this.check(Number.isInteger(value) && (value as number) >= min && (value as number) <= max, path, `must be a whole number from ${min} to ${max}`);
  }

  throwIfAny(message: string): void {
    if (this.items.length > 0) throw DomainError.invalid(this.items, `${message}: ${this.items.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}
