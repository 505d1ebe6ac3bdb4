import fc from 'fast-check';
import { writeCffSubset, learnCffSubsetParts } from './cff-subset-writer';
import { subsetFontFiles } from './fonts';

// The regular face, Noto Sans Hans: 30,888 glyphs in 19 font dictionaries.
const GLYPHS = subsetFontFiles([1]).faceGlyphs;

describe('writeCffSubset', () => {
  it('writes the very bytes fontkit writes for the subsets a certificate holds: a name, a page of text', () => {
    // three glyphs, the last of the face, and 400 glyphs (more than 255: the charset's two-byte form)
    for (const glyphIds of [[15000, 2000, 27000], [GLYPHS - 1], Array.from({ length: 400 }, (_, i) => i * 70 + 1)]) {
      const { fontkit, written } = subsetFontFiles(glyphIds);
      expect(written).not.toBeNull();
      expect(Buffer.compare(Buffer.from(written as Uint8Array), Buffer.from(fontkit))).toBe(0);
    }
  });

  it('writes the very bytes fontkit writes for any set of glyphs, in any order, of any of the face’s font dictionaries', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: GLYPHS - 1 }), { minLength: 1, maxLength: 40 }), (glyphIds) => {
        const { fontkit, written } = subsetFontFiles(glyphIds);
        return written !== null && Buffer.compare(Buffer.from(written), Buffer.from(fontkit)) === 0;
      }),
      { numRuns: 150 },
    );
  });

  it('learns nothing from an encoding it would not write again byte for byte, so that fontkit keeps writing', () => {
    const { fontkit } = subsetFontFiles([1, 2, 3]);
    const sample = { charstrings: [new Uint8Array([14]), new Uint8Array([14]), new Uint8Array([14]), new Uint8Array([14])], fontDicts: [0, 0, 0, 0] };
    expect(learnCffSubsetParts(fontkit, sample)).toBeUndefined(); // other charstrings than those encoded
    expect(learnCffSubsetParts(fontkit.subarray(0, 40), sample)).toBeUndefined(); // cut short
  });

  it('refuses a subset without glyph 0 and one more, or with a font dictionary the face lacks', () => {
    const parts = { head: new Uint8Array(), top: [], strings: new Uint8Array(), fonts: new Map() };
    expect(() => writeCffSubset(parts, { charstrings: [new Uint8Array([14])], fontDicts: [0] })).toThrow('a subset needs glyph 0 and at least one more');
    expect(() => writeCffSubset(parts, { charstrings: [new Uint8Array([14]), new Uint8Array([14])], fontDicts: [0, 7] })).toThrow("font dictionary 0 is not one of the face's");
  });
});
