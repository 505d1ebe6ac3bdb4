export * from './certification-service.module';
export { CertificatesProjection, certificateStreamId, certificateSessionId, type IssuedCertificateData, type CertificateRecord, type ReadyApplicant } from './read-models/certificates.projection';
export { SessionResultsProjection, type NoticeView, type SessionResultsView } from './read-models/session-results.projection';
export { openCertificateSigner, SIGNING_KEYS_ENV } from './signing/certificate-signer.provider';
