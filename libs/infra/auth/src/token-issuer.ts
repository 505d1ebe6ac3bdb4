import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { isRole, type Actor } from '@bj/kernel';

const ALG = 'EdDSA';

export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
}

export const DEFAULT_TOKEN_SETTINGS: TokenSettings = { issuer: 'bj-ai-title', audience: 'bj-ai-title-api' };

/** Why a bearer token was refused, in words a client developer can act on. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** How many verified tokens are remembered (a client sends the same token with every request). */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Verifies bearer JWTs (EdDSA/Ed25519) from the configured issuer key and turns them into actors.
 * A token that verified is remembered, by its exact text, until its `exp` (or `nbf` before it):
 * the same bytes verify the same way, so only the time claims are checked again. That spares an
 * Ed25519 verification on every request of a client that sends the same token.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { readonly actor: Actor; readonly exp?: number; readonly nbf?: number }>();

  constructor(
    private readonly publicKey: KeyLike,
    private readonly settings: TokenSettings = DEFAULT_TOKEN_SETTINGS,
  ) {}

  static async fromPem(spkiPem: string, settings?: TokenSettings): Promise<TokenVerifier> {
    return new TokenVerifier(await importSPKI(spkiPem, ALG), settings);
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) {
      const now = Date.now() / 1000;
      if ((known.exp === undefined || now < known.exp) && (known.nbf === undefined || now >= known.nbf)) return known.actor;
      this.verified.delete(token); // expired (or not yet valid): jose says why below
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, { issuer: this.settings.issuer, audience: this.settings.audience, algorithms: [ALG], currentDate: new Date(Date.now()) }));
    } catch (e) {
      throw new InvalidTokenError(`The bearer token is not valid: ${(e as Error).message}`);
    }
    const role = payload['role'];
    if (typeof payload.sub !== 'string' || !isRole(role)) throw new InvalidTokenError('The bearer token has no subject or no known role');
    const optional = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : undefined);
    const actor: Actor = { id: payload.sub, role, name: optional('name'), creditCode: optional('creditCode'), centre: optional('centre') };
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { actor, exp: payload.exp, nbf: payload.nbf });
    return actor;
  }
}

/** Signs tokens. Embedded mode only (demo users); a real deployment gets its tokens from the city's identity provider. */
export class TokenIssuer {
  constructor(
    private readonly privateKey: KeyLike,
    private readonly settings: TokenSettings = DEFAULT_TOKEN_SETTINGS,
  ) {}

  static async fromPem(pkcs8Pem: string, settings?: TokenSettings): Promise<TokenIssuer> {
    return new TokenIssuer(await importPKCS8(pkcs8Pem, ALG), settings);
  }

  async issue(actor: Actor, ttlSeconds = 12 * 3600, now = Math.floor(Date.now() / 1000)): Promise<string> {
    const claims: Record<string, string> = { role: actor.role };
    if (actor.name) claims['name'] = actor.name;
    if (actor.creditCode) claims['creditCode'] = actor.creditCode;
    if (actor.centre) claims['centre'] = actor.centre;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG })
      .setSubject(actor.id)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.privateKey);
  }
}

export async function generateIssuerKeyPair(): Promise<{ privatePem: string; publicPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  return { privatePem: await exportPKCS8(privateKey), publicPem: await exportSPKI(publicKey) };
}
