import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CERTIFICATE_TITLE, chineseDate, type CertificateContent } from '@bj/certificate-domain';
import { pdfBytes, registerCertificateFonts, registerTemplateAndHolderFonts } from './fonts';

// A4 portrait in points.
const W = 595.28;
const H = 841.89;
const RED = '#b3121f';
const GOLD = '#a8842c';
const INK = '#1d1d1f';
const PAPER = '#fdf9ef';

type Doc = PDFKit.PDFDocument;

/**
 * The looks a certificate's PDF can have. A download re-renders the PDF from its
 * CertificateIssued and serves it only if its SHA-256 is the one recorded, so a look, once
 * issued, never changes: a new one is added beside it, and the event records which one it is.
 * - 1: the certificates issued until layouts were numbered (their events name none): every text
 *   in one embedded font.
 * - 2: the same page, the holder's name in a font of its own, so that the font of the rest is
 *   the same on every certificate of a level and direction and is written once per process.
 */
export const CERTIFICATE_LAYOUTS = [1, 2] as const;
export type CertificateLayout = (typeof CERTIFICATE_LAYOUTS)[number];
/** The look new certificates are issued with. */
export const CURRENT_CERTIFICATE_LAYOUT: CertificateLayout = 2;
/** The layout of a CertificateIssued that names none: it was issued before layouts were numbered. */
export const UNNUMBERED_CERTIFICATE_LAYOUT: CertificateLayout = 1;

/** Layout 2's template font takes these glyphs first: those that the numbers and dates vary. */
const TEMPLATE_PRELOAD = '0123456789X';

function checkLayout(layout: unknown): asserts layout is CertificateLayout {
  if (!CERTIFICATE_LAYOUTS.includes(layout as CertificateLayout)) {
    throw new Error(`unknown certificate layout ${JSON.stringify(layout)}: this version renders layouts ${CERTIFICATE_LAYOUTS.join(' and ')}`);
  }
}

const FIELDS_TOP = 268;
const ROW_HEIGHT = 31;
const FIELD_ROWS = 10;
/** Where the QR code sits (points from the top-left corner of the page), with a 2-module quiet zone inside. */
export const CERTIFICATE_QR_BOX = { x: 96, y: FIELDS_TOP + FIELD_ROWS * ROW_HEIGHT + 40, size: 104, quietModules: 2 } as const;
/** The QR code's settings: one byte-mode segment, error correction M, mask 0. */
export const CERTIFICATE_QR_OPTIONS = { errorCorrectionLevel: 'M', maskPattern: 0 } as const;

/** The fixed instant of a certificate's PDF metadata: its issue date at 09:00 Beijing time. */
function issueInstant(issueDate: string): Date {
  return new Date(`${issueDate}T01:00:00Z`);
}

/** `color` laid over the paper at `opacity`, as an opaque colour (no transparency group needed). */
function onPaper(color: string, opacity: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = [0, 1, 2].map((i) => Math.round(channel(PAPER, i) + (channel(color, i) - channel(PAPER, i)) * opacity));
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function border(doc: Doc) {
  doc.rect(0, 0, W, H).fill(PAPER);
  // outer frame: a thick and a thin line in gold, a band of diamonds between two red lines
  doc.lineWidth(3).rect(18, 18, W - 36, H - 36).stroke(GOLD);
  doc.lineWidth(0.8).rect(25, 25, W - 50, H - 50).stroke(GOLD);
  doc.lineWidth(0.8).rect(32, 32, W - 64, H - 64).stroke(RED);
  doc.lineWidth(0.8).rect(46, 46, W - 92, H - 92).stroke(RED);
  const step = 14;
  const diamond = (cx: number, cy: number) => doc.polygon([cx, cy - 4.2], [cx + 4.2, cy], [cx, cy + 4.2], [cx - 4.2, cy]);
  for (let x = 39 + step; x <= W - 39 - step / 2; x += step) {
    diamond(x, 39);
    diamond(x, H - 39);
  }
  for (let y = 39 + step; y <= H - 39 - step / 2; y += step) {
    diamond(39, y);
    diamond(W - 39, y);
  }
  doc.fill(onPaper(GOLD, 0.55));
  // corner rosettes
  for (const [cx, cy] of [[39, 39], [W - 39, 39], [39, H - 39], [W - 39, H - 39]] as const) {
    doc.circle(cx, cy, 9).fill(RED);
    doc.circle(cx, cy, 5.5).fill(PAPER);
    doc.circle(cx, cy, 2.5).fill(GOLD);
  }
  // a guilloche watermark: rotated ellipses around the centre
  doc.lineWidth(0.35);
  const guilloche = onPaper(GOLD, 0.16);
  for (let i = 0; i < 36; i++) {
    doc.save().rotate(i * 5, { origin: [W / 2, 430] }).ellipse(W / 2, 430, 190, 70).stroke(guilloche).restore();
  }
}

/**
 * The border is the same on every certificate and uses no resource (fonts, images,
 * transparency): its content operators are recorded once per process, compressed once, and
 * placed on each page as a Form XObject (/Border) holding those bytes.
 */
let compressedBorder: Buffer | undefined;
function drawBorder(doc: Doc) {
  if (!compressedBorder) {
    const recorded: string[] = [];
    const addContent = doc.addContent;
    doc.addContent = (data: string) => {
      recorded.push(data);
      return doc;
    };
    try {
      doc.save();
      border(doc);
      doc.restore();
    } finally {
      doc.addContent = addContent;
    }
    compressedBorder = deflateSync(Buffer.from(recorded.join('\n'), 'binary'));
  }
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, W, H], Filter: 'FlateDecode' });
  form.end(compressedBorder);
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects['Border'] = form;
  doc.addContent('/Border Do');
}

function spaced(text: string): string {
  return [...text].join(' ');
}

/**
 * Bold type drawn from the regular face: the glyphs filled and stroked with a thin outline
 * (text render mode 2). One embedded font per certificate instead of two halves the cost
 * of writing font subsets.
 */
function emphasised(doc: Doc, color: string, size: number) {
  doc.lineWidth(size * 0.035).strokeColor(color);
}

/** One line centred on `centreX` (the page's middle by default), placed without a line-breaking pass. */
function centredText(doc: Doc, text: string, y: number, size: number, color: string, characterSpacing = 0, bold = false, centreX = W / 2) {
  doc.font('regular').fontSize(size).fillColor(color);
  if (bold) emphasised(doc, color, size);
  const width = doc.widthOfString(text, { characterSpacing }) - characterSpacing;
  doc.text(text, centreX - width / 2, y, { lineBreak: false, characterSpacing, fill: true, stroke: bold });
}

function fields(doc: Doc, content: CertificateContent, top: number, holderFont: string): void {
  const rows: [string, string][] = [
    ['姓　　名', content.holderName],
    ['身份证号', content.idNumber],
    ['系　　列', content.series],
    ['专　　业', content.speciality],
    ['方　　向', content.directionName],
    ['级　　别', content.gradeName],
    ['资格名称', content.qualificationName],
    ['评审机构', content.committeeName],
    ['取得资格时间', chineseDate(content.qualificationDate)],
    ['证书编号', content.certificateNumber],
  ];
  const labelX = 110;
  const valueX = 218;
  rows.forEach(([label, value], i) => {
    const y = top + i * ROW_HEIGHT;
    doc.font('regular').fontSize(13).fillColor('#5a4a3a').text(label, labelX, y, { lineBreak: false }); // labels are padded with 全角 spaces
    if (i === 0) doc.font(holderFont);
    const available = W - valueX - 92;
    const size = Math.min(14, (14 * available) / doc.fontSize(14).widthOfString(value)); // shrink a long value to fit its line
    doc.fontSize(size).fillColor(INK);
    emphasised(doc, INK, size);
    doc.text(value, valueX, y + (14 - size) / 2, { lineBreak: false, fill: true, stroke: true });
    doc.moveTo(valueX - 4, y + 21).lineTo(W - 92, y + 21).lineWidth(0.5).strokeOpacity(0.6).stroke(GOLD).strokeOpacity(1);
  });
}

/** A five-pointed star centred at (cx, cy), outer radius r. */
function star(doc: Doc, cx: number, cy: number, r: number) {
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.382;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  doc.polygon(...points);
}

/** The red round seal: double ring, star, the authority's name along the upper arc, the seal's purpose below. */
function seal(doc: Doc, cx: number, cy: number, authority: string) {
  const r = 62;
  doc.save().fillOpacity(0.82).strokeOpacity(0.82);
  doc.lineWidth(3.2).circle(cx, cy, r).stroke(RED);
  doc.lineWidth(0.8).circle(cx, cy, r - 5).stroke(RED);
  star(doc, cx, cy, 17);
  doc.fill(RED);
  const chars = [...authority];
  const size = 12.5;
  const textRadius = r - 10 - size; // baseline circle of the glyph tops
  const sweep = 250; // degrees used by the name, centred on the top
  doc.font('regular').fontSize(size).fillColor(RED);
  emphasised(doc, RED, size);
  chars.forEach((ch, i) => {
    const angle = -sweep / 2 + (sweep * i) / (chars.length - 1); // 0° = top, clockwise
    const rad = (angle * Math.PI) / 180;
    const x = cx + textRadius * Math.sin(rad);
    const y = cy - textRadius * Math.cos(rad);
    doc.save().rotate(angle, { origin: [x, y] });
    const w = doc.widthOfString(ch);
    doc.text(ch, x - w / 2, y - size, { lineBreak: false, fill: true, stroke: true });
    doc.restore();
  });
  const purpose = '职称证书专用章';
  doc.fontSize(9);
  emphasised(doc, RED, 9);
  const pw = doc.widthOfString(purpose, { characterSpacing: 0.5 });
  doc.text(purpose, cx - pw / 2, cy + 27, { lineBreak: false, characterSpacing: 0.5, fill: true, stroke: true });
  doc.restore();
}

function qrCode(doc: Doc, text: string, x: number, y: number, size: number) {
  // one byte-mode segment: a URL gains nothing from the mixed-mode optimiser
  // mask 0: evaluating the eight masks costs more than the rest of the code; any mask is valid
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], CERTIFICATE_QR_OPTIONS);
  const n = qr.modules.size;
  const quiet = CERTIFICATE_QR_BOX.quietModules;
  const cell = size / (n + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  // in module units, written as raw operators: short integer operands, no per-rectangle
  // bookkeeping; dark modules side by side become one rectangle
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      let run = 1;
      while (col + run < n && qr.modules.get(row, col + run)) run++;
      rects.push(`${col} ${row} ${run} 1.04 re`); // a hair taller, so that no seam shows between rows
      col += run - 1;
    }
  }
  doc.save().transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell).fillColor('#000000');
  doc.addContent(`${rects.join('\n')}\nf`);
  doc.restore();
}

/**
 * The holder's copy of a 北京市职称证书 as an A4 PDF: decorative border, title, every printed
 * field (the ID number in full), the issuing authority and date under a red vector seal, and a
 * QR code of `qrPayloadUrl`, in the look `layout` names. The same content, URL and layout always
 * give the same bytes: metadata dates come from the issue date, the file ID derives from them,
 * and nothing is random.
 */
export function renderCertificatePdf(content: CertificateContent, qrPayloadUrl: string, layout: CertificateLayout = CURRENT_CERTIFICATE_LAYOUT): Promise<Buffer> {
  checkLayout(layout);
  const instant = issueInstant(content.issueDate);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    font: null as unknown as string, // no default Helvetica: only the two Chinese fonts are used
    compress: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    info: {
      Title: `${CERTIFICATE_TITLE} ${content.certificateNumber}`,
      Author: content.issuingAuthority,
      Subject: `${content.holderName} ${content.qualificationName}`,
      Creator: content.issuingAuthority,
      Producer: 'PDFKit',
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const done = pdfBytes(doc);
  // layout 1: one font for every text; 2: the template font and the holder's
  if (layout === 1) registerCertificateFonts(doc);
  else registerTemplateAndHolderFonts(doc, TEMPLATE_PRELOAD);
  const holderFont = layout === 1 ? 'regular' : 'holder';

  drawBorder(doc);
  centredText(doc, spaced(CERTIFICATE_TITLE), 92, 34, RED, 4, true);
  centredText(doc, 'BEIJING PROFESSIONAL TITLE CERTIFICATE', 142, 10, GOLD, 2.2);
  doc.moveTo(170, 166).lineTo(W - 170, 166).lineWidth(1).stroke(GOLD);

  doc.font('regular').fontSize(12.5).fillColor(INK);
  // two set lines (no line-breaking pass): both committee names fit on the first
  doc.text(`经${content.committeeName}评审通过，`, 96, 190, { lineBreak: false });
  doc.text(`具备${content.series}系列${content.speciality}专业${content.qualificationName}资格，特发此证。`, 96, 214, { lineBreak: false });

  fields(doc, content, FIELDS_TOP, holderFont);

  const { x: qrX, y: qrY, size: qrSize } = CERTIFICATE_QR_BOX;
  qrCode(doc, qrPayloadUrl, qrX, qrY, qrSize);
  centredText(doc, '扫码验证证书真伪', qrY + qrSize + 6, 8.5, '#5a4a3a', 0, false, qrX + qrSize / 2);

  const signX = 318;
  doc.font('regular').fontSize(13).fillColor(INK).text('发证机关：', signX, qrY + 22, { lineBreak: false });
  emphasised(doc, INK, 13);
  doc.text(content.issuingAuthority, signX, qrY + 44, { lineBreak: false, fill: true, stroke: true });
  doc.text(`发证日期：${chineseDate(content.issueDate)}`, signX, qrY + 74, { lineBreak: false });
  seal(doc, signX + 112, qrY + 66, content.issuingAuthority);

  const note = '本证书为电子证书，与纸质证书具有同等效力。可扫描二维码或登录发证机关网站核验。';
  centredText(doc, note, H - 68, 7.5, '#8a7a6a');

  doc.end();
  return done;
}
