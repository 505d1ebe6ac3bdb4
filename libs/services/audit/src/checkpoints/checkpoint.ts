// 签名检查点: the log's head (position, hash) and the time, signed with Ed25519, exported as a
// file to be kept where the operators cannot reach it. A later verify proves the log still extends it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '@bj/event-store';

export const CHECKPOINT_FORMAT = 'bj-audit-checkpoint/1';

/** What is signed: the canonical JSON of these members. */
export interface CheckpointPayload {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** The last global position of the log when signed (0: empty log). */
  readonly position: number;
  /** The hash of the event at `position` (GENESIS_HASH for an empty log). */
  readonly headHash: string;
  /** When it was signed (ISO instant). */
  readonly time: string;
  /** Which log (e.g. sqlite:/srv/data/events.sqlite). */
  readonly log: string;
}

export interface SignedCheckpoint {
  readonly payload: CheckpointPayload;
  readonly algorithm: 'Ed25519';
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly keyId: string;
  /** The signer's public key (PEM). Convenient, not trusted: pass the known key to verify. */
  readonly publicKey: string;
  /** base64url Ed25519 signature over canonicalJson(payload). */
  readonly signature: string;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export interface CheckpointKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export function generateCheckpointKeyPair(): CheckpointKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function privateKeyOf(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new CheckpointError(`${where}: not a private key in PEM (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointError(`${where}: an Ed25519 key is needed, this is ${key.asymmetricKeyType}`);
  return key;
}

function publicKeyOf(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new CheckpointError(`${where}: not a public key in PEM (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointError(`${where}: an Ed25519 key is needed, this is ${key.asymmetricKeyType}`);
  return key;
}

/** Reads a private key file (PEM, Ed25519). */
export function readPrivateKeyFile(file: string): string {
  if (!existsSync(file)) throw new CheckpointError(`${file}: no such key file (create one with: npm run -s audit -- keygen --out ${file})`);
  const pem = readFileSync(file, 'utf8');
  privateKeyOf(pem, file);
  return pem;
}

/** Writes a key pair: the private key (mode 600) at `file`, the public key next to it as `<file>.pub`. */
export function writeKeyPair(file: string, pair: CheckpointKeyPair): { privateKeyFile: string; publicKeyFile: string } {
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) throw new CheckpointError(`${file} exists already; a checkpoint key is never overwritten`);
  writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  const publicKeyFile = `${file.replace(/\.pem$/, '')}.pub.pem`;
  writeFileSync(publicKeyFile, pair.publicKeyPem);
  return { privateKeyFile: file, publicKeyFile };
}

/** The private key at `file`, created (with its public key) when missing. */
export function loadOrCreateCheckpointKey(file: string): CheckpointKeyPair {
  if (!existsSync(file)) writeKeyPair(file, generateCheckpointKeyPair());
  const privateKeyPem = readPrivateKeyFile(file);
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, publicKeyPem };
}

export function signCheckpoint(payload: Omit<CheckpointPayload, 'format'>, privateKeyPem: string): SignedCheckpoint {
  const key = privateKeyOf(privateKeyPem, 'checkpoint key');
  const full: CheckpointPayload = { format: CHECKPOINT_FORMAT, position: payload.position, headHash: payload.headHash, time: payload.time, log: payload.log };
  const publicKey = createPublicKey(key);
  return {
    payload: full,
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, Buffer.from(canonicalJson(full), 'utf8'), key).toString('base64url'),
  };
}

export interface CheckedCheckpoint {
  readonly checkpoint: SignedCheckpoint;
  /** True when the signature was checked against a key given by the caller, not the file's own. */
  readonly trustedKey: boolean;
}

/**
 * Checks a checkpoint's shape and signature. With `trustedPublicKeyPem` the signature must be by
 * that key; without, only by the key the file carries (which proves integrity, not origin).
 */
export function checkCheckpoint(value: unknown, trustedPublicKeyPem?: string, where = 'checkpoint'): CheckedCheckpoint {
  const c = value as Partial<SignedCheckpoint> | null;
  const p = (c?.payload ?? null) as Partial<CheckpointPayload> | null;
  const problems: string[] = [];
  if (!c || typeof c !== 'object') throw new CheckpointError(`${where}: not a checkpoint (expected a JSON object)`);
  if (!p || p.format !== CHECKPOINT_FORMAT) problems.push(`payload.format must be ${CHECKPOINT_FORMAT}`);
  if (!Number.isSafeInteger(p?.position) || (p?.position as number) < 0) problems.push('payload.position must be a whole number ≥ 0');
  if (typeof p?.headHash !== 'string' || !/^[0-9a-f]{64}$/.test(p.headHash)) problems.push('payload.headHash must be 64 lower-case hex digits');
  if (typeof p?.time !== 'string' || Number.isNaN(Date.parse(p.time))) problems.push('payload.time must be an ISO instant');
  if (typeof p?.log !== 'string') problems.push('payload.log must be a string');
  if (c.algorithm !== 'Ed25519') problems.push('algorithm must be Ed25519');
  if (typeof c.signature !== 'string' || !/^[A-Za-z0-9_-]+$/.test(c.signature)) problems.push('signature must be base64url');
  if (typeof c.publicKey !== 'string') problems.push('publicKey must be a PEM string');
  if (problems.length > 0) throw new CheckpointError(`${where}: ${problems.join('; ')}`);
  const key = trustedPublicKeyPem ? publicKeyOf(trustedPublicKeyPem, 'public key') : publicKeyOf(c.publicKey as string, `${where}: publicKey`);
  const valid = p as CheckpointPayload; // every member was checked above
  const payload: CheckpointPayload = { format: CHECKPOINT_FORMAT, position: valid.position, headHash: valid.headHash, time: valid.time, log: valid.log };
  if (!verify(null, Buffer.from(canonicalJson(payload), 'utf8'), key, Buffer.from(c.signature as string, 'base64url'))) {
    throw new CheckpointError(`${where}: the signature does not verify${trustedPublicKeyPem ? ' with the given public key' : ''}: the checkpoint was altered or signed by another key`);
  }
  return { checkpoint: { payload, algorithm: 'Ed25519', keyId: c.keyId ?? keyIdOf(key), publicKey: c.publicKey as string, signature: c.signature as string }, trustedKey: trustedPublicKeyPem !== undefined };
}

export function readCheckpointFile(file: string, trustedPublicKeyPem?: string): CheckedCheckpoint {
  if (!existsSync(file)) throw new CheckpointError(`${file}: no such checkpoint file`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CheckpointError(`${file}: not JSON (${(e as Error).message})`);
  }
  return checkCheckpoint(parsed, trustedPublicKeyPem, file);
}

/** Writes the checkpoint atomically (temp file, then rename). */
export function writeCheckpointFile(file: string, checkpoint: SignedCheckpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
