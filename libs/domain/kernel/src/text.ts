import type { Problem } from './errors';

// A lone surrogate: half of a UTF-16 pair. JSON can carry one ("\ud800"), JavaScript keeps it,
// but UTF-8 cannot encode it, so the log would store U+FFFD instead: the text read back after a
// restart would differ from the text accepted.
const LONE_SURROGATE = /\p{Cs}/u;
// C0 controls and DEL, but for tab, line feed and carriage return, which free text may hold.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// either of them: most text holds neither, and is scanned once
const UNSOUND = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'u');

/** The longest free text a command records (a reason, an opinion, remarks), counted trimmed, as it is recorded. */
export const MAX_FREE_TEXT = 2000;

/** At most this many problems are listed; a body full of bad text needs no thousand lines. */
const MAX_TEXT_PROBLEMS = 20;

/** `text` cut to `max` characters with an ellipsis, for echoing what a client sent. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** What a client sent (an id from a path, a bare value), as an answer echoes it: cut to 40 characters. */
export function echo(text: string): string {
  return clip(text, 40);
}

/** A JSON pointer's segment for a member's name (RFC 6901: `~` as `~0`, `/` as `~1`). */
function segment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

function codePoint(s: string, index: number): string {
  return `U+${s.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
}

function stringProblem(s: string): string | undefined {
  // one scan finds whether either is there; the surrogate, the worse, is named first as before
  if (!UNSOUND.test(s)) return undefined;
  const surrogate = LONE_SURROGATE.exec(s);
  if (surrogate) return `is not well-formed Unicode: a lone surrogate ${codePoint(s, surrogate.index)} at character ${surrogate.index + 1}`;
  const control = CONTROL.exec(s) as RegExpExecArray;
  return `holds the control character ${codePoint(s, control.index)} at character ${control.index + 1}`;
}

/** A value still to walk: its parent's entry and its own name or index there, from which its pointer is built if it has a problem. */
interface Pending {
  readonly value: unknown;
  readonly parent?: Pending;
  /** The member's name in its object, or its index in its array. */
  readonly name?: string | number;
}

function pointerOf(entry: Pending, base: string): string {
  const segments: string[] = [];
  for (let e: Pending | undefined = entry; e?.parent !== undefined; e = e.parent) segments.push(typeof e.name === 'string' ? segment(e.name) : String(e.name));
  return segments.length === 0 ? base : `${base}/${segments.reverse().join('/')}`;
}

/**
 * The strings of an untrusted JSON value (object keys included) that no text field should hold:
 * lone surrogates, which the log cannot store as they are, and control characters other than
 * tab, line feed and carriage return. Each problem names its JSON pointer.
 */
export function textProblems(value: unknown, path = ''): Problem[] {
  const problems: Problem[] = [];
  // depth-first in document order, with a stack of its own: a body may nest deeper than the call
  // stack goes; a value's pointer is written only when it has a problem (most text has none)
  const pending: Pending[] = [{ value }];
  // parsed JSON is a tree; a value built in code may share an object many times over, walked once
  const seen = new Set<object>();
  for (let next = pending.pop(); next !== undefined && problems.length < MAX_TEXT_PROBLEMS; next = pending.pop()) {
    const v = next.value;
    const keyProblem = typeof next.name === 'string' ? stringProblem(next.name) : undefined;
    if (keyProblem) problems.push({ path: pointerOf(next, path), message: `its name ${keyProblem}` });
    if (typeof v === 'string') {
      const message = stringProblem(v);
      if (message) problems.push({ path: pointerOf(next, path), message });
    } else if (typeof v !== 'object' || v === null || seen.has(v)) {
      continue;
    } else if (Array.isArray(v)) {
      seen.add(v);
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], parent: next, name: i });
    } else {
      seen.add(v);
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) pending.push({ value: (v as Record<string, unknown>)[keys[i]], parent: next, name: keys[i] });
    }
  }
  return problems.slice(0, MAX_TEXT_PROBLEMS);
}
