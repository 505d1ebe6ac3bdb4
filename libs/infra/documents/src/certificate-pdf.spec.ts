import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateContentOf, formatCertificateNumber, type CertificateContent } from '@bj/certificate-domain';
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

  it('renders the very bytes of the certificates already issued, so that their downloads still match the SHA-256 recorded at issuance', async () => {
    // A download re-renders the PDF from CertificateIssued and serves it only if its SHA-256 is
    // the one recorded (CertificateFiles.rerender). This hash was recorded from the renderer of
    // commit 1c54818: a change that alters the bytes would make every certificate issued before
    // it refuse to download. A new look must be added beside this one, chosen by the event.
    const pdf = await renderCertificatePdf(content, url);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe('cf79676f461efb5ba4ef0c907c48549ac042faef0e4d50df18933944225db32f');
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
