import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { CertificateContent } from '@bj/certificate-domain';
import {
  CertificateRenderPool,
  certificateVerificationUrl,
  issueCertificateDocument,
  renderCertificatePdf,
  sha256OfPdf,
  UNNUMBERED_CERTIFICATE_LAYOUT,
  verifyOffline,
  type CertificateLayout,
  type CertificateSigner,
  type IssuedCertificateDocument,
} from '@bj/documents';
import { APP_CONFIG, type AppConfig } from '@bj/service-kit';
import type { IssuedCertificateData } from '../read-models/certificates.projection';
import { CERTIFICATE_SIGNER } from './certificate-signer.provider';

export class PdfIntegrityError extends Error {
  constructor(readonly certificateNumber: string, readonly expected: string, readonly actual: string) {
    super(`The PDF re-rendered for certificate ${certificateNumber} hashes to ${actual}, but CertificateIssued recorded ${expected}; it is not served`);
    this.name = 'PdfIntegrityError';
  }
}

/** Signing, the QR code's URL and the PDF (all by @bj/documents), at issuance and when re-rendered from the log. */
@Injectable()
export class CertificateFiles implements OnApplicationShutdown {
  private readonly logger = new Logger('Certificates');
  /** Issuance renders on worker threads (CERTIFICATE_RENDER_WORKERS); a download re-renders here. */
  private readonly pool: CertificateRenderPool;

  constructor(
    @Inject(CERTIFICATE_SIGNER) private readonly signer: CertificateSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pool = new CertificateRenderPool(config.certificateRenderWorkers ?? 0);
  }

  /**
   * How many certificates a batch prepares at once and then records together (one commit): four
   * per render worker and two more, or two without workers. The batch keeps the next group in
   * preparation while it records one, so no worker waits for the main thread.
   */
  get parallelism(): number {
    return this.pool.size * 4 + 2;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  /** `<PUBLIC_BASE_URL>/verify/<number>?s=<signature>`: the page the QR code opens. */
  verificationUrl(certificateNumber: string, signature: string): string {
    return certificateVerificationUrl(this.config.publicBaseUrl, certificateNumber, signature);
  }

  /** Signs the payload, renders the PDF with its QR code and hashes it. */
  prepare(content: CertificateContent): Promise<IssuedCertificateDocument> {
    return issueCertificateDocument(content, this.signer, this.config.publicBaseUrl, (c, url, layout) => this.pool.render(c, url, layout));
  }

  /**
   * The PDF as it was issued, re-rendered from the event in the layout it records (none: layout
   * 1, issued before layouts were numbered); throws PdfIntegrityError (logged) rather than serve
   * different bytes.
   */
  async rerender(issued: IssuedCertificateData): Promise<Buffer> {
    const pdf = await renderCertificatePdf(issued.content, issued.verificationUrl, (issued.layout ?? UNNUMBERED_CERTIFICATE_LAYOUT) as CertificateLayout); // an unknown one is refused there
    const actual = sha256OfPdf(pdf);
    if (actual !== issued.pdfSha256) {
      const error = new PdfIntegrityError(issued.certificateNumber, issued.pdfSha256, actual);
      this.logger.error(error.message);
      throw error;
    }
    return pdf;
  }

  /** True when the recorded signature verifies over the recorded payload with the published key valid on its issue date. */
  async signatureHolds(issued: IssuedCertificateData): Promise<boolean> {
    return (await verifyOffline(issued.payload, issued.signature, this.signer.publicJwks(), issued.keyId)).valid;
  }

  jwks() {
    return this.signer.publicJwks();
  }
}
