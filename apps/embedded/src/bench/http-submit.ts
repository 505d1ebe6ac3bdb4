// Benchmark (not a test), run by `npm run bench`: declaration submissions (申报提交) per second
// and their latency, 50 concurrent clients (autocannon) against the embedded app on a local port.
// Seeds a session and N applicants' drafts first (not measured), then each request submits one
// draft as its owner: POST /api/v1/declarations/:id/submit, the command that runs the
// eligibility pre-check and that everyone sends in the last days before the deadline.
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/http-submit.ts --submissions N --connections 50 --data-dir DIR
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadConfig, ManualClock } from '@bj/service-kit';
import { createEmbeddedApp } from '../create-embedded-app';
import { inProcessPort } from '../simulation/in-process-port';
import { CENTRE_STAFF } from '../simulation/simulated-session';
import { generatePopulation } from '../simulation/population';
import { declarationOf } from '../simulation/declarations';
import { sessionDefinition } from '@bj/test-fixtures';

/** The part of autocannon's programmatic API used here (the package ships no type declarations). */
interface CannonRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
interface CannonResult {
  readonly duration: number;
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly average: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  timeout: number;
  requests: { method: string; setupRequest: (request: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;
const autocannon = require('autocannon') as Autocannon;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function wholeNumber(name: string, fallback: number): number {
  const n = Number(option(name, String(fallback)));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got "${option(name, '')}"`);
  return n;
}

async function main() {
  const submissions = wholeNumber('submissions', 2000);
  const connections = wholeNumber('connections', 50);
  const dataDir = option('data-dir', 'tmp/bench/http');
  rmSync(dataDir, { recursive: true, force: true });
  const year = 2026;
  const clock = new ManualClock(`${year}-05-20T01:00:00Z`);
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', AUTH_DEV_TOKENS: 'true' });
  const { app, issuer } = await createEmbeddedApp({ config, clock, logger: ['error'] });
  if (!issuer) throw new Error('the benchmark mints its own tokens: AUTH_DEV_TOKENS must be true');
  await app.listen(0, '127.0.0.1');
  const port = inProcessPort(app, issuer, clock);
  try {
    const opened = await port.call('POST', '/api/v1/sessions', CENTRE_STAFF['BJ_INFO_INDUSTRY_CENTRE'], sessionDefinition(year));
    if (opened.status >= 300) throw new Error(`opening the session answered ${opened.status}: ${JSON.stringify(opened.body)}`);
    port.setDate(`${year}-06-10`);
    const population = generatePopulation(Math.max(submissions, 12), year);
    const drafts: { path: string; token: string }[] = [];
    const seedStarted = performance.now();
    for (const applicant of population.applicants.slice(0, submissions)) {
      const res = await port.call('POST', '/api/v1/declarations', applicant.actor, { sessionYear: year, declaration: declarationOf(applicant) });
      if (res.status !== 201 && res.status !== 200) throw new Error(`drafting answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
      drafts.push({ path: `/api/v1/declarations/${res.body.declarationId}/submit`, token: await issuer.issue(applicant.actor, 3600, Math.floor(Date.now() / 1000)) });
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    process.stdout.write(`${drafts.length} drafts seeded in ${seedSeconds.toFixed(1)} s\n`);

    const { port: listening } = app.getHttpServer().address() as AddressInfo;
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${listening}`,
      connections,
      amount: drafts.length,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const draft = drafts[next++ % drafts.length];
            return { ...request, path: draft.path, headers: { ...request.headers, authorization: `Bearer ${draft.token}`, 'content-type': 'application/json' }, body: '{}' };
          },
        },
      ],
    });
    const ok = result['2xx'];
    if (ok !== drafts.length) throw new Error(`${drafts.length - ok} submissions failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    process.stdout.write(
      `BENCH_RESULT ${JSON.stringify({
        submissions: drafts.length,
        connections,
        seedSeconds,
        seconds: result.duration,
        submissionsPerSecond: ok / result.duration,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
