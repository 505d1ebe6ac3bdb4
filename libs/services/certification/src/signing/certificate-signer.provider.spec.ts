import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateSigner } from '@bj/documents';
import { signedPayloadOf, certificateContentOf, formatCertificateNumber } from '@bj/certificate-domain';
import { openCertificateSigner } from './certificate-signer.provider';

const payload = signedPayloadOf(
  certificateContentOf({
    certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 1 }),
    holderName: '李明',
    idNumber: '110105199001010037',
    direction: 'RESEARCH',
    level: 'ENGINEER',
    qualificationDate: '2026-10-20',
    issueDate: '2026-11-16',
  }),
);

describe('openCertificateSigner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bj-signer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('embedded: generates the first key under DATA_DIR on first use, valid from that day, and keeps it across restarts', async () => {
    const first = await openCertificateSigner(dir, {}, '2026-06-15');
    expect(existsSync(join(dir, 'certificate-keys', 'keyring.json'))).toBe(true);
    expect(first.publicJwks().keys).toEqual([expect.objectContaining({ notBefore: '2026-06-15' })]);
    const signed = await first.sign(payload);
    const again = await openCertificateSigner(dir, {}, '2027-01-01');
    expect(again.keyIds).toEqual([signed.keyId]);
    expect((await again.sign(payload)).signature).toBe(signed.signature); // Ed25519 is deterministic
  });

  it('production: takes the key ring from BJ_CERT_SIGNING_KEYS_DIR and writes nothing under DATA_DIR', async () => {
    const ringDir = join(dir, 'ring');
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'hrss-2026' });
    await signer.saveToDirectory(ringDir);
    const opened = await openCertificateSigner(join(dir, 'data'), { BJ_CERT_SIGNING_KEYS_DIR: ringDir }, '2026-06-15');
    expect(opened.keyIds).toEqual(['hrss-2026']);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('production: refuses a broken BJ_CERT_SIGNING_KEYS, naming it', async () => {
    await expect(openCertificateSigner(dir, { BJ_CERT_SIGNING_KEYS: 'not json' }, '2026-06-15')).rejects.toThrow(/BJ_CERT_SIGNING_KEYS is not JSON/);
  });
});
