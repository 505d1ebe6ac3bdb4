import { generateIssuerKeyPair, InvalidTokenError, TokenIssuer, TokenVerifier } from './token-issuer';
import type { Actor } from '@bj/kernel';

describe('bearer tokens', () => {
  const employer: Actor = { id: 'employer-zhiyuan', role: 'EMPLOYER', name: '智源科技', creditCode: '91110108MA01ABCD2X' };
  let issuer: TokenIssuer;
  let verifier: TokenVerifier;
  let otherVerifier: TokenVerifier;

  beforeAll(async () => {
    const pair = await generateIssuerKeyPair();
    issuer = await TokenIssuer.fromPem(pair.privatePem);
    verifier = await TokenVerifier.fromPem(pair.publicPem);
    otherVerifier = await TokenVerifier.fromPem((await generateIssuerKeyPair()).publicPem);
  });
  afterEach(() => jest.restoreAllMocks());

  it('turns a token into the actor it was issued for, again and again', async () => {
    const token = await issuer.issue(employer);
    expect(await verifier.verify(token)).toEqual({ ...employer, centre: undefined });
    expect(await verifier.verify(token)).toEqual({ ...employer, centre: undefined });
  });

  it('refuses a token signed by another key, and an altered one', async () => {
    const token = await issuer.issue(employer);
    await expect(otherVerifier.verify(token)).rejects.toThrow(InvalidTokenError);
    await verifier.verify(token); // remembered as verified, by its exact text
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'HRSS_OFFICER' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow('signature verification failed');
  });

  it('refuses a remembered token once it has expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.issue(employer, 60, now);
    expect((await verifier.verify(token)).id).toBe(employer.id);
    jest.spyOn(Date, 'now').mockReturnValue((now + 61) * 1000);
    await expect(verifier.verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
  });
});
