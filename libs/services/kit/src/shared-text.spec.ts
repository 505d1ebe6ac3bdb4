import { SharedValues, sharedText, withSharedTexts } from './shared-text';

/** A string with the same characters as `text` but built at run time (a different copy). */
const freshCopy = (text: string) => JSON.parse(JSON.stringify(text)) as string;

describe('sharedText', () => {
  it('answers a text with an equal text, however many times it is asked', () => {
    // (which copy it answers is not observable in JavaScript; the heap snapshots in docs/benchmarks.md show the effect)
    expect([sharedText(freshCopy('SENIOR_ENGINEER')), sharedText(freshCopy('SENIOR_ENGINEER'))]).toEqual(['SENIOR_ENGINEER', 'SENIOR_ENGINEER']);
  });

  it('passes what is not a text through', () => {
    expect(sharedText(undefined)).toBeUndefined();
    expect(sharedText(null)).toBeNull();
  });

  it('copies a record with the named members shared, leaving the record and its other members as they were', () => {
    const record = Object.freeze({ level: freshCopy('ENGINEER'), name: '魏勇', year: 2026 });
    const copy = withSharedTexts(record, ['level', 'year']);
    expect(copy).toEqual(record);
    expect(copy).not.toBe(record);
  });
});

describe('SharedValues', () => {
  it('makes a value once per key and hands that one out again, up to its bound', () => {
    const pool = new SharedValues<{ size: number }>(1);
    let made = 0;
    const make = () => ({ size: ++made });
    const first = pool.of('ai-2026', make);
    expect(pool.of('ai-2026', make)).toBe(first);
    // full: another key's value is handed back as it comes, not kept
    const other = pool.of('pro-2026', make);
    expect(pool.of('pro-2026', make)).not.toBe(other);
    expect(made).toBe(3);
  });

  it('keeps the first of equal values given whole', () => {
    const pool = new SharedValues<{ size: number }>(10);
    const first = { size: 5 };
    expect(pool.keep('k', first)).toBe(first);
    expect(pool.keep('k', { size: 5 })).toBe(first);
  });
});
