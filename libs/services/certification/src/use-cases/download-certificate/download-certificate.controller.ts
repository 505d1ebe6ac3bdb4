import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@bj/kernel';
import { parseCertificateNumber } from '@bj/certificate-domain';
import { CurrentActor, Roles } from '@bj/service-kit';
import { CertificatesProjection } from '../../read-models/certificates.projection';
import { DeclarationOwnersProjection } from '../../read-models/declaration-owners.projection';
import { CertificateFiles } from '../../signing/certificate-files';

interface PdfResponse {
  setHeader(name: string, value: string): void;
  end(body: Buffer): void;
}

/** The holder's PDF, re-rendered from the event history; served only when it hashes to the value recorded at issuance. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class DownloadCertificateController {
  constructor(
    private readonly certificates: CertificatesProjection,
    private readonly owners: DeclarationOwnersProjection,
    private readonly files: CertificateFiles,
  ) {}

  @Get(':number/pdf')
  @Roles('APPLICANT', 'HRSS_OFFICER')
  @ApiProduces('application/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('number') numberText: string, @Res() res: PdfResponse) {
    const { certificateNumber } = parseCertificateNumber(numberText, '/number');
    const record = this.certificates.get(certificateNumber);
    if (!record) throw DomainError.notFound(`No certificate ${certificateNumber}`, 'CERTIFICATE_UNKNOWN');
    if (actor.role === 'APPLICANT') {
      if (this.owners.ownerOf(record.issued.applicantId) !== actor.id) throw DomainError.forbidden('Only the holder may download this certificate', 'NOT_THE_HOLDER');
      if (record.revocation) throw DomainError.rule('CERTIFICATE_REVOKED', `Certificate ${certificateNumber} was revoked on ${record.revocation.revokedAt}: ${record.revocation.reason}`);
    }
    const pdf = await this.files.rerender(record.issued);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${certificateNumber}.pdf"`);
    res.setHeader('X-Content-SHA256', record.issued.pdfSha256);
    res.end(pdf);
  }
}
