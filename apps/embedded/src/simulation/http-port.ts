import { Agent, request, type RequestOptions } from 'node:http';
import type { TokenIssuer } from '@bj/auth';
import type { ManualClock } from '@bj/service-kit';
import { actorTokens } from './actor-tokens';
import type { SimulationPort } from './simulated-session';

/** How long a pooled connection may stay idle, below the server's keep-alive timeout (5 s). A request in flight is not cut. */
const IDLE_CONNECTION_MS = 4000;

/**
 * The simulation's port onto a listening server, as real clients reach it: HTTP/1.1 requests
 * over keep-alive connections (pooled per origin), tokens minted once per actor. The clock is
 * the app's own hand-moved clock, so the app must run in this process.
 *
 * It speaks `node:http` rather than `fetch`: the simulated clients share the server's cores, and
 * Node 20's `fetch` costs about 0.3–0.45 ms of CPU a request against 0.04–0.06 ms (measured
 * side by side against one server), so with `fetch` the clients of a session took a third of
 * two cores that the server then waited for (docs/benchmarks.md).
 */
export function httpPort(baseUrl: string, issuer: TokenIssuer, clock: ManualClock): SimulationPort {
  const tokenOf = actorTokens(issuer);
  const origin = new URL(baseUrl);
  if (origin.protocol !== 'http:') throw new Error(`the simulation speaks plain HTTP to a local server, not ${origin.protocol} (${baseUrl})`);
  // an idle connection is dropped after 4 s, before the server's keep-alive timeout (Node's
  // default, 5 s) closes it: a request sent on a connection the server is closing at that moment
  // fails with "socket hang up" (seen once in a session, after a stage left connections idle)
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_MS });
  return {
    async call(method, path, actor, body) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (actor) headers['authorization'] = `Bearer ${await tokenOf(actor)}`;
      const payload = method === 'GET' ? undefined : JSON.stringify(body ?? {});
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      const { status, contentType, text } = await send({ host: origin.hostname, port: origin.port, path, method, headers, agent }, payload);
      return { status, body: text && contentType.includes('json') ? JSON.parse(text) : text };
    },
    setDate(date) {
      clock.set(`${date}T01:00:00Z`); // 09:00 in Beijing
    },
  };
}

/** One request; resolves with the status, the content type and the body as text. */
function send(options: RequestOptions, payload: string | undefined): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
