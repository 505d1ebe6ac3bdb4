import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ProjectionHost, Readiness } from '@bj/service-kit';
import { CertificatesProjection } from './read-models/certificates.projection';
import { DeclarationOwnersProjection } from './read-models/declaration-owners.projection';
import { SessionResultsProjection } from './read-models/session-results.projection';
import { SessionSettingsProjection } from './read-models/session-settings.projection';
import { CertificateFiles } from './signing/certificate-files';
import { certificateSignerProvider } from './signing/certificate-signer.provider';
import { AcceptanceController } from './use-cases/acceptance/acceptance.controller';
import { AcceptResultsHandler, SendBackResultsHandler } from './use-cases/acceptance/acceptance.handlers';
import { DownloadCertificateController } from './use-cases/download-certificate/download-certificate.controller';
import { IssueCertificatesController } from './use-cases/issue-certificates/issue-certificates.controller';
import { IssueCertificatesHandler } from './use-cases/issue-certificates/issue-certificates.handler';
import { ListCertificatesController } from './use-cases/list-certificates/list-certificates.controller';
import { NoticeObjectionsController } from './use-cases/notice-objections/notice-objections.controller';
import { NoticeCommandHandler } from './use-cases/notice-objections/notice-objections.handlers';
import { PublicNoticeController } from './use-cases/public-notice/public-notice.controller';
import { PublishNoticesHandler } from './use-cases/public-notice/publish-notices.handler';
import { JwksController } from './use-cases/publish-keys/jwks.controller';
import { RevokeCertificateController, RevokeCertificateHandler } from './use-cases/revoke-certificate/revoke-certificate';
import { VerifyCertificateController } from './use-cases/verify-certificate/verify-certificate.controller';
import { CertificateVerifier } from './use-cases/verify-certificate/verify-certificate.service';

const SERVICE = 'certification';

/** The certification service: HRSS's acceptance (验收), public notice (公示), certificates (发放证书), verification and revocation. */
@Module({
  controllers: [
    AcceptanceController,
    PublicNoticeController,
    NoticeObjectionsController,
    IssueCertificatesController,
    ListCertificatesController,
    DownloadCertificateController,
    RevokeCertificateController,
    VerifyCertificateController,
    JwksController,
  ],
  providers: [
    SessionSettingsProjection,
    SessionResultsProjection,
    CertificatesProjection,
    DeclarationOwnersProjection,
    certificateSignerProvider,
    CertificateFiles,
    CertificateVerifier,
    AcceptResultsHandler,
    SendBackResultsHandler,
    PublishNoticesHandler,
    NoticeCommandHandler,
    IssueCertificatesHandler,
    RevokeCertificateHandler,
  ],
  exports: [CertificatesProjection, SessionResultsProjection],
})
export class CertificationServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly readiness: Readiness,
    private readonly host: ProjectionHost,
    private readonly settings: SessionSettingsProjection,
    private readonly results: SessionResultsProjection,
    private readonly certificates: CertificatesProjection,
    private readonly owners: DeclarationOwnersProjection,
  ) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
    [this.settings, this.results, this.certificates, this.owners].forEach((p) => this.host.register(p));
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
