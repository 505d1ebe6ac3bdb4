/**
 * One copy of each of many equal values a read model keeps for years (a session's panel rules,
 * the pre-check's findings of a level, a code): the first value kept under a key is handed out
 * for every later one. Bounded: past `max` keys, values are handed back as they come.
 */
export class SharedValues<T> {
  private readonly pool = new Map<string, T>();

  constructor(private readonly max: number) {}

  /** The value kept under `key`; else `value`, kept for next time while there is room. */
  keep(key: string, value: T): T {
    const known = this.pool.get(key);
    if (known !== undefined) return known;
    if (this.pool.size < this.max) this.pool.set(key, value);
    return value;
  }

  /** As keep, for a value worth making only when none is kept yet. */
  of(key: string, make: () => T): T {
    return this.pool.get(key) ?? this.keep(key, make());
  }
}

/** How many different texts are shared at most; past that, texts are kept as they come. */
const texts = new SharedValues<string>(50_000);

/**
 * The one copy of a short text that read models keep in many records over the years: codes,
 * levels, directions, statuses, dates, names of employers, committees and the issuing authority,
 * expert ids. Every event is parsed into fresh strings, so without this each record would hold a
 * copy of its own (a year's read models held `APPLICATION` 30,000 times). Only for values of
 * small sets: never the id of an application or free text.
 */
export function sharedText<T extends string | null | undefined>(text: T): T {
  return typeof text === 'string' ? (texts.keep(text, text) as T) : text;
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
