// Child of http-submit.ts: the 50 clients, in their own process so that they do not share the
// server's event loop (their time would count as the server's latency). Reads the requests to
// send from a JSON file; sends the warm-up set first (not measured), then the measured set.
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/submit-load.ts FILE
import { readFileSync } from 'node:fs';
import { reportResult, runBench } from './bench-support';

/** The part of autocannon's programmatic API used here (the package ships no type declarations). */
interface CannonRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
export interface CannonResult {
  readonly duration: number;
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly average: number };
}
/** Without a callback autocannon returns its instance: an event emitter that is also the result's promise. */
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  timeout: number;
  requests: { method: string; setupRequest: (request: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult> & { on(event: 'response', listener: () => void): void };
const autocannon = require('autocannon') as Autocannon;

export interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly warmUp: readonly { path: string; token: string }[];
  readonly measured: readonly { path: string; token: string }[];
}

/** Sends the requests; `elapsedSeconds` runs from the start to the last response (autocannon's own duration is in whole seconds). */
async function fire(url: string, connections: number, requests: readonly { path: string; token: string }[]): Promise<CannonResult & { elapsedSeconds: number }> {
  let next = 0;
  const started = performance.now();
  let lastResponse = started;
  const instance = autocannon({
    url,
    connections: Math.min(connections, requests.length), // autocannon refuses more connections than requests (a short warm-up)
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
  instance.on('response', () => {
    lastResponse = performance.now();
  });
  const result = await instance;
  if (result['2xx'] !== requests.length) throw new Error(`${requests.length - result['2xx']} submissions failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return { ...result, elapsedSeconds: (lastResponse - started) / 1000 };
}

async function main() {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
  if (plan.warmUp.length > 0) await fire(plan.url, plan.connections, plan.warmUp);
  const result = await fire(plan.url, plan.connections, plan.measured);
  reportResult(result, 'LOAD_RESULT');
}

runBench(main);
