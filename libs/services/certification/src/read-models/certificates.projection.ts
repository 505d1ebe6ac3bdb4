import { Injectable } from '@nestjs/common';
import type { Grade } from '@bj/kernel';
import type { ProjectedEvent } from '@bj/event-store';
import { withSharedTexts, type Projection } from '@bj/service-kit';
import { parseCertificateNumber, type CertificateIssued, type CertificateRevoked } from '@bj/certificate-domain';
import type { ApplicantReadyForCertification } from '@bj/session-domain';

/** Stream of one certificate: `certificate-<number>`. Its id being the number, a number can never be written twice. */
export const certificateStreamId = (certificateNumber: string): string => `certificate-${certificateNumber}`;
/** `sessionId` of the certificates of a year's session. */
export const certificateSessionId = (year: number): string => `session-${year}`;

/** The data of CertificateIssued as this service records it: the domain's fields plus the application id and the QR's URL. */
export type IssuedCertificateData = CertificateIssued['data'] & {
  /** = applicantId: the application (declaration) the certificate was issued for. */
  readonly applicationId: string;
  /** The URL printed as QR code (verification page + signature); kept so the PDF re-renders byte for byte. */
  readonly verificationUrl: string;
  /** The PDF's look (@bj/documents CERTIFICATE_LAYOUTS), for the same reason; absent on certificates issued before layouts were numbered (layout 1). */
  readonly layout?: number;
};

export interface CertificateRecord {
  readonly issued: IssuedCertificateData;
  readonly year: number;
  readonly revocation?: CertificateRevoked['data'];
  readonly issuedPosition: number;
}

export type ReadyApplicant = ApplicantReadyForCertification['data'];

/**
 * Certificates and who is ready for one (发放证书): `ApplicantReadyForCertification` (an upheld
 * objection never produces one) minus the applicants already issued a certificate for the same
 * session; the highest sequence per year and grade (for the next number); the PDF hashes.
 */
@Injectable()
export class CertificatesProjection implements Projection {
  readonly name = 'certification.certificates';
  readonly eventTypes = ['ApplicantReadyForCertification', 'CertificateIssued', 'CertificateRevoked'];
  private readonly ready = new Map<string, ReadyApplicant>();
  private readonly byNumber = new Map<string, CertificateRecord>();
  private readonly bySessionApplicant = new Map<string, string>();
  private readonly byPdfSha256 = new Map<string, string>();
  private readonly lastSequence = new Map<string, number>();

  apply(event: ProjectedEvent): void {
    switch (event.type) {
      case 'ApplicantReadyForCertification': {
        const d = event.data as ReadyApplicant;
        this.ready.set(readyKey(d.year, d.applicationId), d);
        break;
      }
      case 'CertificateIssued': {
        const d = sharedCertificateTexts(event.data as IssuedCertificateData);
        const parsed = parseCertificateNumber(d.certificateNumber);
        this.byNumber.set(d.certificateNumber, { issued: d, year: parsed.year, issuedPosition: event.globalPosition });
        this.bySessionApplicant.set(`${d.sessionId}\u0000${d.applicantId}`, d.certificateNumber);
        this.byPdfSha256.set(d.pdfSha256, d.certificateNumber);
        // issued: no longer waiting (a session's applicant is issued one certificate at most)
        this.ready.delete(readyKey(parsed.year, d.applicationId));
        const key = sequenceKey(parsed.year, parsed.grade);
        this.lastSequence.set(key, Math.max(this.lastSequence.get(key) ?? 0, parsed.sequence));
        break;
      }
      case 'CertificateRevoked': {
        const d = event.data as CertificateRevoked['data'];
        const record = this.byNumber.get(d.certificateNumber);
        if (record) this.byNumber.set(d.certificateNumber, { ...record, revocation: d });
        break;
      }
    }
  }

  /** The ready applicants of a year's session that hold no certificate of it yet, in the order they became ready (the issued ones are dropped). */
  readyToIssue(year: number): ReadyApplicant[] {
    return [...this.ready.values()].filter((r) => r.year === year && !this.issuedFor(year, r.applicationId));
  }

  readyApplicant(year: number, applicationId: string): ReadyApplicant | undefined {
    return this.ready.get(readyKey(year, applicationId));
  }

  issuedFor(year: number, applicationId: string): string | undefined {
    return this.bySessionApplicant.get(`${certificateSessionId(year)}\u0000${applicationId}`);
  }

  get(certificateNumber: string): CertificateRecord | undefined {
    return this.byNumber.get(certificateNumber);
  }

  byPdfHash(sha256: string): CertificateRecord | undefined {
    const n = this.byPdfSha256.get(sha256);
    return n ? this.byNumber.get(n) : undefined;
  }

  all(): CertificateRecord[] {
    return [...this.byNumber.values()].sort((a, b) => a.issuedPosition - b.issuedPosition);
  }

  /** The highest sequence used so far in a year and grade (0 when none). */
  lastSequenceOf(year: number, grade: Grade): number {
    return this.lastSequence.get(sequenceKey(year, grade)) ?? 0;
  }
}

/**
 * The certificate as recorded, with the texts every certificate of a session repeats (authority,
 * committee, level and its names, dates, key id) as shared texts: the records are kept for years.
 */
function sharedCertificateTexts(d: IssuedCertificateData): IssuedCertificateData {
  return {
    ...withSharedTexts(d, ['sessionId', 'keyId', 'issuedAt']),
    content: withSharedTexts(d.content, ['committeeName', 'direction', 'directionName', 'gradeName', 'issueDate', 'issuingAuthority', 'level', 'qualificationDate', 'qualificationName', 'series', 'speciality']),
    payload: withSharedTexts(d.payload, ['direction', 'issueDate', 'level', 'qualificationDate']),
  };
}

const readyKey = (year: number, applicationId: string) => `${year}\u0000${applicationId}`;
const sequenceKey = (year: number, grade: Grade) => `${year}/${grade}`;
