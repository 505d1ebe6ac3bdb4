import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url, calculateJwkThumbprint, exportJWK, exportPKCS8, FlattenedSign, flattenedVerify, generateKeyPair, importJWK, importPKCS8, type JWK, type KeyLike } from 'jose';
import { addDays, isIsoDate } from '@bj/kernel';
import { canonicalPayloadBytes, type SignedCertificatePayload } from '@bj/certificate-domain';

/**
 * A public signing key as published in the JWKS (RFC 7517) with two extra members:
 * `notBefore` and `notAfter` (ISO dates, inclusive): the issue dates of the certificates the key
 * may sign. A signature over a payload whose issueDate lies outside them is not accepted.
 * `notAfter` is absent while the key is the current one.
 */
export interface CertificateJwk extends JWK {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
  readonly notBefore: string;
  readonly notAfter?: string;
}

export interface CertificateJwks {
  readonly keys: readonly CertificateJwk[];
}

export interface CertificateSignature {
  /** base64url Ed25519 signature of the JWS signing input (see `signingInput`). */
  readonly signature: string;
  readonly keyId: string;
}

/** One key of the ring as stored: a PKCS#8 PEM private key and its validity. */
export interface StoredSigningKey {
  readonly kid: string;
  readonly notBefore: string;
  readonly notAfter?: string;
  readonly pkcs8: string;
}

interface SigningKey {
  readonly kid: string;
  readonly notBefore: string;
  notAfter?: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

/** Signing configuration errors name the key, file or variable at fault. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/**
 * The JWS protected header is `{"alg":"EdDSA","kid":"<kid>"}`, so a verifier rebuilds the
 * signing input from the payload and the key id alone: BASE64URL(header) "." BASE64URL(payload).
 */
function protectedHeader(kid: string): string {
  return base64url.encode(JSON.stringify({ alg: 'EdDSA', kid }));
}

export function signingInput(payload: SignedCertificatePayload, kid: string): string {
  return `${protectedHeader(kid)}.${base64url.encode(canonicalPayloadBytes(payload))}`;
}

const covers = (key: { notBefore: string; notAfter?: string }, date: string) => date >= key.notBefore && (key.notAfter === undefined || date <= key.notAfter);

function requireDate(value: unknown, what: string): string {
  if (!isIsoDate(value)) throw new SigningKeyError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The issuer's Ed25519 key ring (jose). Each key signs the certificates issued within its
 * validity; `rotate` starts a new key and closes the current one, which stays in the ring (and
 * in the JWKS) so that certificates signed before still verify.
 */
export class CertificateSigner {
  private constructor(private readonly keys: SigningKey[]) {}

  /** A ring with one new key valid from `notBefore`. */
  static async generate(options: { notBefore: string; kid?: string }): Promise<CertificateSigner> {
    const signer = new CertificateSigner([]);
    await signer.addNewKey(requireDate(options.notBefore, 'notBefore'), options.kid);
    return signer;
  }

  static async fromStoredKeys(stored: readonly StoredSigningKey[]): Promise<CertificateSigner> {
    if (stored.length === 0) throw new SigningKeyError('The signing key ring is empty');
    const keys: SigningKey[] = [];
    for (const entry of stored) {
      if (typeof entry.kid !== 'string' || entry.kid.trim() === '') throw new SigningKeyError('Every signing key needs a kid');
      if (keys.some((k) => k.kid === entry.kid)) throw new SigningKeyError(`Two signing keys have the kid ${entry.kid}`);
      const notBefore = requireDate(entry.notBefore, `notBefore of key ${entry.kid}`);
      const notAfter = entry.notAfter === undefined ? undefined : requireDate(entry.notAfter, `notAfter of key ${entry.kid}`);
      let privateKey: KeyLike;
      try {
        privateKey = await importPKCS8(entry.pkcs8, 'EdDSA', { extractable: true });
      } catch (e) {
        throw new SigningKeyError(`Key ${entry.kid} is not an Ed25519 PKCS#8 PEM private key: ${(e as Error).message}`);
      }
      const { d: _private, ...publicJwk } = await exportJWK(privateKey);
      keys.push({ kid: entry.kid, notBefore, notAfter, privateKey, publicJwk });
    }
    return new CertificateSigner(keys);
  }

  /**
   * Reads `<dir>/keyring.json`: `{ "keys": [{ "kid", "notBefore", "notAfter"?, "privateKeyFile" }] }`,
   * each privateKeyFile a PKCS#8 PEM next to it.
   */
  static async fromDirectory(dir: string): Promise<CertificateSigner> {
    const file = join(dir, 'keyring.json');
    let ring: { keys?: { kid: string; notBefore: string; notAfter?: string; privateKeyFile: string }[] };
    try {
      ring = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new SigningKeyError(`Cannot read the signing key ring ${file}: ${(e as Error).message}`);
    }
    if (!Array.isArray(ring.keys)) throw new SigningKeyError(`${file} must hold { "keys": [...] }`);
    return CertificateSigner.fromStoredKeys(
      ring.keys.map((k) => {
        try {
          return { kid: k.kid, notBefore: k.notBefore, notAfter: k.notAfter, pkcs8: readFileSync(join(dir, k.privateKeyFile), 'utf8') };
        } catch (e) {
          throw new SigningKeyError(`Cannot read the private key of ${k.kid}: ${(e as Error).message}`);
        }
      }),
    );
  }

  /**
   * From the environment: BJ_CERT_SIGNING_KEYS_DIR (a folder as for fromDirectory), or
   * BJ_CERT_SIGNING_KEYS (a JSON array of StoredSigningKey, PEMs inline).
   */
  static async fromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CertificateSigner> {
    const dir = env['BJ_CERT_SIGNING_KEYS_DIR'];
    if (dir) return CertificateSigner.fromDirectory(dir);
    const inline = env['BJ_CERT_SIGNING_KEYS'];
    if (!inline) throw new SigningKeyError('Set BJ_CERT_SIGNING_KEYS_DIR (a key ring folder) or BJ_CERT_SIGNING_KEYS (JSON array of {kid, notBefore, notAfter?, pkcs8})');
    let stored: StoredSigningKey[];
    try {
      stored = JSON.parse(inline);
    } catch (e) {
      throw new SigningKeyError(`BJ_CERT_SIGNING_KEYS is not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(stored)) throw new SigningKeyError('BJ_CERT_SIGNING_KEYS must be a JSON array');
    return CertificateSigner.fromStoredKeys(stored);
  }

  /** Writes keyring.json and one `<kid>.pem` (mode 600) per key into `dir`. */
  async saveToDirectory(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    const entries = [];
    for (const key of this.keys) {
      const privateKeyFile = `${key.kid}.pem`;
      writeFileSync(join(dir, privateKeyFile), await exportPKCS8(key.privateKey), { mode: 0o600 });
      chmodSync(join(dir, privateKeyFile), 0o600);
      entries.push({ kid: key.kid, notBefore: key.notBefore, ...(key.notAfter ? { notAfter: key.notAfter } : {}), privateKeyFile });
    }
    writeFileSync(join(dir, 'keyring.json'), `${JSON.stringify({ keys: entries }, null, 2)}\n`);
  }

  get keyIds(): string[] {
    return this.keys.map((k) => k.kid);
  }

  /**
   * Starts a new key for certificates issued from `from` on; the key that was current closes
   * the day before. Old keys stay for verification. Returns the new key id.
   */
  async rotate(options: { from: string; kid?: string }): Promise<string> {
    const from = requireDate(options.from, 'from');
    for (const key of this.keys) {
      if (key.notBefore >= from) throw new SigningKeyError(`Key ${key.kid} starts on ${key.notBefore}: a rotation must start after it`);
      if (key.notAfter === undefined || key.notAfter >= from) key.notAfter = addDays(from, -1);
    }
    return this.addNewKey(from, options.kid);
  }

  /** Signs with the key whose validity covers the payload's issue date. */
  async sign(payload: SignedCertificatePayload): Promise<CertificateSignature> {
    const key = this.keys.filter((k) => covers(k, payload.issueDate)).sort((a, b) => (a.notBefore < b.notBefore ? 1 : -1))[0];
    if (!key) throw new SigningKeyError(`No signing key is valid for the issue date ${payload.issueDate} (keys: ${this.describeKeys()})`);
    const jws = await new FlattenedSign(canonicalPayloadBytes(payload)).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(key.privateKey);
    return { signature: jws.signature, keyId: key.kid };
  }

  /** Every key's public half with its validity: what verifiers (and the /.well-known page) need. */
  publicJwks(): CertificateJwks {
    return {
      keys: this.keys.map((k) => ({
        ...(k.publicJwk as { kty: 'OKP'; crv: 'Ed25519'; x: string }),
        kid: k.kid,
        alg: 'EdDSA',
        use: 'sig',
        notBefore: k.notBefore,
        ...(k.notAfter ? { notAfter: k.notAfter } : {}),
      })),
    };
  }

  private describeKeys(): string {
    return this.keys.map((k) => `${k.kid} ${k.notBefore}..${k.notAfter ?? ''}`).join(', ');
  }

  private async addNewKey(notBefore: string, kid?: string): Promise<string> {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const { d: _private, ...publicJwk } = await exportJWK(privateKey);
    const id = kid ?? `bjhrss-cert-${notBefore}-${(await calculateJwkThumbprint(publicJwk)).slice(0, 8)}`;
    if (this.keys.some((k) => k.kid === id)) throw new SigningKeyError(`A key with the kid ${id} exists already`);
    this.keys.push({ kid: id, notBefore, privateKey, publicJwk });
    return id;
  }
}

export type OfflineVerification =
  | { readonly valid: true; readonly keyId: string }
  | { readonly valid: false; readonly reason: 'NO_KEY_FOR_ISSUE_DATE' | 'BAD_SIGNATURE' };

/**
 * Checks a certificate's signature with nothing but the payload (rebuilt from the printed
 * content) and the published JWKS: tries each key (or only `keyId`) whose validity covers the
 * payload's issue date.
 */
export async function verifyOffline(payload: SignedCertificatePayload, signature: string, jwks: CertificateJwks, keyId?: string): Promise<OfflineVerification> {
  const candidates = jwks.keys.filter((k) => (keyId === undefined || k.kid === keyId) && covers(k, payload.issueDate));
  if (candidates.length === 0) return { valid: false, reason: 'NO_KEY_FOR_ISSUE_DATE' };
  const encodedPayload = base64url.encode(canonicalPayloadBytes(payload));
  for (const jwk of candidates) {
    try {
      const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'EdDSA');
      await flattenedVerify({ protected: protectedHeader(jwk.kid), payload: encodedPayload, signature }, key, { algorithms: ['EdDSA'] });
      return { valid: true, keyId: jwk.kid };
    } catch {
      // not this key: try the next one
    }
  }
  return { valid: false, reason: 'BAD_SIGNATURE' };
}

/** The URL in the QR code: `{baseUrl}/verify/{certificateNumber}?s={signature}`. */
export function certificateVerificationUrl(baseUrl: string, certificateNumber: string, signature: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(certificateNumber)}?s=${signature}`;
}
