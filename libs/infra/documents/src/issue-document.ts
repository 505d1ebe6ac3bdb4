import { createHash } from 'node:crypto';
import { signedPayloadOf, type CertificateContent, type SignedCertificatePayload } from '@bj/certificate-domain';
import { CURRENT_CERTIFICATE_LAYOUT, renderCertificatePdf, type CertificateLayout } from './certificate-pdf';
import { certificateVerificationUrl, type CertificateSigner } from './certificate-signer';

export interface IssuedCertificateDocument {
  readonly payload: SignedCertificatePayload;
  readonly signature: string;
  readonly keyId: string;
  readonly verificationUrl: string;
  readonly pdf: Buffer;
  /** The look the PDF was rendered in (certificate-pdf.ts): recorded, so that a download re-renders the same bytes. */
  readonly layout: CertificateLayout;
  /** Hex SHA-256 of `pdf`. */
  readonly pdfSha256: string;
}

export function sha256OfPdf(pdf: Uint8Array): string {
  return createHash('sha256').update(pdf).digest('hex');
}

/** Signs the content's payload, renders the PDF (in `layout`, the current look by default) with the QR verification URL, and hashes it: what IssueCertificate needs. */
export async function issueCertificateDocument(
  content: CertificateContent,
  signer: CertificateSigner,
  verifyBaseUrl: string,
  /** Where the PDF is rendered: here by default, or on a CertificateRenderPool's workers. */
  render: (content: CertificateContent, qrPayloadUrl: string, layout: CertificateLayout) => Promise<Buffer> = renderCertificatePdf,
  layout: CertificateLayout = CURRENT_CERTIFICATE_LAYOUT,
): Promise<IssuedCertificateDocument> {
  const payload = signedPayloadOf(content);
  const { signature, keyId } = await signer.sign(payload);
  const verificationUrl = certificateVerificationUrl(verifyBaseUrl, content.certificateNumber, signature);
  const pdf = await render(content, verificationUrl, layout);
  return { payload, signature, keyId, verificationUrl, pdf, layout, pdfSha256: sha256OfPdf(pdf) };
}
