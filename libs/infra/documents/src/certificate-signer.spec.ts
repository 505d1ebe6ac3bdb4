import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateContentOf, certificateDecider, formatCertificateNumber, signedPayloadOf, verifyCertificate, type CertificateContent } from '@bj/certificate-domain';
import { fold } from '@bj/kernel';
import { CertificateSigner, certificateVerificationUrl, SigningKeyError, verifyOffline } from './certificate-signer';
import { issueCertificateDocument, sha256OfPdf } from './issue-document';

const contentOn = (issueDate: string, sequence = 1): CertificateContent =>
  certificateContentOf({
    certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence }),
    holderName: '张伟',
    idNumber: '11010519491231002X',
    direction: 'APPLICATION',
    level: 'ENGINEER',
    qualificationDate: '2026-01-10',
    issueDate,
  });

describe('CertificateSigner', () => {
  it('signs a payload that verifies offline with the published JWKS', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01' });
    const payload = signedPayloadOf(contentOn('2026-02-01'));
    const { signature, keyId } = await signer.sign(payload);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifyOffline(payload, signature, signer.publicJwks())).toEqual({ valid: true, keyId });
    expect(await verifyOffline(payload, signature, signer.publicJwks(), keyId)).toEqual({ valid: true, keyId });
  });

  it('fails on an altered field', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01' });
    const payload = signedPayloadOf(contentOn('2026-02-01'));
    const { signature } = await signer.sign(payload);
    const altered = signedPayloadOf({ ...contentOn('2026-02-01'), holderName: '张玮' });
    expect(await verifyOffline(altered, signature, signer.publicJwks())).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    const otherId = signedPayloadOf({ ...contentOn('2026-02-01'), idNumber: '110105199001010010' });
    expect(await verifyOffline(otherId, signature, signer.publicJwks())).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('fails with another issuer’s key', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'k1' });
    const forger = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'k1' });
    const payload = signedPayloadOf(contentOn('2026-02-01'));
    const { signature } = await forger.sign(payload);
    expect(await verifyOffline(payload, signature, signer.publicJwks())).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('after rotation, old certificates still verify and new ones use the new key', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'cert-2026' });
    const before = signedPayloadOf(contentOn('2026-06-30'));
    const old = await signer.sign(before);
    const newKid = await signer.rotate({ from: '2026-07-01', kid: 'cert-2026b' });
    const after = signedPayloadOf(contentOn('2026-07-01', 2));
    const fresh = await signer.sign(after);
    expect(fresh.keyId).toBe(newKid);
    const jwks = signer.publicJwks();
    expect(jwks.keys.map((k) => [k.kid, k.notBefore, k.notAfter])).toEqual([
      ['cert-2026', '2026-01-01', '2026-06-30'],
      ['cert-2026b', '2026-07-01', undefined],
    ]);
    expect(jwks.keys.every((k) => !('d' in k))).toBe(true);
    expect(await verifyOffline(before, old.signature, jwks)).toEqual({ valid: true, keyId: 'cert-2026' });
    expect(await verifyOffline(after, fresh.signature, jwks)).toEqual({ valid: true, keyId: 'cert-2026b' });
  });

  it('refuses a retired key for a certificate dated after its validity', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'old' });
    const late = signedPayloadOf(contentOn('2026-08-01'));
    const { signature } = await signer.sign(late); // signed with 'old' while it was still open
    await signer.rotate({ from: '2026-07-01' });
    expect(await verifyOffline(late, signature, signer.publicJwks(), 'old')).toEqual({ valid: false, reason: 'NO_KEY_FOR_ISSUE_DATE' });
    await expect(signer.sign({ ...late, issueDate: '2025-12-31' })).rejects.toThrow(/No signing key is valid for the issue date 2025-12-31/);
  });

  it('saves to and loads from a key ring folder and the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cert-keys-'));
    try {
      const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'k-2026' });
      await signer.rotate({ from: '2026-07-01', kid: 'k-2026b' });
      await signer.saveToDirectory(dir);
      expect(statSync(join(dir, 'k-2026.pem')).mode & 0o777).toBe(0o600);
      const loaded = await CertificateSigner.fromEnv({ BJ_CERT_SIGNING_KEYS_DIR: dir });
      expect(loaded.publicJwks()).toEqual(signer.publicJwks());
      const payload = signedPayloadOf(contentOn('2026-03-01'));
      const { signature } = await loaded.sign(payload);
      expect(await verifyOffline(payload, signature, signer.publicJwks())).toEqual({ valid: true, keyId: 'k-2026' });
      await expect(CertificateSigner.fromEnv({})).rejects.toThrow(/BJ_CERT_SIGNING_KEYS_DIR/);
      await expect(CertificateSigner.fromStoredKeys([])).rejects.toBeInstanceOf(SigningKeyError);
      await expect(CertificateSigner.fromEnv({ BJ_CERT_SIGNING_KEYS: JSON.stringify([{ kid: 'bad', notBefore: '2026-01-01', pkcs8: 'nope' }]) })).rejects.toThrow(/Key bad is not an Ed25519/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('issueCertificateDocument', () => {
  it('signs, renders with the verification URL, and feeds the decider; the QR signature and PDF hash verify', async () => {
    const signer = await CertificateSigner.generate({ notBefore: '2026-01-01', kid: 'k' });
    const content = contentOn('2026-02-01');
    const doc = await issueCertificateDocument(content, signer, 'https://verify.example.cn/zc/');
    expect(doc.verificationUrl).toBe(certificateVerificationUrl('https://verify.example.cn/zc', content.certificateNumber, doc.signature));
    expect(doc.verificationUrl).toMatch(/^https:\/\/verify\.example\.cn\/zc\/verify\/BJAI-2026-G2-000001-[\dX]\?s=[A-Za-z0-9_-]{86}$/);
    expect(doc.pdfSha256).toBe(sha256OfPdf(doc.pdf));
    const events = certificateDecider.decide(
      {
        type: 'IssueCertificate',
        actor: { id: 'hrss', role: 'HRSS_OFFICER' },
        now: '2026-02-01T03:00:00Z',
        applicantId: 'a1',
        sessionId: 's2026',
        content,
        pdfSha256: doc.pdfSha256,
        signature: doc.signature,
        keyId: doc.keyId,
      },
      certificateDecider.initialState(),
    );
    const state = fold(certificateDecider, events);
    expect(verifyCertificate(state, { signature: doc.signature, pdfSha256: doc.pdfSha256 }).status).toBe('VALID');
    const recorded = events[0]!.type === 'CertificateIssued' ? events[0]!.data.payload : undefined;
    expect(await verifyOffline(recorded!, doc.signature, signer.publicJwks())).toEqual({ valid: true, keyId: 'k' });
  });
});
