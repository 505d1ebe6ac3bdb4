import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { maskIdNumber } from '@bj/certificate-domain';
import { parseYear } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { CertificatesProjection, type CertificateRecord } from '../../read-models/certificates.projection';
import { DeclarationOwnersProjection } from '../../read-models/declaration-owners.projection';

function summary({ issued, year, revocation }: CertificateRecord) {
  const c = issued.content;
  return {
    certificateNumber: issued.certificateNumber,
    year,
    applicationId: issued.applicantId,
    holderName: c.holderName,
    idNumberMasked: maskIdNumber(c.idNumber),
    level: c.level,
    qualificationName: c.qualificationName,
    direction: c.direction,
    directionName: c.directionName,
    qualificationDate: c.qualificationDate,
    issueDate: c.issueDate,
    status: revocation ? 'REVOKED' : 'VALID',
    ...(revocation ? { revokedAt: revocation.revokedAt, revocationReason: revocation.reason, barUntil: revocation.barUntil } : {}),
    pdfSha256: issued.pdfSha256,
    keyId: issued.keyId,
    signature: issued.signature,
    verificationUrl: issued.verificationUrl,
  };
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class ListCertificatesController {
  constructor(
    private readonly certificates: CertificatesProjection,
    private readonly owners: DeclarationOwnersProjection,
  ) {}

  /** HRSS and auditors: every certificate; an applicant: their own. */
  @Get()
  @Roles('HRSS_OFFICER', 'AUDITOR', 'APPLICANT')
  @ApiQuery({ name: 'year', required: false })
  list(@CurrentActor() actor: Actor, @Query('year') yearText?: string) {
    const year = yearText === undefined ? undefined : parseYear(yearText);
    return this.certificates
      .all()
      .filter((r) => year === undefined || r.year === year)
      .filter((r) => actor.role !== 'APPLICANT' || this.owners.ownerOf(r.issued.applicantId) === actor.id)
      .map(summary);
  }
}
