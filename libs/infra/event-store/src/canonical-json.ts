/** A value that canonical JSON can represent. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Thrown when a value cannot be written as canonical JSON; `path` points at the offending member. */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, like Array#sort) at every depth,
 * no whitespace, arrays in order, strings and numbers as JSON.stringify writes them.
 * Rejects what plain JSON cannot carry faithfully: `undefined` (also as an object member:
 * omit the member or use null), functions, symbols, bigints, NaN/±Infinity, cycles and
 * non-plain objects (Date, Map, class instances…). `root` names the value in error paths.
 */
export function canonicalJson(value: unknown, root = '$'): string {
  try {
    return fast(value, 0);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return write(value, root, new Set()); // the careful walk finds the member at fault and throws with its path
  }
}

/** Thrown by the fast walk for anything it does not write; the careful walk then explains. */
const NOT_PLAIN = new Error('not plain JSON');
/** Deeper than this, the fast walk hands over to the careful one (which detects cycles). */
const FAST_DEPTH = 256;

/** The hot path (every append, every verification): no member paths, no cycle set, plain concatenation. */
function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return 'null';
  if (depth > FAST_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + fast(value[i], depth + 1);
    return out + ']';
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN;
  if (Object.getOwnPropertySymbols(value).length > 0) throw NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i === 0 ? '' : ',') + JSON.stringify(keys[i]) + ':' + fast(record[keys[i]], depth + 1);
  return out + '}';
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a finite number`);
      return JSON.stringify(value);
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined is not JSON (omit the member or use null)');
    case 'function':
      throw new CanonicalJsonError(path, 'a function is not JSON');
    case 'symbol':
      throw new CanonicalJsonError(path, 'a symbol is not JSON');
    case 'bigint':
      throw new CanonicalJsonError(path, 'a bigint is not JSON (write it as a string)');
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new CanonicalJsonError(path, 'the value contains a cycle');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) items.push(write(object[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (prototype?.constructor as { name?: string } | undefined)?.name ?? 'unknown';
      throw new CanonicalJsonError(path, `a ${kind} object is not plain JSON (convert it to a string, number or plain object)`);
    }
    if (Object.getOwnPropertySymbols(object).length > 0) {
      throw new CanonicalJsonError(path, 'symbol-keyed members are not JSON');
    }
    const record = object as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], memberPath(path, key), ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

function memberPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
