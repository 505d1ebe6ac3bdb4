import { DomainError, fold, type Actor } from '@bj/kernel';
import { certificateContentOf, type CertificateContent } from './certificate-content';
import { formatCertificateNumber } from './certificate-number';
import { assertIssueBatch, certificateDecider, issueBatchProblems, type CertificateCommand, type CertificateEvent } from './certificate.decider';
import { signedPayloadOf } from './signed-payload';
import { verifyCertificate } from './verification';

const hrss: Actor = { id: 'hrss-1', role: 'HRSS_OFFICER', name: '市人社局' };
const staff: Actor = { id: 'staff-1', role: 'CENTRE_STAFF' };
const NOW = '2026-12-20T02:00:00Z';
const SIGNATURE = 'A'.repeat(86);
const PDF_SHA = 'a'.repeat(64);

const content: CertificateContent = certificateContentOf({
  certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 42 }),
  holderName: '李四',
  idNumber: '11010519491231002X',
  direction: 'RESEARCH',
  level: 'ENGINEER',
  qualificationDate: '2026-12-01',
  issueDate: '2026-12-20',
});

const issue = (over: Partial<Extract<CertificateCommand, { type: 'IssueCertificate' }>> = {}): CertificateCommand => ({
  type: 'IssueCertificate',
  actor: hrss,
  now: NOW,
  applicantId: 'applicant-7',
  sessionId: 'session-2026',
  content,
  pdfSha256: PDF_SHA,
  signature: SIGNATURE,
  keyId: 'cert-2026-01',
  ...over,
});
const revoke = (over: Partial<Extract<CertificateCommand, { type: 'RevokeCertificate' }>> = {}): CertificateCommand => ({
  type: 'RevokeCertificate',
  actor: hrss,
  now: '2027-03-01T02:00:00Z',
  reason: '申报材料弄虚作假',
  revokedAt: '2027-03-01',
  ...over,
});

/** Given past events, when a command is decided: the new events, or the refusal. */
function given(events: CertificateEvent[]) {
  const state = fold(certificateDecider, events);
  return {
    when(command: CertificateCommand) {
      try {
        return { events: certificateDecider.decide(command, state), error: undefined };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return { events: [] as CertificateEvent[], error: e };
      }
    },
  };
}

const issued = () => given([]).when(issue()).events;

describe('Certificate decider', () => {
  it('given nothing, when HRSS issues, then CertificateIssued carries content, signed payload, hashes and key', () => {
    const { events, error } = given([]).when(issue());
    expect(error).toBeUndefined();
    expect(events).toEqual([
      {
        type: 'CertificateIssued',
        schemaVersion: 1,
        data: {
          certificateNumber: content.certificateNumber,
          applicantId: 'applicant-7',
          sessionId: 'session-2026',
          content,
          payload: signedPayloadOf(content),
          pdfSha256: PDF_SHA,
          signature: SIGNATURE,
          keyId: 'cert-2026-01',
          issuedAt: NOW,
        },
      },
    ]);
    expect(events[0]!.type === 'CertificateIssued' && events[0]!.data.payload.idNumberMasked).toBe('110105********002X');
  });

  it('given an issued certificate, when it is issued again, then CONFLICT and no event', () => {
    const { events, error } = given(issued()).when(issue());
    expect(events).toEqual([]);
    expect(error).toMatchObject({ kind: 'CONFLICT', code: 'CERTIFICATE_ALREADY_ISSUED' });
  });

  it('given nothing, when anyone but HRSS issues, then FORBIDDEN', () => {
    expect(given([]).when(issue({ actor: staff })).error).toMatchObject({ kind: 'FORBIDDEN' });
  });

  it('given nothing, when the content or hashes are bad, then INVALID naming the fields', () => {
    const { error } = given([]).when(issue({ content: { ...content, qualificationName: '工程师X' }, pdfSha256: 'xyz' }));
    expect(error?.kind).toBe('INVALID');
    expect(error?.problems.map((p) => p.path)).toEqual(['/pdfSha256']);
    expect(given([]).when(issue({ content: { ...content, qualificationName: '工程师X' } })).error?.problems.map((p) => p.path)).toEqual(['/content/qualificationName']);
    expect(given([]).when(issue({ now: '2026-12-18T00:00:00Z' })).error?.problems.map((p) => p.path)).toEqual(['/content/issueDate']);
  });

  it('given an issued certificate, when HRSS revokes it, then CertificateRevoked with a 3-year bar', () => {
    const { events } = given(issued()).when(revoke());
    expect(events).toEqual([
      {
        type: 'CertificateRevoked',
        schemaVersion: 1,
        data: { certificateNumber: content.certificateNumber, reason: '申报材料弄虚作假', revokedAt: '2027-03-01', barUntil: '2030-02-28' },
      },
    ]);
  });

  it('given nothing, when revoking, then NOT_FOUND', () => {
    expect(given([]).when(revoke()).error).toMatchObject({ kind: 'NOT_FOUND', code: 'CERTIFICATE_UNKNOWN' });
  });

  it('given a revoked certificate, when revoking again, then CONFLICT and no event', () => {
    const history = [...issued(), ...given(issued()).when(revoke()).events];
    const { events, error } = given(history).when(revoke());
    expect(events).toEqual([]);
    expect(error).toMatchObject({ kind: 'CONFLICT', code: 'CERTIFICATE_ALREADY_REVOKED' });
  });

  it('given an issued certificate, when revoking without a reason or before issue, then INVALID', () => {
    expect(given(issued()).when(revoke({ reason: ' ', revokedAt: '2026-12-19' })).error?.problems.map((p) => p.path)).toEqual(['/reason', '/revokedAt']);
  });

  it('given an issued certificate, when revoking with a reason of more than 2,000 characters, then INVALID naming its length, and nothing is recorded', () => {
    const { events, error } = given(issued()).when(revoke({ reason: '弄虚作假'.repeat(501) }));
    expect(events).toEqual([]);
    expect(error?.problems).toEqual([{ path: '/reason', message: 'reason must be at most 2,000 characters (it has 2,004)' }]);
    expect(given(issued()).when(revoke({ reason: ` ${'假'.repeat(2000)} ` })).events).toMatchObject([{ type: 'CertificateRevoked', data: { reason: '假'.repeat(2000) } }]);
  });
});

describe('verifyCertificate', () => {
  const issuedState = fold(certificateDecider, issued());

  it('VALID when the signature and PDF hash match, showing the ID masked', () => {
    const result = verifyCertificate(issuedState, { signature: SIGNATURE, pdfSha256: PDF_SHA.toUpperCase() });
    expect(result).toMatchObject({ status: 'VALID', certificate: { holderName: '李四', idNumberMasked: '110105********002X', qualificationName: '工程师' } });
  });

  it('ALTERED when the presented signature or PDF differ', () => {
    expect(verifyCertificate(issuedState, { signature: 'B'.repeat(86) })).toEqual({ status: 'ALTERED', certificateNumber: content.certificateNumber, mismatched: ['signature'] });
    expect(verifyCertificate(issuedState, { pdfSha256: 'b'.repeat(64) })).toMatchObject({ status: 'ALTERED', mismatched: ['pdfSha256'] });
  });

  it('UNKNOWN when no certificate was issued', () => {
    expect(verifyCertificate(certificateDecider.initialState(), { signature: SIGNATURE })).toEqual({ status: 'UNKNOWN' });
  });

  it('REVOKED with date and reason, from the moment of revocation', () => {
    const revoked = fold(certificateDecider, [...issued(), ...given(issued()).when(revoke()).events]);
    expect(verifyCertificate(revoked, { signature: SIGNATURE })).toEqual({
      status: 'REVOKED',
      certificateNumber: content.certificateNumber,
      revokedAt: '2027-03-01',
      reason: '申报材料弄虚作假',
    });
  });

  it('refuses to verify nothing', () => {
    expect(() => verifyCertificate(issuedState, {})).toThrow(DomainError);
  });
});

describe('batch issue check', () => {
  const ref = (applicantId: string, n: number, sessionId = 'session-2026') => ({
    applicantId,
    sessionId,
    certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: n }),
  });

  it('accepts new applicants, and the same applicant in another session', () => {
    expect(issueBatchProblems([ref('a', 1)], [ref('b', 2), ref('a', 3, 'session-2027')])).toEqual([]);
  });

  it('refuses an applicant already issued in the session, twice in the batch, or a taken number', () => {
    const problems = issueBatchProblems([ref('a', 1)], [ref('a', 2), ref('b', 3), ref('b', 4), ref('c', 1)]);
    expect(problems.map((p) => p.path)).toEqual(['/batch/0', '/batch/2', '/batch/3']);
    expect(() => assertIssueBatch([ref('a', 1)], [ref('a', 2)])).toThrow(expect.objectContaining({ kind: 'CONFLICT', code: 'CERTIFICATE_ALREADY_ISSUED' }));
  });
});
