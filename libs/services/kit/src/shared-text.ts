/** How many different texts the pool holds at most; past that, texts are kept as they come. */
const MAX_SHARED_TEXTS = 50_000;
const pool = new Map<string, string>();

/**
 * The one copy of a short text that read models keep in many records over the years: codes,
 * levels, directions, statuses, dates, names of employers, committees and the issuing authority,
 * expert ids. Every event is parsed into fresh strings, so without this each record would hold a
 * copy of its own (a year's read models held `APPLICATION` 30,000 times). Only for values of
 * small sets: never the id of an application or free text.
 */
export function sharedText<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string') return text;
  const known = pool.get(text);
  if (known !== undefined) return known as T;
  if (pool.size < MAX_SHARED_TEXTS) pool.set(text, text);
  return text;
}

/** A copy of `record` whose members named in `keys` (strings) are shared texts. */
export function withSharedTexts<T extends object>(record: T, keys: readonly (keyof T)[]): T {
  const copy = { ...record };
  for (const key of keys) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = sharedText(value) as T[keyof T];
  }
  return copy;
}
