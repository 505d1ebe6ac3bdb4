import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { DEFAULT_TOKEN_SETTINGS, generateIssuerKeyPair, InvalidTokenError, TokenIssuer, TokenVerifier } from './token-issuer';
import type { Actor } from '@bj/kernel';

describe('bearer tokens', () => {
  const employer: Actor = { id: 'employer-zhiyuan', role: 'EMPLOYER', name: '智源科技', creditCode: '91110108MA01ABCD2X' };
  let issuer: TokenIssuer;
  let verifier: TokenVerifier;
  let otherVerifier: TokenVerifier;
  let privatePem: string;
  let privateKey: KeyObject;
  const now = () => Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A token signed with the issuer's own key over any header and claims, as a careless or hostile client might make one. */
  const signed = (header: Record<string, unknown>, claims: Record<string, unknown>) => {
    const input = `${part(header)}.${part(claims)}`;
    return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  };
  const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'employer-zhiyuan', role: 'EMPLOYER', iss: DEFAULT_TOKEN_SETTINGS.issuer, aud: DEFAULT_TOKEN_SETTINGS.audience, iat: now(), exp: now() + 600, ...extra });

  beforeAll(async () => {
    const pair = await generateIssuerKeyPair();
    privatePem = pair.privatePem;
    privateKey = createPrivateKey(pair.privatePem);
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

  it('accepts a token made by hand the way the issuer makes it, with the audience in a list', async () => {
    expect((await verifier.verify(signed({ alg: 'EdDSA', typ: 'JWT' }, claims({ aud: ['another-api', DEFAULT_TOKEN_SETTINGS.audience] })))).id).toBe('employer-zhiyuan');
  });

  it('refuses a token from another issuer or for another audience, naming the claim', async () => {
    const foreign = await TokenIssuer.fromPem(privatePem, { issuer: 'another-issuer', audience: DEFAULT_TOKEN_SETTINGS.audience });
    await expect(verifier.verify(await foreign.issue(employer))).rejects.toThrow('unexpected "iss" claim value');
    const elsewhere = await TokenIssuer.fromPem(privatePem, { issuer: DEFAULT_TOKEN_SETTINGS.issuer, audience: 'another-api' });
    await expect(verifier.verify(await elsewhere.issue(employer))).rejects.toThrow('unexpected "aud" claim value');
    await expect(verifier.verify(signed({ alg: 'EdDSA' }, claims({ aud: undefined })))).rejects.toThrow('missing required "aud" claim');
  });

  it('refuses a header naming another algorithm or an unknown critical extension, even when the signature holds', async () => {
    await expect(verifier.verify(signed({ alg: 'HS256' }, claims()))).rejects.toThrow('"alg" (Algorithm) Header Parameter value not allowed');
    await expect(verifier.verify(signed({ alg: 'none' }, claims()))).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(signed({ alg: 'EdDSA', crit: ['urn:example:unknown'], 'urn:example:unknown': true }, claims()))).rejects.toThrow('is not recognized');
  });

  it('refuses a token not yet valid, or whose time claims are not numbers', async () => {
    await expect(verifier.verify(signed({ alg: 'EdDSA' }, claims({ nbf: now() + 600 })))).rejects.toThrow('"nbf" claim timestamp check failed');
    await expect(verifier.verify(signed({ alg: 'EdDSA' }, claims({ exp: String(now() + 600) })))).rejects.toThrow('"exp" claim must be a number');
    await expect(verifier.verify(signed({ alg: 'EdDSA' }, claims({ iat: 'today' })))).rejects.toThrow('"iat" claim must be a number');
    await expect(verifier.verify(signed({ alg: 'EdDSA' }, claims({ exp: now() })))).rejects.toThrow('"exp" claim timestamp check failed');
  });

  it('refuses what is not a compact JWS, and an altered signature', async () => {
    const token = await issuer.issue(employer);
    const [header, payload, signature] = token.split('.');
    for (const malformed of ['', 'abc', `${header}.${payload}`, `${header}.${payload}.${signature}.x`, `${header}..${signature}`]) {
      await expect(verifier.verify(malformed)).rejects.toThrow(InvalidTokenError);
    }
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toThrow('signature verification failed');
  });
});
