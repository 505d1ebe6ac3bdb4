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

/** The pdfkit 0.17 members of an embedded font that a template font replaces per instance. */
interface TemplateableFont extends EmbeddedFont {
  subset: CffSubset & { encode(): Uint8Array };
  encode(text: string): unknown;
  embed(): unknown;
  toUnicodeCmap(): unknown;
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
 * level and direction, and its font file and ToUnicode map, written deflated, are kept per
 * glyph list and written again as those bytes, without encoding the subset or compressing it
 * once more. The name's font stays small: its own few glyphs.
 */
export function registerTemplateAndHolderFonts(doc: PDFKit.PDFDocument, preload: string): void {
  registerCertificateFonts(doc);
  const internals = doc as unknown as PdfkitFontInternals;
  const template = internals._fontFamilies['regular'] as TemplateableFont;
  template.encode(preload);
  writeTemplateStreamsOnce(doc, template);
  const parsed = parsedFonts.get('regular') as ParsedFont;
  doc.registerFont('holder', fontBuffer('regular'));
  const holder = new parsed.embeddedFont(doc, parsed.font, `F${++internals._fontCount}`);
  share(holder, parsed);
  internals._fontFamilies['holder'] = holder;
}

/** Per glyph list (the template subset's glyph ids in order): its font file and ToUnicode map, deflated. */
const templateStreams = new Map<string, { fontFile?: Uint8Array; toUnicode?: Uint8Array }>();
/** Variants a process keeps: a few per level, direction and committee; a new set past this one starts over. */
const TEMPLATE_STREAMS_LIMIT = 64;

/** The streams written for the template font's glyph list in this process (for tests). */
export function templateFontStreamsKept(): number {
  return templateStreams.size;
}

function streamsOf(subset: CffSubset): { fontFile?: Uint8Array; toUnicode?: Uint8Array } {
  const key = subset.glyphs.join(' ');
  let kept = templateStreams.get(key);
  if (!kept) {
    if (templateStreams.size >= TEMPLATE_STREAMS_LIMIT) templateStreams.clear();
    templateStreams.set(key, (kept = {}));
  }
  return kept;
}

/**
 * Makes the document's next `ref()` a stream already deflated: its chunk is `bytes`, or, when
 * `bytes` is undefined, the chunk pdfkit ends it with, deflated here and handed to `keep`.
 */
function nextRefDeflated(doc: PDFKit.PDFDocument, bytes: Uint8Array | undefined, keep: (deflated: Uint8Array) => void): void {
  const d = doc as unknown as { ref(data?: Record<string, unknown>): PdfReference };
  const ref = d.ref;
  d.ref = (data?: Record<string, unknown>) => {
    d.ref = ref;
    const stream = ref.call(doc, { ...data, Filter: 'FlateDecode' });
    const end = stream.end.bind(stream);
    stream.end = (chunk?: string | Uint8Array) => {
      let deflated = bytes;
      if (!deflated) {
        // pdfkit writes a string chunk as binary text followed by a line break
        deflated = deflateSync(typeof chunk === 'string' ? Buffer.from(`${chunk}\n`, 'binary') : (chunk ?? new Uint8Array(0)));
        keep(deflated);
      }
      end(deflated);
    };
    return stream;
  };
}

function writeTemplateStreamsOnce(doc: PDFKit.PDFDocument, font: TemplateableFont): void {
  const { embed, toUnicodeCmap } = font;
  const subset = font.subset;
  const encode = subset.encode;
  font.embed = function (this: TemplateableFont) {
    const kept = streamsOf(subset);
    const fontFile = kept.fontFile;
    // pdfkit's embed() makes the font file its first ref and ends it with subset.encode()
    subset.encode = fontFile ? () => new Uint8Array(0) : () => encode.call(subset);
    nextRefDeflated(doc, fontFile, (deflated) => (kept.fontFile = deflated));
    this.toUnicodeCmap = function (this: TemplateableFont) {
      if (kept.toUnicode) {
        const cmap = (doc as unknown as { ref(data: Record<string, unknown>): PdfReference }).ref({ Filter: 'FlateDecode' });
        cmap.end(kept.toUnicode);
        return cmap;
      }
      nextRefDeflated(doc, undefined, (deflated) => (kept.toUnicode = deflated));
      return toUnicodeCmap.call(this);
    };
    return embed.call(this);
  };
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
