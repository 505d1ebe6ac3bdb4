import { Injectable, Logger } from '@nestjs/common';
import { DomainError, echo, LEVEL_LABEL } from '@bj/kernel';
import { maskIdNumber, parseCertificateNumber, verifyCertificate, type CertificateState, type ParsedCertificateNumber } from '@bj/certificate-domain';
import { CertificatesProjection, type CertificateRecord } from '../../read-models/certificates.projection';
import { sha256OfPdf } from '@bj/documents';
import { CertificateFiles } from '../../signing/certificate-files';

export type VerificationStatus = 'VALID' | 'REVOKED' | 'UNKNOWN' | 'ALTERED';

/** The answer of the public verification (证书查验): the status and what may be shown (ID number masked). */
export interface VerificationAnswer {
  readonly status: VerificationStatus;
  readonly certificateNumber: string | null;
  readonly certificate?: {
    readonly holderName: string;
    readonly idNumberMasked: string;
    readonly level: string;
    readonly qualificationName: string;
    readonly seriesAndSpeciality: string;
    readonly directionName: string;
    readonly committeeName: string;
    readonly qualificationDate: string;
    readonly issueDate: string;
    readonly issuingAuthority: string;
  };
  readonly revokedAt?: string;
  readonly reason?: string;
  readonly keyId?: string;
  /** What did not match (ALTERED) or why the number is unknown. */
  readonly detail?: string;
}

const NUMBER_IN_TEXT = /BJAI-\d{4}-G[1-4]-\d{6}-[\dX]/;

function stateOf(record: CertificateRecord): CertificateState {
  const certificate = record.issued;
  return record.revocation
    ? { status: 'REVOKED', certificate, revocation: { reason: record.revocation.reason, revokedAt: record.revocation.revokedAt, barUntil: record.revocation.barUntil } }
    : { status: 'ISSUED', certificate };
}

/** Verification by number and QR signature, or by an uploaded PDF's SHA-256. */
@Injectable()
export class CertificateVerifier {
  private readonly logger = new Logger('Verification');

  constructor(
    private readonly certificates: CertificatesProjection,
    private readonly files: CertificateFiles,
  ) {}

  async byNumber(numberText: string, signature?: string): Promise<VerificationAnswer> {
    let parsed: ParsedCertificateNumber;
    try {
      parsed = parseCertificateNumber(numberText);
    } catch {
      // echoed as given, but no longer than a number could be: this answer is public
      return { status: 'UNKNOWN', certificateNumber: echo(numberText), detail: '证书编号格式不正确或校验位不符' };
    }
    const record = this.certificates.get(parsed.certificateNumber);
    if (!record) return { status: 'UNKNOWN', certificateNumber: parsed.certificateNumber, detail: '未查询到该编号的证书' };
    if (signature !== undefined && !/^[A-Za-z0-9_-]+$/.test(signature)) throw DomainError.invalid([{ path: '/s', message: 's must be the base64url signature from the QR code' }]);
    return this.answer(record, { signature: signature ?? record.issued.signature });
  }

  async byPdf(pdf: Buffer): Promise<VerificationAnswer> {
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw DomainError.invalid([{ path: '/file', message: 'the file is not a PDF' }]);
    const sha256 = sha256OfPdf(pdf);
    const record = this.certificates.byPdfHash(sha256);
    if (record) return this.answer(record, { pdfSha256: sha256 });
    // not an issued file: a certificate number inside it (the PDF's title) means an issued certificate was altered
    const number = NUMBER_IN_TEXT.exec(pdf.toString('latin1').replace(/\0/g, ''))?.[0];
    const claimed = number ? this.certificates.get(number) : undefined;
    if (!claimed) return { status: 'UNKNOWN', certificateNumber: number ?? null, detail: '该文件不是本机关签发的证书' };
    if (claimed.revocation) return this.answer(claimed, { pdfSha256: sha256 });
    return { status: 'ALTERED', certificateNumber: claimed.issued.certificateNumber, detail: '文件内容与签发时不一致（SHA-256 不符）' };
  }

  private async answer(record: CertificateRecord, presented: { signature?: string; pdfSha256?: string }): Promise<VerificationAnswer> {
    const issued = record.issued;
    if (!(await this.files.signatureHolds(issued))) {
      this.logger.error(`The recorded signature of certificate ${issued.certificateNumber} does not verify with key ${issued.keyId}`);
      return { status: 'ALTERED', certificateNumber: issued.certificateNumber, detail: '签名验证失败' };
    }
    const result = verifyCertificate(stateOf(record), presented);
    const c = issued.content;
    const certificate = {
      holderName: c.holderName,
      idNumberMasked: maskIdNumber(c.idNumber),
      level: c.level,
      qualificationName: LEVEL_LABEL[c.level],
      seriesAndSpeciality: `${c.series}/${c.speciality}`,
      directionName: c.directionName,
      committeeName: c.committeeName,
      qualificationDate: c.qualificationDate,
      issueDate: c.issueDate,
      issuingAuthority: c.issuingAuthority,
    };
    switch (result.status) {
      case 'VALID':
        return { status: 'VALID', certificateNumber: issued.certificateNumber, certificate, keyId: issued.keyId };
      case 'REVOKED':
        return { status: 'REVOKED', certificateNumber: issued.certificateNumber, certificate, revokedAt: result.revokedAt, reason: result.reason };
      case 'ALTERED':
        return { status: 'ALTERED', certificateNumber: issued.certificateNumber, detail: result.mismatched.includes('signature') ? '二维码签名与签发记录不符' : '文件内容与签发时不一致（SHA-256 不符）' };
      case 'UNKNOWN':
        return { status: 'UNKNOWN', certificateNumber: issued.certificateNumber };
    }
  }
}
