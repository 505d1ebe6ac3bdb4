// Benchmark (not a test), run by `npm run bench`: one whole simulated annual session of N
// applicants through every stage, in the embedded mode, over real HTTP on a local port
// (keep-alive connections; `--concurrency` applicants act at once where they act independently).
// Leaves the SQLite log in --data-dir (the replay benchmark uses it as its template).
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/session.ts --applicants N --data-dir DIR [--concurrency 16]
import { rmSync } from 'node:fs';
import { loadConfig, ManualClock } from '@bj/service-kit';
import { createEmbeddedApp } from '../create-embedded-app';
import { httpPort } from '../simulation/http-port';
import { runSimulatedSession } from '../simulation/simulated-session';
import { option, reportResult, runBench, wholeNumberOption } from './bench-support';

async function main() {
  const applicants = wholeNumberOption('applicants', 10_000, 12);
  const concurrency = wholeNumberOption('concurrency', 16);
  const dataDir = option('data-dir', 'tmp/bench/session');
  rmSync(dataDir, { recursive: true, force: true });
  const year = 2026;
  const clock = new ManualClock(`${year}-05-20T01:00:00Z`);
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', AUTH_DEV_TOKENS: 'true' });
  const { app, issuer, store } = await createEmbeddedApp({ config, clock, logger: ['error'] });
  if (!issuer) throw new Error('the simulation mints its own tokens: AUTH_DEV_TOKENS must be true');
  // a real socket server; the simulation reaches it over keep-alive connections
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const started = performance.now();
  try {
    const result = await runSimulatedSession(httpPort(`http://127.0.0.1:${address.port}`, issuer, clock), {
      applicants,
      concurrency,
      year,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    const requests = result.stages.reduce((n, s) => n + s.requests, 0);
    const certified = result.outcomes.filter((o) => o.certificateNumber).length;
    const stuck = result.outcomes.filter((o) => o.finalStage?.startsWith('STUCK')).length;
    reportResult({
        applicants,
        concurrency,
        seconds,
        requests,
        requestsPerSecond: requests / seconds,
        events: await store.headPosition(),
        certified,
        stuck,
        stages: result.stages,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      });
  } finally {
    await app.close();
  }
}

runBench(main);
