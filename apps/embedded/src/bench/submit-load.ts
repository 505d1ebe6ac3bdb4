// Child of http-submit.ts: the 50 clients, in their own process so that they do not share the
// server's event loop (their time would count as the server's latency). Reads the requests to
// send from a JSON file and sends them over one set of keep-alive connections: the warm-up set
// first, not measured, then the measured set on the same connections.
//
// Why one set of connections: 50 clients that connect in the same millisecond to a busy Node
// server are accepted one per turn of its event loop, so the last of them waits ~300 ms for its
// first answer. A bare `http.createServer` with 0.4 ms of work per request shows the same (p99
// 60 ms, max 300 ms over 3,000 requests), so that start-up says nothing of this server's
// handling. It is reported on its own (`connectingMaxMs`: the slowest answer of the warm-up),
// and the latency figures are those of clients already connected, as at a deadline's rush.
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/submit-load.ts FILE
import { readFileSync } from 'node:fs';
import { cpuAccount, reportResult, runBench } from './bench-support';

/** The part of autocannon's programmatic API used here (the package ships no type declarations). */
interface CannonRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
interface CannonResult {
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
export interface LoadResult {
  /** From the first measured answer's request to the last measured answer. */
  readonly elapsedSeconds: number;
  readonly measured: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly average: number };
  /** The slowest answer of the warm-up, while the clients were still connecting. */
  readonly connectingMaxMs: number;
  /** The clients' own CPU (this process, every thread) over the warm-up and the measured requests, and how many those were. */
  readonly clientsCpu: { readonly processCpuMs: number; readonly requests: number };
}
/** Without a callback autocannon returns its instance: an event emitter that is also the result's promise. */
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  timeout: number;
  requests: { method: string; setupRequest: (request: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult> & { on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void };
const autocannon = require('autocannon') as Autocannon;

export interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly warmUp: readonly { path: string; token: string }[];
  readonly measured: readonly { path: string; token: string }[];
}

/** The nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Sends the warm-up and then the measured requests over the same `connections`. The requests go
 * out in order, and the first `warmUp.length` answers are not measured.
 */
async function fire(url: string, connections: number, warmUp: readonly { path: string; token: string }[], measured: readonly { path: string; token: string }[]): Promise<LoadResult> {
  const requests = [...warmUp, ...measured];
  const cpu = cpuAccount();
  let next = 0;
  let answered = 0;
  let connectingMaxMs = 0;
  const latencies: number[] = [];
  let measuredFrom = 0;
  let lastAnswer = 0;
  const instance = autocannon({
    url,
    connections: Math.min(connections, requests.length),
    amount: requests.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const r = requests[next++ % requests.length];
          return { ...request, path: r.path, headers: { ...request.headers, authorization: `Bearer ${r.token}`, 'content-type': 'application/json' }, body: '{}' };
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
    answered++;
    const now = performance.now();
    if (answered <= warmUp.length) {
      connectingMaxMs = Math.max(connectingMaxMs, responseTimeMs);
      return;
    }
    if (latencies.length === 0) measuredFrom = now - responseTimeMs;
    latencies.push(responseTimeMs);
    lastAnswer = now;
  });
  const result = await instance;
  const clientsCpu = { processCpuMs: cpu().processCpuMs, requests: requests.length };
  if (result['2xx'] !== requests.length) throw new Error(`${requests.length - result['2xx']} submissions failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    elapsedSeconds: (lastAnswer - measuredFrom) / 1000,
    measured: latencies.length,
    latency: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]),
      average: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    },
    connectingMaxMs: round(connectingMaxMs),
    clientsCpu,
  };
}

async function main() {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
  if (plan.warmUp.length < plan.connections) throw new Error(`the warm-up (${plan.warmUp.length}) must at least open the ${plan.connections} connections`);
  reportResult(await fire(plan.url, plan.connections, plan.warmUp, plan.measured), 'LOAD_RESULT');
}

runBench(main);
