import type { TokenIssuer } from '@bj/auth';
import type { ManualClock } from '@bj/service-kit';
import { actorTokens } from './actor-tokens';
import type { SimulationPort } from './simulated-session';

/**
 * The simulation's port onto a listening server, as real clients reach it: `fetch` over
 * keep-alive connections (Node's undici pools them per origin), tokens minted once per actor.
 * The clock is the app's own hand-moved clock, so the app must run in this process.
 */
export function httpPort(baseUrl: string, issuer: TokenIssuer, clock: ManualClock): SimulationPort {
  const tokenOf = actorTokens(issuer);
  return {
    async call(method, path, actor, body) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (actor) headers['authorization'] = `Bearer ${await tokenOf(actor)}`;
      if (method !== 'GET') headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
      const text = await res.text();
      return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
    },
    setDate(date) {
      clock.set(`${date}T01:00:00Z`); // 09:00 in Beijing
    },
  };
}
