// Benchmark (not a test), run by `npm run bench`: declaration submissions (申报提交) per second
// and their latency, 50 concurrent clients (autocannon) against the embedded app on a local port.
// Seeds a session and N applicants' drafts first (not measured), then each request submits one
// draft as its owner: POST /api/v1/declarations/:id/submit, the command that runs the
// eligibility pre-check and that everyone sends in the last days before the deadline.
// The clients (autocannon) run in a child process (submit-load.ts), on one set of keep-alive
// connections: the --warm-up drafts are submitted first (opening the connections), not measured.
// While the load runs, the server's event loop is watched: its delay (how long a timer waits for
// the turn in progress, so how long turns are; p99 and max) and its garbage collector's longest
// pause are reported with the latency, since a submission waits for the turn that is running.
// --profile-load FILE writes a V8 CPU profile of the server's process while the load runs (its
// warm-up and measured parts, not the seeding), for tools/bench/profile.ts.
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/http-submit.ts --submissions N --connections 50 --warm-up 500 --data-dir DIR [--profile-load FILE]
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadConfig, ManualClock } from '@bj/service-kit';
import { createEmbeddedApp } from '../create-embedded-app';
import { inProcessPort } from '../simulation/in-process-port';
import { CENTRE_STAFF } from '../simulation/simulated-session';
import { generatePopulation } from '../simulation/population';
import { declarationOf } from '../simulation/declarations';
import { sessionDefinition } from '@bj/test-fixtures';
import { cpuAccount, option, reportResult, runBench, startProfiler, wholeNumberOption } from './bench-support';
import type { LoadResult } from './submit-load';

const execFileAsync = promisify(execFile);

async function main() {
  const submissions = wholeNumberOption('submissions', 2000);
  const connections = wholeNumberOption('connections', 50);
  const warmUp = wholeNumberOption('warm-up', 500, 0);
  if (warmUp < connections) throw new Error(`--warm-up (${warmUp}) must be at least --connections (${connections}): the warm-up opens the connections`);
  const dataDir = option('data-dir', 'tmp/bench/http');
  const profileFile = option('profile-load', '') || undefined;
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
    const population = generatePopulation(Math.max(submissions + warmUp, 12), year);
    const drafts: { path: string; token: string }[] = [];
    const seedStarted = performance.now();
    for (const applicant of population.applicants.slice(0, submissions + warmUp)) {
      const res = await port.call('POST', '/api/v1/declarations', applicant.actor, { sessionYear: year, declaration: declarationOf(applicant) });
      if (res.status !== 201 && res.status !== 200) throw new Error(`drafting answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
      drafts.push({ path: `/api/v1/declarations/${res.body.declarationId}/submit`, token: await issuer.issue(applicant.actor, 3600, Math.floor(Date.now() / 1000)) });
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    process.stdout.write(`${drafts.length} drafts seeded in ${seedSeconds.toFixed(1)} s\n`);

    const { port: listening } = app.getHttpServer().address() as AddressInfo;
    // the clients run in their own process; the first `warmUp` submissions open the connections and warm the server up (JIT, caches), and are not measured
    const planFile = join(dataDir, 'load-plan.json');
    writeFileSync(planFile, JSON.stringify({ url: `http://127.0.0.1:${listening}`, connections, warmUp: drafts.slice(submissions), measured: drafts.slice(0, submissions) }));
    const root = resolve(__dirname, '../../../..');
    const profiler = profileFile ? await startProfiler() : undefined;
    const loop = watchEventLoop();
    const serverCpu = cpuAccount();
    const { stdout } = await execFileAsync(process.execPath, [join(root, 'tools/scripts/run-ts.js'), join(__dirname, 'submit-load.ts'), planFile], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const { eventLoopDelayMs, gcPauseMaxMs } = loop.stop();
    const loadCpu = serverCpu(); // the server's process over the whole load, warm-up included (the clients run in their own)
    if (profiler && profileFile) writeFileSync(profileFile, JSON.stringify(await profiler.stop()));
    const line = stdout.split('\n').find((l) => l.startsWith('LOAD_RESULT '));
    if (!line) throw new Error(`the load process reported nothing: ${stdout.slice(-400)}`);
    const result = JSON.parse(line.slice('LOAD_RESULT '.length)) as LoadResult;
    reportResult({
        submissions,
        warmUp,
        connections,
        seedSeconds,
        seconds: result.elapsedSeconds,
        submissionsPerSecond: result.measured / result.elapsedSeconds,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
        connectingMaxMs: result.connectingMaxMs,
        eventLoopDelayMs,
        gcPauseMaxMs,
        serverCpu: { ...loadCpu, submissions: submissions + warmUp },
        clientsCpu: result.clientsCpu,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      });
  } finally {
    await app.close();
  }
}

/** The event loop's delay (sampled every 5 ms) and the garbage collector's longest pause, from now until `stop`. */
function watchEventLoop() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let gcPauseMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauseMaxMs = Math.max(gcPauseMaxMs, entry.duration);
  });
  delay.enable();
  gc.observe({ entryTypes: ['gc'] });
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    stop() {
      delay.disable();
      gc.disconnect();
      return { eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }, gcPauseMaxMs: Math.round(gcPauseMaxMs * 10) / 10 };
    },
  };
}

runBench(main);
