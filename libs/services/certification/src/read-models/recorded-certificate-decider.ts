import type { Decider } from '@bj/kernel';
import { certificateDecider, type CertificateCommand, type CertificateEvent, type CertificateState } from '@bj/certificate-domain';

/**
 * The certificate decider as this service records its events: `CertificateIssued` also holds
 * `applicationId` (= applicantId), `verificationUrl` (the QR's URL) and `layout` (the PDF's
 * look), so that the PDF re-renders byte for byte, and `CertificateRevoked` also holds
 * `applicationId`, so that readers of one event need not look up another.
 */
export function recordedCertificateDecider(verificationUrl?: string, layout?: number): Decider<CertificateCommand, CertificateEvent, CertificateState> {
  return {
    ...certificateDecider,
    decide: (command, state) =>
      certificateDecider.decide(command, state).map((e): CertificateEvent => {
        // extra members the domain's types do not list: the event data stays a superset of them
        if (e.type === 'CertificateIssued') return { ...e, data: Object.assign({ applicationId: e.data.applicantId }, e.data, verificationUrl ? { verificationUrl } : {}, layout ? { layout } : {}) };
        if (e.type === 'CertificateRevoked' && state.status !== 'NONE') return { ...e, data: Object.assign({ applicationId: state.certificate.applicantId }, e.data) };
        return e;
      }),
  };
}
