import { Logger } from '@nestjs/common';
import { DomainError, type Problem } from '@bj/kernel';
import { COMMANDS_AT_ONCE, forEachConcurrently } from './concurrency';
import { errorBody, type ErrorBody } from './error-filter';

/** The most items one batch request may carry. */
export const MAX_BATCH_ITEMS = 500;

/** One item's outcome: its HTTP status as a request of its own would have had it, and its result or error. */
export type BatchItemResult<K, R> =
  | ({ readonly status: number; readonly ok: true; readonly result: R } & K)
  | ({ readonly status: number; readonly ok: false; readonly error: ErrorBody } & K);

export interface BatchOutcome<K, R> {
  readonly succeeded: number;
  readonly refused: number;
  readonly results: readonly BatchItemResult<K, R>[];
}

/**
 * Reads a batch's list from the body: an array of 1 to MAX_BATCH_ITEMS items, each checked by
 * `check` (its problems, with paths inside the item), no key twice. Any problem refuses the
 * whole batch before anything runs, naming `/<field>/<index>/…`.
 */
export function batchItems<T>(list: unknown, field: string, check: (item: unknown) => Problem[], keyOf: (item: T) => string): T[] {
  if (!Array.isArray(list) || list.length === 0) throw DomainError.invalid([{ path: `/${field}`, message: `${field} must be a non-empty array` }]);
  if (list.length > MAX_BATCH_ITEMS) throw DomainError.invalid([{ path: `/${field}`, message: `${field} holds ${list.length} items; one batch takes at most ${MAX_BATCH_ITEMS}` }]);
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const found = check(item);
    problems.push(...found.map((p) => ({ ...p, path: `/${field}/${i}${p.path}` })));
    if (found.length > 0) return;
    const key = keyOf(item as T);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push({ path: `/${field}/${i}`, message: `${key} is already item ${earlier} of this batch` });
    else seen.set(key, i);
  });
  if (problems.length > 0) throw DomainError.invalid(problems, `The batch is invalid; nothing was done`);
  return list as T[];
}

/**
 * Runs one command per item, each decided and appended on its own as if it were its own request
 * (a refused item writes nothing and does not stop the others), and answers every item's
 * outcome in the order given. The batch is not atomic across items: each item's stream is.
 */
export async function runBatch<T, K extends object, R>(items: readonly T[], keyOf: (item: T) => K, run: (item: T) => Promise<R>): Promise<BatchOutcome<K, R>> {
  const results: BatchItemResult<K, R>[] = new Array(items.length);
  await forEachConcurrently(items, COMMANDS_AT_ONCE, async (item, i) => {
    try {
      results[i] = { ...keyOf(item), status: 200, ok: true, result: await run(item) };
    } catch (e) {
      const error = errorBody(e);
      if (error.statusCode >= 500) new Logger('Batch').error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      results[i] = { ...keyOf(item), status: error.statusCode, ok: false, error };
    }
  });
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, refused: results.length - succeeded, results };
}

/** The problems of a list item that must be an object (`shape` says which, for the message), then `check`'s. */
export function objectItem<T>(item: unknown, shape: string, check: (item: T) => Problem[]): Problem[] {
  return typeof item === 'object' && item !== null && !Array.isArray(item) ? check(item as T) : [{ path: '', message: `each item must be an object ${shape}` }];
}

/** A problem list for a member that must be a non-empty string. */
export function requireText(value: unknown, path: string, what: string): Problem[] {
  return typeof value === 'string' && value.trim().length > 0 ? [] : [{ path, message: `${what} must be a non-empty string` }];
}
