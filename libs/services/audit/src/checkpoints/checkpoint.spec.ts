import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCheckpoint, generateCheckpointKeyPair, loadOrCreateCheckpointKey, readCheckpointFile, signCheckpoint, writeCheckpointFile, writeKeyPair } from './checkpoint';

const head = { position: 3843, headHash: 'ab'.repeat(32), time: '2026-11-05T02:00:00.000Z', log: 'sqlite:/srv/data/events.sqlite' };

describe('signed checkpoints', () => {
  const signer = generateCheckpointKeyPair();
  const other = generateCheckpointKeyPair();

  it('given a checkpoint signed with a key, then it verifies with that public key', () => {
    const signed = signCheckpoint(head, signer.privateKeyPem);
    expect(signed).toMatchObject({ payload: { format: 'bj-audit-checkpoint/1', ...head }, algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(checkCheckpoint(JSON.parse(JSON.stringify(signed)), signer.publicKeyPem)).toMatchObject({ trustedKey: true, checkpoint: { payload: head } });
  });

  it('when the position or hash is changed, then the signature no longer verifies', () => {
    const signed = signCheckpoint(head, signer.privateKeyPem);
    expect(() => checkCheckpoint({ ...signed, payload: { ...signed.payload, position: 3800 } }, signer.publicKeyPem)).toThrow('the signature does not verify with the given public key');
    expect(() => checkCheckpoint({ ...signed, payload: { ...signed.payload, headHash: 'cd'.repeat(32) } })).toThrow('the signature does not verify');
  });

  it('when signed by another key than the trusted one, then it is refused, even though it carries its own key', () => {
    const forged = signCheckpoint(head, other.privateKeyPem);
    expect(checkCheckpoint(forged).trustedKey).toBe(false);
    expect(() => checkCheckpoint(forged, signer.publicKeyPem)).toThrow('signed by another key');
  });

  it('names every malformed member', () => {
    expect(() => checkCheckpoint({ payload: { format: 'x', position: -1, headHash: 'zz', time: 'soon' }, algorithm: 'RS256' }, undefined, 'cp.json')).toThrow(
      'cp.json: payload.format must be bj-audit-checkpoint/1; payload.position must be a whole number ≥ 0; payload.headHash must be 64 lower-case hex digits; payload.time must be an ISO instant; payload.log must be a string; algorithm must be Ed25519; signature must be base64url; publicKey must be a PEM string',
    );
  });

  it('round-trips through files; the private key file is readable by its owner only and never overwritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bj-audit-cp-'));
    try {
      const keyFile = join(dir, 'keys', 'checkpoint.pem');
      const pair = loadOrCreateCheckpointKey(keyFile);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'keys', 'checkpoint.pub.pem'), 'utf8')).toBe(pair.publicKeyPem);
      expect(loadOrCreateCheckpointKey(keyFile)).toEqual(pair);
      expect(() => writeKeyPair(keyFile, generateCheckpointKeyPair())).toThrow('exists already');
      const file = join(dir, 'cp.json');
      writeCheckpointFile(file, signCheckpoint(head, pair.privateKeyPem));
      expect(readCheckpointFile(file, pair.publicKeyPem).checkpoint.payload).toEqual({ format: 'bj-audit-checkpoint/1', ...head });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
