import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateContentOf, formatCertificateNumber, type CertificateContent } from '@bj/certificate-domain';
import { Directions, Levels } from '@bj/kernel';
import QRCode from 'qrcode';
import { CERTIFICATE_QR_BOX, CERTIFICATE_QR_OPTIONS, renderCertificatePdf } from './certificate-pdf';

// Text and metadata are read with pdftotext and pdfinfo (poppler-utils): `apt-get install -y poppler-utils`.
function pdfText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
  } catch (e) {
    throw new Error(`pdftotext (poppler-utils) is needed to read the rendered PDF: ${(e as Error).message}`);
  }
}

/** The embedded CFF font programs of a PDF, by the font's name: what `pdffonts` lists, with their stream bytes. */
function fontPrograms(pdf: Buffer): Map<string, Buffer> {
  const text = pdf.toString('latin1');
  const streams = new Map<number, Buffer>();
  for (const m of text.matchAll(/(\d+) 0 obj\n<<\n((?:\/\w+ [^\n]*\n)*)>>\nstream\n/g)) {
    const dictionary = m[2]!;
    if (!dictionary.includes('/Subtype /CIDFontType0C\n')) continue;
    const start = m.index + m[0].length;
    streams.set(Number(m[1]), pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dictionary)![1])));
  }
  const programs = new Map<string, Buffer>();
  for (const m of text.matchAll(/\/FontName \/(\S+)\n[^]*?\/FontFile3 (\d+) 0 R/g)) programs.set(m[1]!, streams.get(Number(m[2]))!);
  return programs;
}

const content: CertificateContent = certificateContentOf({
  certificateNumber: formatCertificateNumber({ year: 2026, level: 'SENIOR_ENGINEER', sequence: 123 }),
  holderName: '欧阳晓明',
  idNumber: '11010519491231002X',
  direction: 'RESEARCH',
  level: 'SENIOR_ENGINEER',
  qualificationDate: '2026-12-01',
  issueDate: '2026-12-20',
});
const url = `https://rsj.beijing.gov.cn/zcyz/verify/${content.certificateNumber}?s=${'x'.repeat(86)}`;

describe('renderCertificatePdf', () => {
  it('gives byte-identical PDFs for the same content (the first render of the process included)', async () => {
    const first = await renderCertificatePdf(content, url);
    const second = await renderCertificatePdf(content, url);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('dates the metadata from the issue date, not the clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
    try {
      const file = join(dir, 'certificate.pdf');
      writeFileSync(file, await renderCertificatePdf(content, url));
      const info = execFileSync('pdfinfo', ['-isodates', file]).toString('utf8');
      expect(info).toMatch(/CreationDate:\s+2026-12-20T01:00:00Z/);
      expect(info).toMatch(/ModDate:\s+2026-12-20T01:00:00Z/);
      expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
      expect(info).toMatch(/Pages:\s+1\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes with the content and with the QR URL', async () => {
    const base = await renderCertificatePdf(content, url);
    expect(Buffer.compare(base, await renderCertificatePdf({ ...content, holderName: '欧阳晓红' }, url))).not.toBe(0);
    expect(Buffer.compare(base, await renderCertificatePdf(content, `${url}y`))).not.toBe(0);
  });

  it('prints the title, holder, full ID number, level, committee, number, dates and authority', async () => {
    const text = pdfText(await renderCertificatePdf(content, url)).replace(/[ \t]+/g, ' ');
    for (const expected of [
      '北 京 市 职 称 证 书',
      '欧阳晓明',
      '11010519491231002X',
      '工程技术',
      '人工智能研究',
      '副高级',
      '高级工程师',
      '北京市工程技术系列(人工智能)高级、中级评审委员会',
      '2026年12月1日',
      content.certificateNumber,
      '北京市人力资源和社会保障局',
      '发证日期：2026年12月20日',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embeds the same shared font program in every certificate, and a face of their own for the characters of a name outside it', async () => {
    const shared: Buffer[] = [];
    for (const level of Levels.values) {
      for (const direction of Directions.values) {
        const each = certificateContentOf({ ...content, certificateNumber: formatCertificateNumber({ year: 2027, level, sequence: 999_999 }), direction, level, holderName: '司马懿' });
        const pdf = await renderCertificatePdf(each, url);
        const programs = fontPrograms(pdf);
        expect([...programs.keys()].map((name) => name.split('+')[0])).toEqual(['BJSHAR', 'CZZZZZ']); // the shared face, then the holder's own
        shared.push(programs.get('BJSHAR+NotoSansHans-Regular')!);
        expect(pdfText(pdf)).toContain(each.committeeName);
      }
    }
    expect(shared).toHaveLength(8);
    for (const program of shared) expect(program.equals(shared[0]!)).toBe(true);
    // the holder's own face holds only the name's glyphs: far smaller than the shared one
    const own = fontPrograms(await renderCertificatePdf(content, url)).get('CZZZZZ+NotoSansHans-Regular')!;
    expect(own.length).toBeLessThan(shared[0]!.length / 5);
  });

  it('draws a name made only of characters the shared face holds in it, with no second font, and prints it', async () => {
    const pdf = await renderCertificatePdf({ ...content, holderName: '高级' }, url);
    expect([...fontPrograms(pdf).keys()]).toEqual(['BJSHAR+NotoSansHans-Regular']);
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain('姓 名 高级');
  });

  it('draws the QR code of the verification URL, module for module', async () => {
    const dpi = 300;
    const px = (pt: number) => Math.round((pt * dpi) / 72);
    const { x, y, size, quietModules } = CERTIFICATE_QR_BOX;
    const dir = mkdtempSync(join(tmpdir(), 'certificate-qr-'));
    let image: Buffer;
    try {
      const file = join(dir, 'certificate.pdf');
      writeFileSync(file, await renderCertificatePdf(content, url));
      image = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-x', String(px(x)), '-y', String(px(y)), '-W', String(px(size)), '-H', String(px(size)), file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 40).toString('latin1'))!;
    const width = Number(header[1]);
    const pixels = image.subarray(header[0].length);
    const modules = QRCode.create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], CERTIFICATE_QR_OPTIONS).modules;
    const cell = size / (modules.size + 2 * quietModules);
    const wrong: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        const cx = px((quietModules + col + 0.5) * cell);
        const cy = px((quietModules + row + 0.5) * cell);
        const dark = pixels[cy * width + cx]! < 128;
        if (dark !== Boolean(modules.get(row, col))) wrong.push(`${row},${col}`);
      }
    }
    expect(modules.size).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});
