import { addDays, beijingDate, DomainError, isIsoDate, MAX_FREE_TEXT, type CommandContext, type Decider, type DomainEvent, type Problem } from '@bj/kernel';
import { assertValidContent, type CertificateContent } from './certificate-content';
import { signedPayloadOf, type SignedCertificatePayload } from './signed-payload';

export const CERTIFICATE_EVENT_SCHEMA_VERSION = 1;
/** *National*: a certificate revoked for fraud bars the person from applying for 3 years; a setting. */
export const DEFAULT_BAR_YEARS = 3;

export type CertificateIssued = DomainEvent<
  'CertificateIssued',
  {
    readonly certificateNumber: string;
    readonly applicantId: string;
    readonly sessionId: string;
    readonly content: CertificateContent;
    /** The payload that was signed (derived from content; kept so verification never re-derives). */
    readonly payload: SignedCertificatePayload;
    /** Hex SHA-256 of the rendered PDF the holder downloads. */
    readonly pdfSha256: string;
    /** base64url Ed25519 signature (see @bj/documents CertificateSigner). */
    readonly signature: string;
    readonly keyId: string;
    readonly issuedAt: string;
  }
>;

export type CertificateRevoked = DomainEvent<
  'CertificateRevoked',
  {
    readonly certificateNumber: string;
    readonly reason: string;
    /** Date from which the certificate is void. */
    readonly revokedAt: string;
    /** Last day of the bar on applying again. */
    readonly barUntil: string;
  }
>;

export type CertificateEvent = CertificateIssued | CertificateRevoked;

export type IssuedCertificate = CertificateIssued['data'];

export interface Revocation {
  readonly reason: string;
  readonly revokedAt: string;
  readonly barUntil: string;
}

export type CertificateState =
  | { readonly status: 'NONE' }
  | { readonly status: 'ISSUED'; readonly certificate: IssuedCertificate }
  | { readonly status: 'REVOKED'; readonly certificate: IssuedCertificate; readonly revocation: Revocation };

export type CertificateCommand = CommandContext &
  (
    | {
        type: 'IssueCertificate'; // 发放证书
        applicantId: string;
        sessionId: string;
        content: CertificateContent;
        pdfSha256: string;
        signature: string;
        keyId: string;
      }
    | {
        type: 'RevokeCertificate'; // 撤销证书
        reason: string;
        revokedAt: string;
        /** Years barred from applying; defaults to DEFAULT_BAR_YEARS. */
        barYears?: number;
      }
  );

/** The date `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const target = `${year}${date.slice(4)}`;
  return isIsoDate(target) ? target : `${year}${date.slice(4, 8)}28`;
}

const ev = <T extends CertificateEvent['type']>(type: T, data: Extract<CertificateEvent, { type: T }>['data']) =>
  ({ type, schemaVersion: CERTIFICATE_EVENT_SCHEMA_VERSION, data }) as Extract<CertificateEvent, { type: T }>;

function requireHrss(command: CertificateCommand, what: string) {
  if (command.actor.role !== 'HRSS_OFFICER') throw DomainError.forbidden(`Only the municipal HRSS bureau (市人力资源社会保障局) may ${what}`, 'NOT_HRSS_OFFICER');
}

function requireText(value: unknown, field: string, problems: Problem[], min = 1) {
  const length = typeof value === 'string' ? value.trim().length : 0;
  if (length < min) problems.push({ path: `/${field}`, message: `${field} is required (at least ${min} characters)` });
  else if (length > MAX_FREE_TEXT) problems.push({ path: `/${field}`, message: `${field} must be at most ${MAX_FREE_TEXT.toLocaleString('en')} characters (it has ${length.toLocaleString('en')})` });
}

function decideIssue(command: Extract<CertificateCommand, { type: 'IssueCertificate' }>, state: CertificateState): CertificateEvent[] {
  requireHrss(command, 'issue certificates');
  if (state.status !== 'NONE') {
    const c = state.certificate;
    throw DomainError.conflict(
      `Certificate ${c.certificateNumber} was already issued (applicant ${c.applicantId}, session ${c.sessionId})`,
      'CERTIFICATE_ALREADY_ISSUED',
    );
  }
  const problems: Problem[] = [];
  requireText(command.applicantId, 'applicantId', problems);
  requireText(command.sessionId, 'sessionId', problems);
  requireText(command.keyId, 'keyId', problems);
  if (!/^[0-9a-f]{64}$/.test(command.pdfSha256 ?? '')) problems.push({ path: '/pdfSha256', message: 'pdfSha256 must be 64 lower-case hex digits' });
  if (!/^[A-Za-z0-9_-]{43,}$/.test(command.signature ?? '')) problems.push({ path: '/signature', message: 'signature must be base64url text' });
  if (problems.length) throw DomainError.invalid(problems, 'The certificate cannot be issued');
  assertValidContent(command.content, '/content');
  const today = beijingDate(command.now);
  if (command.content.issueDate > today) {
    throw DomainError.invalid([{ path: '/content/issueDate', message: `the issue date ${command.content.issueDate} is after today ${today}` }], 'The certificate cannot be issued');
  }
  return [
    ev('CertificateIssued', {
      certificateNumber: command.content.certificateNumber,
      applicantId: command.applicantId,
      sessionId: command.sessionId,
      content: command.content,
      payload: signedPayloadOf(command.content),
      pdfSha256: command.pdfSha256,
      signature: command.signature,
      keyId: command.keyId,
      issuedAt: command.now,
    }),
  ];
}

function decideRevoke(command: Extract<CertificateCommand, { type: 'RevokeCertificate' }>, state: CertificateState): CertificateEvent[] {
  requireHrss(command, 'revoke certificates');
  if (state.status === 'NONE') throw DomainError.notFound('No such certificate', 'CERTIFICATE_UNKNOWN');
  if (state.status === 'REVOKED') {
    throw DomainError.conflict(`Certificate ${state.certificate.certificateNumber} was already revoked on ${state.revocation.revokedAt}`, 'CERTIFICATE_ALREADY_REVOKED');
  }
  const problems: Problem[] = [];
  requireText(command.reason, 'reason', problems, 2);
  const barYears = command.barYears ?? DEFAULT_BAR_YEARS;
  if (!Number.isInteger(barYears) || barYears < 0 || barYears > 20) problems.push({ path: '/barYears', message: 'barYears must be a whole number from 0 to 20' });
  if (!isIsoDate(command.revokedAt)) problems.push({ path: '/revokedAt', message: 'revokedAt must be a date YYYY-MM-DD' });
  else if (command.revokedAt < state.certificate.content.issueDate) problems.push({ path: '/revokedAt', message: `revokedAt cannot be before the issue date ${state.certificate.content.issueDate}` });
  if (problems.length) throw DomainError.invalid(problems, 'The certificate cannot be revoked');
  return [
    ev('CertificateRevoked', {
      certificateNumber: state.certificate.certificateNumber,
      reason: command.reason.trim(),
      revokedAt: command.revokedAt,
      barUntil: addDays(addYears(command.revokedAt, barYears), -1),
    }),
  ];
}

/** One certificate's stream (北京市职称证书): issued once, revoked at most once. */
export const certificateDecider: Decider<CertificateCommand, CertificateEvent, CertificateState> = {
  initialState: () => ({ status: 'NONE' }),
  decide(command, state) {
    switch (command.type) {
      case 'IssueCertificate':
        return decideIssue(command, state);
      case 'RevokeCertificate':
        return decideRevoke(command, state);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CertificateIssued':
        return { status: 'ISSUED', certificate: event.data };
      case 'CertificateRevoked':
        if (state.status === 'NONE') return state;
        return {
          status: 'REVOKED',
          certificate: state.certificate,
          revocation: { reason: event.data.reason, revokedAt: event.data.revokedAt, barUntil: event.data.barUntil },
        };
    }
  },
};

/** What a batch check needs to know of a certificate, issued or about to be. */
export interface IssueRef {
  readonly applicantId: string;
  readonly sessionId: string;
  readonly certificateNumber: string;
}

/**
 * The batch case (发放证书 for a whole session): problems by `/batch/<i>` for a candidate whose
 * applicant already holds a certificate of that session, who appears twice in the batch, or
 * whose number is taken. Empty when the batch can be issued.
 */
export function issueBatchProblems(alreadyIssued: readonly IssueRef[], batch: readonly IssueRef[]): Problem[] {
  const problems: Problem[] = [];
  const key = (r: IssueRef) => `${r.sessionId}\u0000${r.applicantId}`;
  const byApplicant = new Map(alreadyIssued.map((r) => [key(r), r]));
  const numbers = new Map(alreadyIssued.map((r) => [r.certificateNumber, r]));
  batch.forEach((candidate, i) => {
    const path = `/batch/${i}`;
    const earlier = byApplicant.get(key(candidate));
    if (earlier) {
      problems.push({ path, message: `applicant ${candidate.applicantId} already has certificate ${earlier.certificateNumber} for session ${candidate.sessionId}` });
    }
    const holder = numbers.get(candidate.certificateNumber);
    if (holder && key(holder) !== key(candidate)) problems.push({ path, message: `certificate number ${candidate.certificateNumber} is already used` });
    byApplicant.set(key(candidate), candidate);
    numbers.set(candidate.certificateNumber, candidate);
  });
  return problems;
}

/** Throws CONFLICT `CERTIFICATE_ALREADY_ISSUED` with every problem of `issueBatchProblems`. */
export function assertIssueBatch(alreadyIssued: readonly IssueRef[], batch: readonly IssueRef[]): void {
  const problems = issueBatchProblems(alreadyIssued, batch);
  if (problems.length) {
    throw new DomainError('CONFLICT', 'CERTIFICATE_ALREADY_ISSUED', `${problems.length} certificate(s) of the batch cannot be issued`, problems);
  }
}
