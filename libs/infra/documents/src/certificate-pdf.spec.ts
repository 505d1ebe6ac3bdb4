import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateContentOf, formatCertificateNumber, mod11_2CheckCharacter, type CertificateContent } from '@bj/certificate-domain';
import { rasterise, scanQrCode } from '@bj/test-pdf-scan';
import QRCode from 'qrcode';
import { CERTIFICATE_LAYOUTS, CERTIFICATE_QR_BOX, CERTIFICATE_QR_OPTIONS, CURRENT_CERTIFICATE_LAYOUT, renderCertificatePdf } from './certificate-pdf';
import { templateFontStreamsKept } from './fonts';

// Text and metadata are read with pdftotext and pdfinfo (poppler-utils): `apt-get install -y poppler-utils`.
function pdfText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
  } catch (e) {
    throw new Error(`pdftotext (poppler-utils) is needed to read the rendered PDF: ${(e as Error).message}`);
  }
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
const idNumberOf = (first17: string) => `${first17}${mod11_2CheckCharacter(first17)}`;

describe('renderCertificatePdf', () => {
  it.each(CERTIFICATE_LAYOUTS)('gives byte-identical PDFs for the same content in layout %i (the first render of the process included)', async (layout) => {
    const first = await renderCertificatePdf(content, url, layout);
    const second = await renderCertificatePdf(content, url, layout);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(first, second)).toBe(0);
  });

  // A download re-renders the PDF from CertificateIssued, in the layout it records, and serves it
  // only if its SHA-256 is the one recorded (CertificateFiles.rerender). These hashes were
  // recorded from the renderer (layout 1: commit 1c54818; layout 2: its first commit): a change
  // that alters a layout's bytes would make every certificate issued in it refuse to download.
  // A new look must be added beside them as a new layout.
  it.each([
    [1, 'cf79676f461efb5ba4ef0c907c48549ac042faef0e4d50df18933944225db32f'],
    [2, '5aa6852531b3cac8de6f15e771fdc5e41ce44c555858dde0b01f058b9a1fd4b2'],
  ] as const)('renders in layout %i the very bytes of the certificates already issued in it', async (layout, sha256) => {
    const pdf = await renderCertificatePdf(content, url, layout);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
  });

  it('renders layout 2 alike as the first certificate of a process and after certificates of other levels and layouts', async () => {
    let fresh: typeof import('./certificate-pdf') | undefined;
    await jest.isolateModulesAsync(async () => {
      fresh = await import('./certificate-pdf');
    });
    const first = await fresh!.renderCertificatePdf(content, url, 2);
    const engineer = certificateContentOf({ ...content, certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 5 }), level: 'ENGINEER', direction: 'APPLICATION' });
    await fresh!.renderCertificatePdf(engineer, url, 2);
    await fresh!.renderCertificatePdf(content, url, 1);
    expect(Buffer.compare(first, await fresh!.renderCertificatePdf(content, url, 2))).toBe(0);
    expect(Buffer.compare(first, await renderCertificatePdf(content, url, 2))).toBe(0);
  });

  it('issues new certificates in layout 2, and refuses a layout it does not know with the layouts it does', async () => {
    expect(CURRENT_CERTIFICATE_LAYOUT).toBe(2);
    expect(Buffer.compare(await renderCertificatePdf(content, url), await renderCertificatePdf(content, url, 2))).toBe(0);
    expect(() => renderCertificatePdf(content, url, 3 as never)).toThrow('unknown certificate layout 3: this version renders layouts 1 and 2');
  });

  it('prints the holder in layout 2 in a font of its own, and writes the font of the rest once for certificates of one level and direction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certificate-fonts-'));
    try {
      const file = join(dir, 'certificate.pdf');
      writeFileSync(file, await renderCertificatePdf(content, url, 2));
      const fonts = execFileSync('pdffonts', [file]).toString('utf8').split('\n').filter((line) => line.includes('NotoSansHans'));
      expect(fonts).toHaveLength(2);
      writeFileSync(file, await renderCertificatePdf(content, url, 1));
      expect(execFileSync('pdffonts', [file]).toString('utf8').split('\n').filter((line) => line.includes('NotoSansHans'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const kept = templateFontStreamsKept();
    const holders = ['王晓明', '李四', '司马相如', '张伟'];
    for (const [i, holderName] of holders.entries()) {
      const other = certificateContentOf({
        certificateNumber: formatCertificateNumber({ year: 2027, level: 'SENIOR_ENGINEER', sequence: 987_650 + i * 31 }),
        holderName,
        idNumber: idNumberOf(`110105${19700110 + i * 70105}${9 - i}${i}${(i * 3) % 10}`),
        direction: 'RESEARCH',
        level: 'SENIOR_ENGINEER',
        qualificationDate: `2027-0${i + 1}-2${i}`,
        issueDate: '2027-12-20',
      });
      const pdf = await renderCertificatePdf(other, url, 2);
      expect(pdfText(pdf)).toContain(holderName);
    }
    // the numbers, ID numbers and dates differ, their digits in other orders: one glyph list at most
    expect(templateFontStreamsKept() - kept).toBeLessThanOrEqual(1);
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

  it.each(CERTIFICATE_LAYOUTS)('prints in layout %i the title, holder, full ID number, level, committee, number, dates and authority', async (layout) => {
    const text = pdfText(await renderCertificatePdf(content, url, layout)).replace(/[ \t]+/g, ' ');
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

  it('draws the QR code of the verification URL, module for module', async () => {
    const dpi = 300;
    const px = (pt: number) => Math.round((pt * dpi) / 72);
    const { x, y, size, quietModules } = CERTIFICATE_QR_BOX;
    const { width, gray } = rasterise(await renderCertificatePdf(content, url), { dpi, region: { x, y, width: size, height: size } });
    const modules = QRCode.create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], CERTIFICATE_QR_OPTIONS).modules;
    const cell = size / (modules.size + 2 * quietModules);
    const wrong: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        const cx = px((quietModules + col + 0.5) * cell);
        const cy = px((quietModules + row + 0.5) * cell);
        const dark = gray[cy * width + cx]! < 128;
        if (dark !== Boolean(modules.get(row, col))) wrong.push(`${row},${col}`);
      }
    }
    expect(modules.size).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  // read back from the page's pixels by a decoder other than the encoder, as a phone would
  it.each(CERTIFICATE_LAYOUTS)('has a QR code a reader decodes to the URL: the whole page on a screen (96 dpi), and the printed page around it (300 dpi), in layout %i', async (layout) => {
    const pdf = await renderCertificatePdf(content, url, layout);
    const { x, y, size } = CERTIFICATE_QR_BOX;
    const margin = 60; // what a phone held over the printed code frames besides it: the border, the caption, the signature block
    expect(scanQrCode(pdf, { dpi: 96 })).toBe(url);
    expect(scanQrCode(pdf, { dpi: 300, region: { x: x - margin, y: y - margin, width: size + 2 * margin, height: size + 2 * margin } })).toBe(url);
  });
});
