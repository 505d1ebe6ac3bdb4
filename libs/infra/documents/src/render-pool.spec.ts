import { certificateContentOf, formatCertificateNumber, type CertificateContent } from '@bj/certificate-domain';
import { CERTIFICATE_LAYOUTS, CURRENT_CERTIFICATE_LAYOUT, renderCertificatePdf } from './certificate-pdf';
import { CertificateRenderPool } from './render-pool';

const contentOf = (sequence: number): CertificateContent =>
  certificateContentOf({
    certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence }),
    holderName: `张${sequence}`,
    idNumber: '11010519491231002X',
    direction: 'APPLICATION',
    level: 'ENGINEER',
    qualificationDate: '2026-10-20',
    issueDate: '2026-11-05',
  });
const urlOf = (c: CertificateContent) => `https://rsj.beijing.gov.cn/zcyz/verify/${c.certificateNumber}?s=${'y'.repeat(86)}`;

describe('CertificateRenderPool', () => {
  const pool = new CertificateRenderPool(2);
  afterAll(() => pool.close());

  it.each(CERTIFICATE_LAYOUTS)('renders on worker threads the same bytes as the main thread in layout %i, for every certificate of a batch', async (layout) => {
    const batch = [1, 2, 3, 4, 5].map(contentOf);
    const fromPool = await Promise.all(batch.map((c) => pool.render(c, urlOf(c), layout)));
    for (const [i, c] of batch.entries()) {
      const here = await renderCertificatePdf(c, urlOf(c), layout);
      expect(Buffer.compare(fromPool[i], here)).toBe(0);
    }
    expect(new Set(fromPool.map((pdf) => pdf.toString('base64'))).size).toBe(5);
  }, 60_000);

  it('renders in the current layout when asked for none', async () => {
    const c = contentOf(9);
    expect(Buffer.compare(await pool.render(c, urlOf(c)), await renderCertificatePdf(c, urlOf(c), CURRENT_CERTIFICATE_LAYOUT))).toBe(0);
  }, 60_000);

  it('passes a rendering error back to the caller, and keeps working after it', async () => {
    const broken = { ...contentOf(6), holderName: undefined } as unknown as CertificateContent;
    await expect(pool.render(broken, urlOf(contentOf(6)))).rejects.toThrow('rendering the certificate failed');
    const after = await pool.render(contentOf(7), urlOf(contentOf(7)));
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('renders on the calling thread when it has no workers, and refuses work once closed', async () => {
    const inline = new CertificateRenderPool(0);
    expect(Buffer.compare(await inline.render(contentOf(8), urlOf(contentOf(8))), await renderCertificatePdf(contentOf(8), urlOf(contentOf(8))))).toBe(0);
    await inline.close();
    await expect(inline.render(contentOf(8), urlOf(contentOf(8)))).rejects.toThrow('closed');
  });
});
