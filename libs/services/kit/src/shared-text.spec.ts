import { sharedText, withSharedTexts } from './shared-text';

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
