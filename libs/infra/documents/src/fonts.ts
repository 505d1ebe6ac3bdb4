import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';
import PDFDocumentClass from 'pdfkit';
import { outlineToCharstring, type OutlineCommand } from './cff-charstrings';
import { learnCffSubsetParts, writeCffSubset, type CffSubsetParts } from './cff-subset-writer';

/**
 * Noto Sans Hans (SIL OFL) from @embedpdf/fonts-sc, weight 400 (bold is drawn by stroking it,
 * see certificate-pdf.ts). Each OTF (~8 MB) is read once per process and the same buffer is registered on
 * every document; pdfkit embeds only the glyphs used (subset).
 */
export const FONT_WEIGHTS = { regular: 400 } as const;
export type FontWeight = keyof typeof FONT_WEIGHTS;

const cache = new Map<FontWeight, Buffer>();

export function fontFile(weight: FontWeight): string {
  const entry = fonts.find((f) => f.weight === FONT_WEIGHTS[weight]);
  if (!entry) throw new Error(`@embedpdf/fonts-sc ships no font of weight ${FONT_WEIGHTS[weight]}`);
  // the package exports only dist/index.*; the fonts sit in ../fonts next to it
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', entry.file);
}

export function fontBuffer(weight: FontWeight): Buffer {
  let buffer = cache.get(weight);
  if (!buffer) {
    buffer = readFileSync(fontFile(weight));
    cache.set(weight, buffer);
  }
  return buffer;
}

/** The fontkit CFF subset (fontkit 2) members that `withoutSubroutines` replaces. */
interface CffSubset {
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  font: { numGlyphs: number; getGlyph(id: number): { path: { commands: OutlineCommand[] } } };
  cff?: { fdForGlyph(gid: number): number | null; topDict: { FDArray?: FontDict[] } };
  subsetCharstrings(): void;
  subsetSubrs(subrs: unknown[], used: Record<number, boolean>): Uint8Array[];
  subsetFontdict(topDict: { FDArray: FontDict[]; FDSelect: { version: number; fds: number[] } }): void;
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}
type CffSubsetClass = new (font: CffSubset['font']) => CffSubset;

interface FontDict {
  FontName?: unknown;
  Private?: { Subrs?: unknown } | null;
}

/**
 * Makes a fontkit CFF subset write outline charstrings (cached per glyph) and empty subroutine
 * indexes, and write its font file with writeCffSubset (the same bytes; for a name of three
 * glyphs 27–29 µs against fontkit's 480 µs, measured here).
 */
function withoutSubroutines(subset: CffSubset, charstrings: Map<number, Uint8Array>): void {
  const cff = subset.cff;
  if (!cff || typeof subset.subsetCharstrings !== 'function') return; // not a CFF subset: leave it
  subset.encode = encodeSubset;
  subset.subsetCharstrings = function (this: CffSubset) {
    this.charstrings = this.glyphs.map((gid) => {
      let charstring = charstrings.get(gid);
      if (!charstring) {
        charstring = outlineToCharstring(this.font.getGlyph(gid).path.commands);
        charstrings.set(gid, charstring);
      }
      return charstring;
    });
    this.gsubrs = [];
  };
  subset.subsetSubrs = () => [];
  // the font dicts of the glyphs used, in order, each without its (now unused) local subroutines
  subset.subsetFontdict = function (this: CffSubset, topDict) {
    const fontDicts = cff.topDict.FDArray ?? [];
    topDict.FDArray = [];
    topDict.FDSelect = { version: 0, fds: [] };
    const position = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = cff.fdForGlyph(gid);
      if (fd == null) continue;
      let index = position.get(fd);
      if (index === undefined) {
        const dict: FontDict = { ...fontDicts[fd] };
        delete dict.FontName;
        if (dict.Private) {
          dict.Private = { ...dict.Private };
          delete dict.Private.Subrs;
        }
        index = topDict.FDArray.push(dict) - 1;
        position.set(fd, index);
      }
      topDict.FDSelect.fds.push(index);
    }
  };
}

/** Per face (fontkit's CFF table): the parts writeCffSubset writes around the glyphs, or null where fontkit must write. */
const subsetParts = new WeakMap<object, CffSubsetParts | null>();

/** A subset's `encode`: writeCffSubset with its face's parts, or fontkit's own where they could not be learned. */
function encodeSubset(this: CffSubset): Uint8Array {
  const fontkitEncode = (Object.getPrototypeOf(this) as CffSubset).encode;
  const cff = this.cff as NonNullable<CffSubset['cff']>;
  const parts = partsOf(this, fontkitEncode);
  const fontDicts = this.glyphs.map((gid) => cff.fdForGlyph(gid));
  if (!parts || this.glyphs.length < 2 || fontDicts.some((fd) => fd == null)) return fontkitEncode.call(this);
  this.subsetCharstrings();
  return writeCffSubset(parts, { charstrings: this.charstrings, fontDicts: fontDicts as number[] });
}

/**
 * The face's parts, learned on its first subset from fontkit's encoding of glyph 0 and the first
 * glyph of each font dictionary, written without subroutines as every subset here is.
 */
function partsOf(subset: CffSubset, fontkitEncode: () => Uint8Array): CffSubsetParts | null {
  const cff = subset.cff as NonNullable<CffSubset['cff']>;
  let parts = subsetParts.get(cff);
  if (parts === undefined) {
    const sample = new (subset.constructor as CffSubsetClass)(subset.font);
    const firstOf = new Map<number, number>();
    for (let gid = 1; gid < subset.font.numGlyphs; gid++) {
      const fd = cff.fdForGlyph(gid);
      if (fd != null && !firstOf.has(fd)) firstOf.set(fd, gid);
    }
    for (const gid of firstOf.values()) sample.includeGlyph(gid);
    withoutSubroutines(sample, new Map());
    const fontDicts = sample.glyphs.map((gid) => cff.fdForGlyph(gid));
    parts = null;
    if (sample.glyphs.length >= 2 && fontDicts.every((fd) => fd != null)) {
      const encoded = fontkitEncode.call(sample);
      parts = learnCffSubsetParts(encoded, { charstrings: sample.charstrings, fontDicts: fontDicts as number[] }) ?? null;
    }
    subsetParts.set(cff, parts);
  }
  return parts;
}

interface EmbeddedFont {
  subset: CffSubset;
  layoutCache?: Record<string, unknown>;
}

/** What pdfkit's `doc.ref` returns, as far as these fonts use it. */
interface PdfReference {
  end(chunk?: string | Uint8Array): void;
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: unknown, id: string) => EmbeddedFont;

/** The pdfkit internals the font cache touches (pdfkit 0.17): per-document font table and counter. */
interface PdfkitFontInternals {
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  _font: (EmbeddedFont & { font: unknown; constructor: EmbeddedFontClass }) | null;
}

interface ParsedFont {
  readonly embeddedFont: EmbeddedFontClass;
  readonly font: unknown;
  /** Text → shaped run (fontkit layout): a pure function of the text, shared by all documents. */
  layoutCache: Record<string, unknown>;
  readonly charstrings: Map<number, Uint8Array>;
  /** Embedded fonts made around it, to check the layout cache's size now and then, not on each. */
  embeddings: number;
  /** Layout 2's template font class around `embeddedFont`, made on first use. */
  templateFont?: TemplateFontClass;
}

const LAYOUT_CACHE_LIMIT = 20_000;
const parsedFonts = new Map<FontWeight, ParsedFont>();

function share(embedded: EmbeddedFont, parsed: ParsedFont): void {
  // counting the cache's keys costs as much as a page's text once it holds thousands of numbers
  if (++parsed.embeddings % 500 === 0 && Object.keys(parsed.layoutCache).length > LAYOUT_CACHE_LIMIT) parsed.layoutCache = Object.create(null);
  if (embedded.layoutCache) embedded.layoutCache = parsed.layoutCache;
  withoutSubroutines(embedded.subset, parsed.charstrings);
}

/**
 * Registers the fonts of FONT_WEIGHTS on `doc` under their names ('regular').
 * pdfkit would parse the 8 MB OTF again for every document (fontkit.create), which costs
 * ~250 ms; the first document parses it, and later documents get a fresh per-document
 * embedded font (its own glyph subset) around the same parsed font, exactly as pdfkit builds it.
 * Each subset is written without subroutines (see cff-charstrings.ts).
 */
export function registerCertificateFonts(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as PdfkitFontInternals;
  for (const weight of Object.keys(FONT_WEIGHTS) as FontWeight[]) {
    doc.registerFont(weight, fontBuffer(weight));
    const parsed = parsedFonts.get(weight);
    if (parsed) {
      const embedded = new parsed.embeddedFont(doc, parsed.font, `F${++internals._fontCount}`);
      share(embedded, parsed);
      internals._fontFamilies[weight] = embedded;
    } else {
      doc.font(weight);
      const font = internals._font;
      if (font && typeof font.font === 'object' && font.subset) {
        const parsed: ParsedFont = { embeddedFont: font.constructor, font: font.font, layoutCache: Object.create(null), charstrings: new Map(), embeddings: 0 };
        parsedFonts.set(weight, parsed);
        share(font, parsed);
      }
    }
  }
}

/**
 * Layout 2's fonts (certificate-pdf.ts): 'regular', the template font, for every text but the
 * holder's name, and 'holder', a second embedding of the same face, for the name alone.
 *
 * The template font's glyphs are those of the certificate's fixed wording and of the few
 * values a level, a direction and a committee take, first `preload` (the digits and letters of
 * the numbers and dates, so that their order in the subset does not depend on the values), then
 * in the order the page draws them. So its subset is the same on every certificate of one
 * level and direction: its font file and ToUnicode map are encoded and deflated once per glyph
 * list and written again as those bytes (TemplateFont). The name's font stays small: its own
 * few glyphs, embedded by pdfkit.
 */
export function registerTemplateAndHolderFonts(doc: PDFKit.PDFDocument, preload: string): void {
  const internals = doc as unknown as PdfkitFontInternals;
  if (parsedFonts.has('regular')) internals._fontCount++; // F1 stays unused, as on the first document, so the ids are F2 and F3 on every one
  else registerCertificateFonts(doc); // a process's first document parses the face, through pdfkit (F1)
  const parsed = parsedFonts.get('regular') as ParsedFont;
  parsed.templateFont ??= templateFontClass(parsed.embeddedFont);
  const template = new parsed.templateFont(doc, parsed.font, `F${++internals._fontCount}`);
  share(template, parsed);
  template.encode(preload);
  internals._fontFamilies['regular'] = template;
  const holder = new parsed.embeddedFont(doc, parsed.font, `F${++internals._fontCount}`);
  share(holder, parsed);
  internals._fontFamilies['holder'] = holder;
}

/** Per glyph list (the template subset's glyph ids in order, with their text): its font file and ToUnicode map, deflated. */
const templateStreams = new Map<string, { readonly fontFile: Uint8Array; readonly toUnicode: Uint8Array }>();
/** Variants a process keeps: a few per level, direction and committee; a new one past this many starts over. */
const TEMPLATE_STREAMS_LIMIT = 64;

/**
 * For tests: the font file of a subset of the regular face holding glyph 0 and `glyphIds`, as
 * fontkit writes it and as this module writes it (null when writeCffSubset could not learn the face),
 * and how many glyphs the face has.
 */
export function subsetFontFiles(glyphIds: readonly number[]): { readonly fontkit: Uint8Array; readonly written: Uint8Array | null; readonly faceGlyphs: number } {
  if (!parsedFonts.has('regular')) registerCertificateFonts(new PDFDocumentClass());
  const parsed = parsedFonts.get('regular') as ParsedFont;
  const subset = (parsed.font as { createSubset(): CffSubset }).createSubset();
  withoutSubroutines(subset, parsed.charstrings);
  for (const gid of glyphIds) subset.includeGlyph(gid);
  const fontkitEncode = (Object.getPrototypeOf(subset) as CffSubset).encode;
  const fontkit = fontkitEncode.call(subset);
  return { fontkit, written: partsOf(subset, fontkitEncode) ? subset.encode() : null, faceGlyphs: subset.font.numGlyphs };
}

/** The glyph lists whose streams this process keeps (for tests). */
export function templateFontStreamsKept(): number {
  return templateStreams.size;
}

/** The members of pdfkit 0.17's embedded font that TemplateFont reads. */
interface EmbeddedFontMembers extends EmbeddedFont {
  readonly document: PDFKit.PDFDocument & { ref(data?: Record<string, unknown>): PdfReference & { data: Record<string, unknown> } };
  readonly id: string;
  readonly font: { postscriptName?: string; italicAngle: number; capHeight?: number; ascent: number; xHeight?: number; bbox: { minX: number; minY: number; maxX: number; maxY: number }; post: { isFixedPitch?: number }; head: { macStyle: { italic?: boolean } }; 'OS/2'?: { sFamilyClass?: number } };
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  readonly widths: number[];
  readonly unicode: number[][];
  readonly dictionary: PdfReference & { data: Record<string, unknown> };
  subset: CffSubset;
  encode(text: string): unknown;
}
type TemplateFontClass = new (doc: PDFKit.PDFDocument, font: unknown, id: string) => EmbeddedFontMembers;

/**
 * pdfkit's embedded font with its own embedding: a Type0 font over one CIDFontType0C subset, as
 * pdfkit writes it, but with the font file and the ToUnicode map taken from templateStreams.
 * A class, not methods replaced on each font: replacing them per document kept about 70 MiB
 * more resident in a process that renders thousands (measured; the heap itself the same).
 */
function templateFontClass(base: EmbeddedFontClass): TemplateFontClass {
  const Base = base as unknown as new (doc: PDFKit.PDFDocument, font: unknown, id: string) => EmbeddedFontMembers;
  return class TemplateFont extends Base {
    embed(): unknown {
      const streams = this.streams();
      const doc = this.document;
      const name = `${subsetTag(this.id)}+${(this.font.postscriptName ?? 'Font').replaceAll(' ', '_')}`;
      const fontFile = doc.ref({ Subtype: 'CIDFontType0C', Filter: 'FlateDecode' });
      fontFile.end(streams.fontFile);
      const descriptor = doc.ref({ ...this.descriptor(name), FontFile3: fontFile });
      descriptor.end();
      const cidFont = doc.ref({
        Type: 'Font',
        Subtype: 'CIDFontType0',
        BaseFont: name,
        CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 }, // String objects: written as PDF strings
        FontDescriptor: descriptor,
        W: [0, this.widths],
      });
      cidFont.end();
      const toUnicode = doc.ref({ Filter: 'FlateDecode' });
      toUnicode.end(streams.toUnicode);
      this.dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode };
      this.dictionary.end();
      return undefined;
    }

    private streams(): { readonly fontFile: Uint8Array; readonly toUnicode: Uint8Array } {
      // the glyphs and the text each stands for: a certificate's bytes never depend on which came before it
      const key = `${this.subset.glyphs.join(' ')}|${this.unicode.map((codePoints) => codePoints?.join('.')).join(' ')}`;
      let kept = templateStreams.get(key);
      if (!kept) {
        kept = { fontFile: deflateSync(this.subset.encode()), toUnicode: deflateSync(Buffer.from(toUnicodeCMap(this.unicode), 'latin1')) };
        if (templateStreams.size >= TEMPLATE_STREAMS_LIMIT) templateStreams.clear();
        templateStreams.set(key, kept);
      }
      return kept;
    }

    /** The FontDescriptor's members (PDF 32000-1 §9.8), from the face's tables as pdfkit reads them. */
    private descriptor(name: string): Record<string, unknown> {
      const { font, scale } = this;
      const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
      const flags = (font.post.isFixedPitch ? 1 : 0) | (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4 /* symbolic */ | (familyClass === 10 ? 8 : 0) | (font.head.macStyle.italic ? 64 : 0);
      return {
        Type: 'FontDescriptor',
        FontName: name,
        Flags: flags,
        FontBBox: [font.bbox.minX * scale, font.bbox.minY * scale, font.bbox.maxX * scale, font.bbox.maxY * scale],
        ItalicAngle: font.italicAngle,
        Ascent: this.ascender,
        Descent: this.descender,
        CapHeight: (font.capHeight || font.ascent) * scale,
        XHeight: (font.xHeight || 0) * scale,
        StemV: 0,
      };
    }
  };
}

/** A subset's six-letter tag (PDF 32000-1 §9.6.4), from the font's id in the document: F2 → TFAAAC. */
function subsetTag(id: string): string {
  const digits = id.replace(/\D/g, '').padStart(4, '0').slice(-4);
  return `TF${[...digits].map((d) => String.fromCharCode(65 + Number(d))).join('')}`;
}

/** A ToUnicode CMap (PDF 32000-1 §9.10.3) mapping each glyph code (the subset's index) to its text, at most 100 a block. */
function toUnicodeCMap(unicode: readonly (readonly number[] | undefined)[]): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  const utf16 = (codePoints: readonly number[]) =>
    codePoints.map((cp) => (cp > 0xffff ? hex(0xd800 + ((cp - 0x10000) >> 10)) + hex(0xdc00 + ((cp - 0x10000) & 0x3ff)) : hex(cp))).join('');
  const entries: string[] = [];
  unicode.forEach((codePoints, gid) => {
    if (codePoints?.length) entries.push(`<${hex(gid)}> <${utf16(codePoints)}>`);
  });
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
    '',
  ].join('\n');
}

/** The bytes a PDFKit document writes, once `end()` is called on it. Call before drawing. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
