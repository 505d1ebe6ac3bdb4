import { DomainError, LEVEL_LABEL, type Level } from '@bj/kernel';
import type { CertificateState } from './certificate.decider';
import { maskIdNumber } from './check-character';

/** What someone presents to check a certificate: the signature from its QR code, and/or the hash of a PDF file. */
export interface PresentedCertificate {
  readonly signature?: string;
  readonly pdfSha256?: string;
}

/** What the public verification page may show of a genuine certificate (the ID number masked). */
export interface PublicCertificateView {
  readonly certificateNumber: string;
  readonly holderName: string;
  readonly idNumberMasked: string;
  readonly level: Level;
  readonly qualificationName: string;
  readonly directionName: string;
  readonly qualificationDate: string;
  readonly issueDate: string;
  readonly issuingAuthority: string;
}

export type VerificationResult =
  | { readonly status: 'VALID'; readonly certificate: PublicCertificateView }
  | { readonly status: 'REVOKED'; readonly certificateNumber: string; readonly revokedAt: string; readonly reason: string }
  | { readonly status: 'UNKNOWN' }
  | { readonly status: 'ALTERED'; readonly certificateNumber: string; readonly mismatched: readonly ('signature' | 'pdfSha256')[] };

/**
 * Checks what was presented against the certificate's recorded state:
 * no certificate → UNKNOWN; revoked → REVOKED (date, reason) whatever was presented, since a
 * revoked certificate fails from that moment; a signature or PDF hash different from the
 * recorded one → ALTERED; otherwise VALID. At least one of signature and pdfSha256 is required.
 */
export function verifyCertificate(state: CertificateState, presented: PresentedCertificate): VerificationResult {
  if (!presented.signature && !presented.pdfSha256) {
    throw DomainError.invalid([{ path: '/signature', message: 'present the signature (s= in the QR code) or the SHA-256 of the PDF' }], 'Nothing to verify');
  }
  if (state.status === 'NONE') return { status: 'UNKNOWN' };
  const c = state.certificate;
  if (state.status === 'REVOKED') {
    return { status: 'REVOKED', certificateNumber: c.certificateNumber, revokedAt: state.revocation.revokedAt, reason: state.revocation.reason };
  }
  const mismatched: ('signature' | 'pdfSha256')[] = [];
  if (presented.signature !== undefined && presented.signature !== c.signature) mismatched.push('signature');
  if (presented.pdfSha256 !== undefined && presented.pdfSha256.toLowerCase() !== c.pdfSha256) mismatched.push('pdfSha256');
  if (mismatched.length) return { status: 'ALTERED', certificateNumber: c.certificateNumber, mismatched };
  return {
    status: 'VALID',
    certificate: {
      certificateNumber: c.certificateNumber,
      holderName: c.content.holderName,
      idNumberMasked: maskIdNumber(c.content.idNumber),
      level: c.content.level,
      qualificationName: LEVEL_LABEL[c.content.level],
      directionName: c.content.directionName,
      qualificationDate: c.content.qualificationDate,
      issueDate: c.content.issueDate,
      issuingAuthority: c.content.issuingAuthority,
    },
  };
}
