import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';
import { outlineToCharstring, type OutlineCommand } from './cff-charstrings';

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
  font: { getGlyph(id: number): { path: { commands: OutlineCommand[] } } };
  cff?: { fdForGlyph(gid: number): number | null; topDict: { FDArray?: FontDict[] } };
  subsetCharstrings(): void;
  subsetSubrs(subrs: unknown[], used: Record<number, boolean>): Uint8Array[];
  subsetFontdict(topDict: { FDArray: FontDict[]; FDSelect: { version: number; fds: number[] } }): void;
}

interface FontDict {
  FontName?: unknown;
  Private?: { Subrs?: unknown } | null;
}

/** Makes a fontkit CFF subset write outline charstrings (cached per glyph) and empty subroutine indexes. */
function withoutSubroutines(subset: CffSubset, charstrings: Map<number, Uint8Array>): void {
  const cff = subset.cff;
  if (!cff || typeof subset.subsetCharstrings !== 'function') return; // not a CFF subset: leave it
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

interface EmbeddedFont {
  subset: CffSubset;
  layoutCache?: Record<string, unknown>;
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
}

const LAYOUT_CACHE_LIMIT = 20_000;
const parsedFonts = new Map<FontWeight, ParsedFont>();

function share(embedded: EmbeddedFont, parsed: ParsedFont): void {
  // counting the cache's keys costs as much as a page's text once it holds thousands of numbers
  if (++parsed.embeddings % 500 === 0 && Object.keys(parsed.layoutCache).length > LAYOUT_CACHE_LIMIT) parsed.layoutCache = Object.create(null);
  if (embedded.layoutCache) embedded.layoutCache = parsed.layoutCache;
  withoutSubroutines(embedded.subset, parsed.charstrings);
}

/** The pdfkit internals the faces touch (pdfkit 0.17): an embedded font's subset, metrics and PDF objects. */
interface EmbeddedFontInternals extends EmbeddedFont {
  readonly document: PDFKit.PDFDocument;
  readonly font: {
    readonly postscriptName: string;
    readonly italicAngle: number;
    readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
    readonly post: { isFixedPitch?: boolean };
    readonly head: { macStyle: { italic?: boolean } };
    readonly 'OS/2'?: { sFamilyClass?: number };
  };
  readonly id: string;
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  readonly capHeight: number;
  readonly xHeight: number;
  widths: number[];
  unicode: number[][];
  dictionary?: { data: Record<string, unknown>; end(): void };
  subset: CffSubset & { mapping: Record<number, number>; encode(): Buffer | Uint8Array; includeGlyph(glyph: number): number };
  encode(text: string): unknown;
  embed(): void;
  ref(): unknown;
}

/** Parses the regular font once per process (pdfkit's own path on the first document) and returns it. */
function parsedFont(doc: PDFKit.PDFDocument, weight: FontWeight): ParsedFont {
  const known = parsedFonts.get(weight);
  if (known) return known;
  const internals = doc as unknown as PdfkitFontInternals;
  doc.registerFont(weight, fontBuffer(weight));
  doc.font(weight);
  const font = internals._font;
  if (!font || typeof font.font !== 'object' || !font.subset) throw new Error(`the ${weight} font did not load as an embedded font`);
  const parsed: ParsedFont = { embeddedFont: font.constructor, font: font.font, layoutCache: Object.create(null), charstrings: new Map(), embeddings: 0 };
  parsedFonts.set(weight, parsed);
  share(font, parsed);
  return parsed;
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
    if (!parsedFonts.has(weight)) {
      parsedFont(doc, weight); // pdfkit's own path: the document keeps the font it opened
      continue;
    }
    doc.registerFont(weight, fontBuffer(weight));
    const parsed = parsedFont(doc, weight);
    const embedded = new parsed.embeddedFont(doc, parsed.font, `F${++internals._fontCount}`);
    share(embedded, parsed);
    internals._fontFamilies[weight] = embedded;
  }
}

/** The face a text is drawn in: `shared` when every character of it is in the shared text, else `own`. */
export type CertificateFace = 'shared' | 'own';

/** A font program and the objects around it, made once and written into every document as they are. */
interface SharedEmbedding {
  readonly fontProgram: Buffer; // the CFF subset, deflated
  readonly toUnicode: Buffer; // the ToUnicode CMap, deflated
  readonly widths: readonly number[];
  readonly descriptor: Readonly<Record<string, unknown>>; // FontDescriptor without FontFile3
  readonly baseFont: string;
}

/** The ToUnicode CMap of glyphs 0…n-1 (glyph → the code points it stands for), as pdfkit writes it. */
function toUnicodeCMap(unicode: readonly (readonly number[])[]): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  const utf16 = (codePoints: readonly number[]) =>
    codePoints.map((c) => (c > 0xffff ? hex((((c - 0x10000) >>> 10) & 0x3ff) | 0xd800) + ' ' + hex(0xdc00 | ((c - 0x10000) & 0x3ff)) : hex(c))).join(' ');
  const ranges: string[] = [];
  for (let start = 0; start < unicode.length; start += 256) {
    const chunk = unicode.slice(start, start + 256);
    ranges.push(`<${hex(start)}> <${hex(start + chunk.length - 1)}> [${chunk.map((c) => `<${utf16(c)}>`).join(' ')}]`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange\n<0000><ffff>\nendcodespacerange',
    `1 beginbfrange\n${ranges.join('\n')}\nendbfrange`,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The embedding of a face whose subset holds exactly the shared glyphs (pdfkit's EmbeddedFont.embed, computed once). */
function sharedEmbedding(face: EmbeddedFontInternals): SharedEmbedding {
  const { font, scale } = face;
  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1; // serif
  if (familyClass === 10) flags |= 1 << 3; // script
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const baseFont = `BJSHAR+${font.postscriptName.replaceAll(' ', '_')}`; // a subset's name: six capitals, a plus, the font's name
  const { bbox } = font;
  return {
    fontProgram: deflateSync(face.subset.encode()),
    toUnicode: deflateSync(Buffer.from(toUnicodeCMap(face.unicode), 'binary')),
    widths: [...face.widths],
    baseFont,
    descriptor: {
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: flags,
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
      ItalicAngle: font.italicAngle,
      Ascent: face.ascender,
      Descent: face.descender,
      CapHeight: face.capHeight || face.ascender,
      XHeight: face.xHeight || 0,
      StemV: 0,
    },
  };
}

/** A PDF object of `doc`, written at once, with `stream` as its stream when given. */
function writeObject(doc: PDFKit.PDFDocument, data: Record<string, unknown>, stream?: Buffer): PDFKit.PDFKitReference {
  const ref = doc.ref(data);
  ref.end(stream);
  return ref;
}

/** Writes `embedding` as the font objects of `face` in its document: no subsetting, no deflating. */
function writeSharedEmbedding(face: EmbeddedFontInternals, embedding: SharedEmbedding): void {
  const doc = face.document;
  const fontFile = writeObject(doc, { Subtype: 'CIDFontType0C', Filter: 'FlateDecode' }, embedding.fontProgram);
  const descriptor = writeObject(doc, { ...embedding.descriptor, FontFile3: fontFile });
  const cidFont = writeObject(doc, {
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: embedding.baseFont,
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
    FontDescriptor: descriptor,
    W: [0, embedding.widths],
  });
  const toUnicode = writeObject(doc, { Filter: 'FlateDecode' }, embedding.toUnicode);
  const dictionary = face.ref() as NonNullable<EmbeddedFontInternals['dictionary']>;
  dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: embedding.baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode };
  dictionary.end();
}

/**
 * The certificate's two faces of the regular font. Nearly everything a certificate prints comes
 * from a fixed text: the page's words, the labels of every level and direction, digits and
 * capitals. The `shared` face's subset holds the glyphs of that text, always in the same order,
 * so its font program, widths and ToUnicode map are the same in every certificate: they are made
 * and deflated once per process and written as they are. A text with a character outside it
 * (the holder's name, as a rule) is drawn in the `own` face, a per-document subset of only the
 * glyphs it uses. Should the shared face be given a glyph outside its set (a ligature, say), it
 * is embedded the ordinary way, so the PDF is right either way.
 */
export class CertificateFaces {
  private readonly characters: ReadonlySet<string>;
  /** The shared face's subset, widths and code points once the shared text is encoded, copied into each document's. */
  private prepared?: { glyphs: number[]; mapping: Record<number, number>; widths: number[]; unicode: number[][] };
  private embedding?: SharedEmbedding;
  /** Documents whose shared face had to be embedded the ordinary way (0 unless the shared text misses a glyph). */
  fallbacks = 0;

  constructor(private readonly sharedText: string) {
    this.characters = new Set(sharedText);
  }

  faceOf(text: string): CertificateFace {
    for (const character of text) if (!this.characters.has(character)) return 'own';
    return 'shared';
  }

  /** Registers 'shared' (F1) and 'own' (F2) on a new document, before anything is drawn. */
  register(doc: PDFKit.PDFDocument): void {
    const internals = doc as unknown as PdfkitFontInternals;
    const parsed = parsedFont(doc, 'regular');
    // the first document of the process parsed the font through pdfkit: it starts again from F1
    delete internals._fontFamilies['regular'];
    delete internals._fontFamilies[(parsed.font as { postscriptName: string }).postscriptName];
    internals._fontCount = 0;
    internals._font = null;
    for (const face of ['shared', 'own'] as const) {
      const embedded = new parsed.embeddedFont(doc, parsed.font, `F${++internals._fontCount}`) as EmbeddedFontInternals;
      share(embedded, parsed);
      internals._fontFamilies[face] = embedded;
      doc.registerFont(face, fontBuffer('regular'));
      if (face === 'shared') this.prepareShared(embedded);
    }
  }

  private prepareShared(face: EmbeddedFontInternals): void {
    if (this.prepared) {
      const { glyphs, mapping, widths, unicode } = this.prepared;
      face.subset.glyphs = glyphs.slice();
      face.subset.mapping = Object.create(mapping) as Record<number, number>; // a glyph added later lands on the copy
      face.widths = widths.slice();
      face.unicode = unicode.slice();
    } else {
      face.encode(this.sharedText); // the shared glyphs first, in the text's order, with their widths and code points
      const { subset, widths, unicode } = face;
      this.prepared = { glyphs: subset.glyphs.slice(), mapping: { ...subset.mapping }, widths: widths.slice(), unicode: unicode.slice() };
    }
    const sharedGlyphs = face.subset.glyphs.length;
    const embed = face.embed.bind(face);
    face.embed = () => {
      const isCff = (face.subset as { cff?: unknown }).cff != null;
      if (!isCff || face.subset.glyphs.length !== sharedGlyphs) {
        this.fallbacks++;
        return embed();
      }
      this.embedding ??= sharedEmbedding(face);
      writeSharedEmbedding(face, this.embedding);
    };
  }
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
