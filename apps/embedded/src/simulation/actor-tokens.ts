import type { TokenIssuer } from '@bj/auth';
import type { Actor } from '@bj/kernel';

/** A bearer token per actor, minted once (valid a year) and reused for every call the actor makes. */
export function actorTokens(issuer: TokenIssuer): (actor: Actor) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (actor) => {
    const key = `${actor.role}/${actor.id}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = issuer.issue(actor, 365 * 86400, Math.floor(Date.now() / 1000))));
    return token;
  };
}
