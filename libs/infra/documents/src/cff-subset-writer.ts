/**
 * The font file of a CID-keyed CFF subset (Adobe TN #5176), written byte for byte as fontkit 2's
 * CFFSubset.encode writes it once fonts.ts has dropped the subroutines, but without its generic
 * struct encoder: that encoder measures every dictionary of the font several times over for each
 * subset, which made the holder's three-glyph font a tenth of a certificate's CPU.
 *
 * What does not depend on the glyphs (the header, the name, the Top DICT's operators, the
 * strings, each font dictionary and its Private DICT) is learned once per face from fontkit's own
 * encoding of a subset that holds a glyph of every font dictionary, and that encoding is written
 * again with this writer before the writer is used: if the two differ in a single byte (another
 * fontkit, another face), `learnCffSubsetParts` answers undefined and fontkit keeps writing.
 */

/** A DICT operator (12 x as 0x0c00 | x) with the bytes of its operands, as stored. */
interface DictEntry {
  readonly operator: number;
  readonly operands: Uint8Array;
}

const CHARSET = 15;
const CHARSTRINGS = 17;
const PRIVATE = 18;
const CID_COUNT = 0x0c22;
const FD_ARRAY = 0x0c24;
const FD_SELECT = 0x0c25;
/** Top DICT operators whose operand is an offset, written as fontkit writes pointers: 29 and four bytes. */
const TOP_POINTERS = new Set([CHARSET, CHARSTRINGS, FD_ARRAY, FD_SELECT]);

/** One font dictionary of a face: its entries, and its Private DICT's bytes. */
interface FontDictParts {
  readonly entries: readonly DictEntry[];
  readonly privateDict: Uint8Array;
}

/** What a subset's font file holds besides its glyphs, for one face. */
export interface CffSubsetParts {
  /** The header and the Name INDEX. */
  readonly head: Uint8Array;
  /** The Top DICT's entries; the offsets and CIDCount are written per subset. */
  readonly top: readonly DictEntry[];
  /** The String INDEX and the (empty) Global Subr INDEX. */
  readonly strings: Uint8Array;
  /** Per font dictionary of the face (its FDArray index): its entries, and its Private DICT's bytes. */
  readonly fonts: ReadonlyMap<number, FontDictParts>;
}

/** The subset to write: its charstrings in glyph order and, for each glyph, the face's font dictionary it uses. */
export interface CffSubsetGlyphs {
  readonly charstrings: readonly Uint8Array[];
  readonly fontDicts: readonly number[];
}

/** Thrown while learning when fontkit's encoding is not of the shape this writer writes. */
class UnexpectedShape extends Error {}

function operandLength(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at];
  if (b0 === 28) return 3;
  if (b0 === 29) return 5;
  if (b0 === 30) {
    let n = 1;
    while (at + n < bytes.length) {
      const b = bytes[at + n++];
      if ((b & 0x0f) === 0x0f || b >> 4 === 0x0f) return n;
    }
    throw new UnexpectedShape('a real number runs past the end of its DICT');
  }
  if (b0 >= 32 && b0 <= 246) return 1;
  if (b0 >= 247 && b0 <= 254) return 2;
  throw new UnexpectedShape(`byte ${b0} is neither an operator nor an operand`);
}

function parseDict(bytes: Uint8Array): DictEntry[] {
  const entries: DictEntry[] = [];
  let start = 0;
  let at = 0;
  while (at < bytes.length) {
    const b0 = bytes[at];
    if (b0 <= 21) {
      const operator = b0 === 12 ? 0x0c00 | bytes[at + 1] : b0;
      entries.push({ operator, operands: bytes.subarray(start, at) });
      at += b0 === 12 ? 2 : 1;
      start = at;
    } else {
      at += operandLength(bytes, at);
    }
  }
  if (start !== bytes.length) throw new UnexpectedShape('a DICT ends with operands and no operator');
  return entries;
}

/** The integer of a pointer's operand (29 and four bytes), or of a small integer. */
function operandInteger(operands: Uint8Array, at = 0): number {
  const b0 = operands[at];
  if (b0 === 29) return ((operands[at + 1] << 24) | (operands[at + 2] << 16) | (operands[at + 3] << 8) | operands[at + 4]) >>> 0;
  if (b0 === 28) return (((operands[at + 1] << 8) | operands[at + 2]) << 16) >> 16;
  if (b0 >= 32 && b0 <= 246) return b0 - 139;
  if (b0 >= 247 && b0 <= 250) return (b0 - 247) * 256 + operands[at + 1] + 108;
  if (b0 >= 251 && b0 <= 254) return -(b0 - 251) * 256 - operands[at + 1] - 108;
  throw new UnexpectedShape(`operand byte ${b0} is not an integer`);
}

/** An INDEX's items and the offset just past it. */
function readIndex(bytes: Uint8Array, at: number): { items: Uint8Array[]; end: number } {
  const count = (bytes[at] << 8) | bytes[at + 1];
  if (count === 0) return { items: [], end: at + 2 };
  const offSize = bytes[at + 2];
  const offset = (k: number) => {
    let value = 0;
    for (let i = 0; i < offSize; i++) value = value * 256 + bytes[at + 3 + k * offSize + i];
    return value;
  };
  const base = at + 3 + (count + 1) * offSize - 1;
  const items: Uint8Array[] = [];
  for (let k = 0; k < count; k++) items.push(bytes.subarray(base + offset(k), base + offset(k + 1)));
  return { items, end: base + offset(count) };
}

function integerLength(value: number): number {
  if (value >= -107 && value <= 107) return 1;
  if (value >= -1131 && value <= 1131) return 2;
  if (value >= -32768 && value <= 32767) return 3;
  return 5;
}

/**
 * Learns a face's parts from fontkit's encoding of `sample` (glyph 0 first, then one glyph of
 * each font dictionary, in the order `sample.fontDicts` gives), and checks that writing the
 * same glyphs gives the same bytes. Undefined when it does not: fontkit then writes the subsets.
 */
export function learnCffSubsetParts(encoded: Uint8Array, sample: CffSubsetGlyphs): CffSubsetParts | undefined {
  try {
    const nameIndex = readIndex(encoded, encoded[2]);
    const topIndex = readIndex(encoded, nameIndex.end);
    const stringIndex = readIndex(encoded, topIndex.end);
    const globalSubrs = readIndex(encoded, stringIndex.end);
    if (topIndex.items.length !== 1 || globalSubrs.items.length !== 0) return undefined;
    const top = parseDict(topIndex.items[0]);
    const fdArrayEntry = top.find((e) => e.operator === FD_ARRAY);
    if (!fdArrayEntry || top.some((e) => e.operator === PRIVATE)) return undefined;
    const fdArray = readIndex(encoded, operandInteger(fdArrayEntry.operands));
    const order = [...new Set(sample.fontDicts)];
    if (fdArray.items.length !== order.length) return undefined;
    const fonts = new Map<number, FontDictParts>();
    fdArray.items.forEach((dict, i) => {
      const entries = parseDict(dict);
      const privateEntry = entries.find((e) => e.operator === PRIVATE);
      if (!privateEntry) throw new UnexpectedShape('a font dictionary without a Private DICT');
      const size = operandInteger(privateEntry.operands);
      const offset = operandInteger(privateEntry.operands, integerLength(size));
      fonts.set(order[i], { entries, privateDict: encoded.slice(offset, offset + size) });
    });
    const parts: CffSubsetParts = {
      head: encoded.slice(0, nameIndex.end),
      top: top.map((e) => ({ operator: e.operator, operands: e.operands.slice() })),
      strings: encoded.slice(topIndex.end, globalSubrs.end),
      fonts,
    };
    return Buffer.compare(writeCffSubset(parts, sample), encoded) === 0 ? parts : undefined;
  } catch (e) {
    if (e instanceof UnexpectedShape) return undefined;
    throw e;
  }
}

/** Bytes written at increasing offsets into one buffer. */
class Out {
  readonly bytes: Uint8Array;
  at = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }
  byte(value: number): void {
    this.bytes[this.at++] = value;
  }
  uint(value: number, size: number): void {
    for (let i = size - 1; i >= 0; i--) this.bytes[this.at++] = Math.floor(value / 256 ** i) % 256;
  }
  copy(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.at);
    this.at += bytes.length;
  }
  operator(operator: number): void {
    if (operator > 0xff) this.byte(12);
    this.byte(operator & 0xff);
  }
  /** An integer as a DICT operand, in its shortest form (fontkit's CFFOperand). */
  integer(value: number): void {
    if (value >= -107 && value <= 107) this.byte(value + 139);
    else if (value >= 108 && value <= 1131) {
      this.byte(((value - 108) >> 8) + 247);
      this.byte((value - 108) & 0xff);
    } else if (value >= -1131 && value <= -108) {
      this.byte(((-value - 108) >> 8) + 251);
      this.byte((-value - 108) & 0xff);
    } else if (value >= -32768 && value <= 32767) {
      this.byte(28);
      this.uint(value & 0xffff, 2);
    } else this.pointer(value);
  }
  /** An offset as fontkit writes every pointer: 29 and four bytes. */
  pointer(value: number): void {
    this.byte(29);
    this.uint(value >>> 0, 4);
  }
}

function operatorLength(operator: number): number {
  return operator > 0xff ? 2 : 1;
}

/** The offset size of an INDEX whose items take `dataSize` bytes. */
function offSizeOf(dataSize: number): number {
  const last = dataSize + 1;
  return last <= 0xff ? 1 : last <= 0xffff ? 2 : last <= 0xffffff ? 3 : 4;
}

function indexLength(sizes: readonly number[]): number {
  if (sizes.length === 0) return 2;
  const data = sizes.reduce((a, b) => a + b, 0);
  return 3 + offSizeOf(data) * (sizes.length + 1) + data;
}

function writeIndexHeader(out: Out, sizes: readonly number[]): void {
  out.uint(sizes.length, 2);
  if (sizes.length === 0) return;
  const offSize = offSizeOf(sizes.reduce((a, b) => a + b, 0));
  out.byte(offSize);
  let offset = 1;
  out.uint(offset, offSize);
  for (const size of sizes) out.uint((offset += size), offSize);
}

/** Writes the font file of a subset of the face whose parts are `parts`. */
export function writeCffSubset(parts: CffSubsetParts, glyphs: CffSubsetGlyphs): Uint8Array {
  const { charstrings, fontDicts } = glyphs;
  const n = charstrings.length;
  if (n < 2 || fontDicts.length !== n) throw new Error(`a subset needs glyph 0 and at least one more, each with its font dictionary (got ${n} glyphs and ${fontDicts.length})`);
  // the subset's FDArray: the face's font dictionaries in the order the glyphs first use them
  const usedFonts: FontDictParts[] = [];
  const select = new Uint8Array(n);
  const positionOf = new Map<number, number>();
  for (let g = 0; g < n; g++) {
    let position = positionOf.get(fontDicts[g]);
    if (position === undefined) {
      const font = parts.fonts.get(fontDicts[g]);
      if (!font) throw new Error(`font dictionary ${fontDicts[g]} is not one of the face's`);
      position = usedFonts.push(font) - 1;
      positionOf.set(fontDicts[g], position);
    }
    select[g] = position;
  }

  const entryLength = (e: DictEntry) => {
    if (TOP_POINTERS.has(e.operator)) return 5 + operatorLength(e.operator);
    if (e.operator === CID_COUNT) return integerLength(n) + operatorLength(e.operator);
    return e.operands.length + operatorLength(e.operator);
  };
  const topLength = parts.top.reduce((sum, e) => sum + entryLength(e), 0);
  const fontDictLength = (entries: readonly DictEntry[], privateSize: number) =>
    entries.reduce((sum, e) => sum + operatorLength(e.operator) + (e.operator === PRIVATE ? integerLength(privateSize) + 5 : e.operands.length), 0);
  const charstringSizes = charstrings.map((c) => c.length);
  const fontDictSizes = usedFonts.map((f) => fontDictLength(f.entries, f.privateDict.length));

  // what each pointer of the Top DICT points to, in the order of its entries, then the Private DICTs
  const dataLength = (operator: number) => {
    if (operator === CHARSET) return n > 255 ? 5 : 4;
    if (operator === CHARSTRINGS) return indexLength(charstringSizes);
    if (operator === FD_SELECT) return 1 + n;
    return indexLength(fontDictSizes); // FD_ARRAY
  };
  const offsets = new Map<number, number>();
  let at = parts.head.length + indexLength([topLength]) + parts.strings.length;
  for (const e of parts.top) {
    if (!TOP_POINTERS.has(e.operator)) continue;
    offsets.set(e.operator, at);
    at += dataLength(e.operator);
  }
  const privateOffsets = usedFonts.map((f) => {
    const offset = at;
    at += f.privateDict.length;
    return offset;
  });

  const out = new Out(at);
  out.copy(parts.head);
  writeIndexHeader(out, [topLength]);
  for (const e of parts.top) {
    if (TOP_POINTERS.has(e.operator)) out.pointer(offsets.get(e.operator) as number);
    else if (e.operator === CID_COUNT) out.integer(n);
    else out.copy(e.operands);
    out.operator(e.operator);
  }
  out.copy(parts.strings);
  for (const e of parts.top) {
    if (!TOP_POINTERS.has(e.operator)) continue;
    if (e.operator === CHARSET) {
      // one range: the glyphs after .notdef are CIDs 1 … n - 1 (format 2 past 255 glyphs, as fontkit)
      out.byte(n > 255 ? 2 : 1);
      out.uint(1, 2);
      out.uint(n - 2, n > 255 ? 2 : 1);
    } else if (e.operator === CHARSTRINGS) {
      writeIndexHeader(out, charstringSizes);
      for (const c of charstrings) out.copy(c);
    } else if (e.operator === FD_SELECT) {
      out.byte(0); // format 0: one font dictionary number a glyph
      out.copy(select);
    } else {
      writeIndexHeader(out, fontDictSizes);
      usedFonts.forEach((f, i) => {
        for (const entry of f.entries) {
          if (entry.operator === PRIVATE) {
            out.integer(f.privateDict.length);
            out.pointer(privateOffsets[i]);
          } else out.copy(entry.operands);
          out.operator(entry.operator);
        }
      });
    }
  }
  for (const f of usedFonts) out.copy(f.privateDict);
  if (out.at !== at) throw new Error(`the subset's font file took ${out.at} bytes, not the ${at} it was measured at`);
  return out.bytes;
}
