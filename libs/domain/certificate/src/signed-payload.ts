import { createHash } from 'node:crypto';
import type { Direction, Level } from '@bj/kernel';
import { maskIdNumber } from './check-character';
import type { CertificateContent } from './certificate-content';

/**
 * What the issuer signs (Ed25519): the facts a verifier shows, plus a hash binding all the
 * printed content. The holder's name is in clear (it is printed on the certificate and the
 * verification page must show it to be of use); the ID number only masked, its full value
 * being bound through `contentSha256` without being disclosed.
 */
export interface SignedCertificatePayload {
  readonly v: 1;
  readonly certificateNumber: string;
  readonly holderName: string;
  readonly idNumberMasked: string;
  readonly level: Level;
  readonly direction: Direction;
  readonly qualificationDate: string;
  readonly issueDate: string;
  /** Hex SHA-256 of canonicalJson(content): every printed field, the ID number in full. */
  readonly contentSha256: string;
}

/** Canonical JSON of a flat record of strings and numbers: keys sorted, no whitespace. */
export function canonicalJson(record: object): string {
  const entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function contentSha256(content: CertificateContent): string {
  return sha256Hex(canonicalJson(content));
}

export function signedPayloadOf(content: CertificateContent): SignedCertificatePayload {
  return {
    v: 1,
    certificateNumber: content.certificateNumber,
    holderName: content.holderName,
    idNumberMasked: maskIdNumber(content.idNumber),
    level: content.level,
    direction: content.direction,
    qualificationDate: content.qualificationDate,
    issueDate: content.issueDate,
    contentSha256: contentSha256(content),
  };
}

/** The exact bytes that are signed: UTF-8 of the payload's canonical JSON. */
export function canonicalPayloadBytes(payload: SignedCertificatePayload): Uint8Array {
  return new TextEncoder().encode(canonicalJson(payload));
}
