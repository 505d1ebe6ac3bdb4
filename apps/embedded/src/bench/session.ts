// Benchmark (not a test), run by `npm run bench`: one whole simulated annual session of N
// applicants through every stage, in the embedded mode, over real HTTP on a local port
// (keep-alive connections; `--concurrency` applicants act at once where they act independently).
// The clients run on a worker thread of their own (session-client.ts), not on the server's event
// loop; the server's hand-moved clock is set from there by message.
// Leaves the SQLite log in --data-dir (the replay benchmark uses it as its template).
// --profile-stages DIR writes a V8 CPU profile of the server's main thread for each stage, cut
// when the clients report the stage done (01-2026-05-20.cpuprofile, …), for tools/bench/profile.ts.
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/session.ts --applicants N --data-dir DIR [--concurrency 16] [--profile-stages DIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig, ManualClock } from '@bj/service-kit';
import { createEmbeddedApp } from '../create-embedded-app';
import type { StageReport } from '../simulation/simulated-session';
import { cpuAccount, type CpuAccount, option, reportResult, runBench, startProfiler, wholeNumberOption } from './bench-support';
import type { ClientMessage, DateApplied, SessionClientData } from './session-client';

/** One CPU profile per stage, written to `dir` as each stage's report line arrives. */
async function stageProfiles(dir: string) {
  mkdirSync(dir, { recursive: true });
  let profiler = await startProfiler();
  let count = 0;
  let pending = Promise.resolve();
  return {
    /** Ends the stage being profiled (its report line starts with its date) and starts the next. */
    stageDone(line: string) {
      const done = profiler;
      const name = `${String(++count).padStart(2, '0')}-${line.slice(0, 10)}`;
      pending = pending.then(async () => {
        writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(await done.stop()));
        profiler = await startProfiler();
      });
    },
    async stop() {
      await pending;
      await profiler.stop();
    },
  };
}

/**
 * Runs the simulated clients on their worker thread; resolves with what they report. `cpu`
 * receives each stage's CPU account when the clients report the stage done.
 */
function runClients(data: SessionClientData, clock: ManualClock, cpu: (account: CpuAccount) => void, profiles?: Awaited<ReturnType<typeof stageProfiles>>): Promise<Extract<ClientMessage, { kind: 'done' }>> {
  const stageCpu = cpuAccount();
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'session-client.worker.js'), { workerData: data });
    worker.on('message', (m: ClientMessage) => {
      if (m.kind === 'setDate') {
        clock.set(m.iso);
        worker.postMessage({ id: m.id } satisfies DateApplied);
      } else if (m.kind === 'log') {
        cpu({ ...stageCpu(), ...(m.clientsCpuMs === undefined ? {} : { clientsCpuMs: m.clientsCpuMs }) });
        process.stdout.write(`${m.line}\n`);
        profiles?.stageDone(m.line);
      } else if (m.kind === 'done') void Promise.resolve(profiles?.stop()).then(() => worker.terminate()).then(() => resolve(m), reject);
      else void worker.terminate().then(() => reject(new Error(m.message)));
    });
    worker.on('error', reject);
  });
}

async function main() {
  const applicants = wholeNumberOption('applicants', 10_000, 12);
  const concurrency = wholeNumberOption('concurrency', 16);
  const dataDir = option('data-dir', 'tmp/bench/session');
  const profileDir = option('profile-stages', '');
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
    const profiles = profileDir ? await stageProfiles(profileDir) : undefined;
    const stageAccounts: CpuAccount[] = [];
    const result = await runClients({ baseUrl: `http://127.0.0.1:${address.port}`, dataDir, applicants, concurrency, year }, clock, (account) => stageAccounts.push(account), profiles);
    const seconds = (performance.now() - started) / 1000;
    reportResult({
      applicants,
      concurrency,
      seconds,
      requests: result.requests,
      requestsPerSecond: result.requests / seconds,
      events: await store.headPosition(),
      certified: result.certified,
      stuck: result.stuck,
      // each stage with where its CPU went: the server's main thread, the clients' thread, every thread of the process
      stages: (result.stages as StageReport[]).map((stage, i) => ({ ...stage, cpu: stageAccounts[i] })),
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    });
  } finally {
    await app.close();
  }
}

runBench(main);
