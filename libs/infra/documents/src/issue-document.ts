import { createHash } from 'node:crypto';
import { signedPayloadOf, type CertificateContent, type SignedCertificatePayload } from '@bj/certificate-domain';
import { renderCertificatePdf } from './certificate-pdf';
import { certificateVerificationUrl, type CertificateSigner } from './certificate-signer';

export interface IssuedCertificateDocument {
  readonly payload: SignedCertificatePayload;
  readonly signature: string;
  readonly keyId: string;
  readonly verificationUrl: string;
  readonly pdf: Buffer;
  /** Hex SHA-256 of `pdf`. */
  readonly pdfSha256: string;
}

export function sha256OfPdf(pdf: Uint8Array): string {
  return createHash('sha256').update(pdf).digest('hex');
}

/** Signs the content's payload, renders the PDF with the QR verification URL, and hashes it: what IssueCertificate needs. */
export async function issueCertificateDocument(
  content: CertificateContent,
  signer: CertificateSigner,
  verifyBaseUrl: string,
  /** Where the PDF is rendered: here by default, or on a CertificateRenderPool's workers. */
  render: (content: CertificateContent, qrPayloadUrl: string) => Promise<Buffer> = renderCertificatePdf,
): Promise<IssuedCertificateDocument> {
  const payload = signedPayloadOf(content);
  const { signature, keyId } = await signer.sign(payload);
  const verificationUrl = certificateVerificationUrl(verifyBaseUrl, content.certificateNumber, signature);
  const pdf = await render(content, verificationUrl);
  return { payload, signature, keyId, verificationUrl, pdf, pdfSha256: sha256OfPdf(pdf) };
}
