// `npm run bench` (full) and `npm run bench -- --quick` (under a minute): every benchmark of the
// evaluation system, each in its own Node process, each figure the median of several runs;
// prints a table and writes tools/bench/results/<date>[-quick][-<sections>].json (with the start's UTC time
// added when that file exists) with the machine's description.
// Options: --quick, --profile (CPU profiles of the session and the replay, summarised),
//          --session-applicants N[,M…] (default 10000), --session-runs N, --replay-events N, --runs N, --submissions N, --warm-up N.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadavg } from 'node:os';
import { peerInstalled, peerVersion } from './peer';
import { summariseProfile, type ProfileSummary } from './profile';
import { BENCH_DATA_BYTES } from './payload';
import { probeFdatasync, probeTwoCores, type FdatasyncFigures, type TwoCoresFigures } from './machine-probe';
import { ROOT, SCRATCH, checkpointPostgres, describeMachine, flag, median, medianOf, option, runChild, wholeNumberOption } from './support';

const quick = flag('quick');
const SECTIONS = ['stores', 'certificates', 'session', 'replay', 'http'] as const;
type Section = (typeof SECTIONS)[number];
/** Reads the options; a wrong one ends the run with its reason, before anything is measured. */
function readOptions() {
  /** `--only stores,replay`: run some sections (the replay then reuses the last session's log as template). */
  const only = option('only', SECTIONS.join(',')).split(',') as Section[];
  if (only.some((s) => !SECTIONS.includes(s))) throw new Error(`--only takes sections among ${SECTIONS.join(', ')}`);
  if (only.includes('replay') && !only.includes('session') && !existsSync(REPLAY_TEMPLATE)) {
    throw new Error(
      `--only replay generates its log from a session's log, and ${relative(ROOT, REPLAY_TEMPLATE)} does not exist: ` +
        `run the session too (--only session,replay), or create tmp/bench/keep before a run with the session, so that its scratch files stay`,
    );
  }
  const runs = wholeNumberOption('runs', 3);
  const settings = {
    appends: wholeNumberOption('appends', quick ? 60 : 1000),
    sessionApplicants: option('session-applicants', quick ? '12' : '10000')
      .split(',')
      .map((n) => Number(n)),
    replayEvents: wholeNumberOption('replay-events', quick ? 10_000 : 1_000_000),
    replayRuns: wholeNumberOption('replay-runs', quick ? 1 : runs),
    sessionRuns: wholeNumberOption('session-runs', quick ? 1 : runs),
    certificates: wholeNumberOption('certificates', quick ? 20 : 300),
    /** Certificates rendered first in each run's process, while V8 compiles the renderer; their rate is reported on its own. */
    certificateWarmUp: wholeNumberOption('certificate-warm-up', quick ? 10 : 50),
    /** Quick: one run of the certificates and of the HTTP benchmark (each child costs seconds to start). */
    childRuns: quick ? 1 : runs,
    submissions: wholeNumberOption('submissions', quick ? 100 : 3000),
    /** Submissions sent first, over the connections the measured ones then use: they open them and warm the server up, and are not measured. */
    warmUp: wholeNumberOption('warm-up', quick ? 50 : 500),
    connections: 50,
  };
  if (settings.sessionApplicants.some((n) => !Number.isInteger(n) || n < 12)) throw new Error('--session-applicants must be whole numbers of at least 12, separated by commas');
  return { only, runs, settings };
}

/** The replay's template: the log the last session of this run leaves, or one kept from an earlier run. */
const REPLAY_TEMPLATE = join(SCRATCH, 'session', 'events.sqlite');
const { only, runs, settings } = (() => {
  try {
    return readOptions();
  } catch (e) {
    process.stderr.write(`npm run bench: ${(e as Error).message}\n`);
    process.exit(1);
  }
})();
const runs_ = (section: Section) => only.includes(section);
const profile = flag('profile');

const TARGETS = {
  replaySeconds: 10,
  replayRssMiB: 1024,
  sessionSeconds: 60,
  sessionApplicants: 10_000,
  certificatesPerCoreSecond: 150,
  submissionP99Ms: 50,
};

function ensurePeer(): void {
  if (peerInstalled()) return;
  process.stderr.write('Installing the peer (Emmett) into tools/bench/node_modules, once…\n');
  const install = spawnSync('npm', ['ci', '--prefix', join(ROOT, 'tools/bench'), '--legacy-peer-deps', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: ROOT });
  if (install.status !== 0 || !peerInstalled()) throw new Error('could not install the peer into tools/bench (see the npm output above)');
}

/** Runs tools/bench/certificates.ts pinned to one core and reads the figures it prints. */
function runCertificates(n: number, warmUp: number): Promise<CertificateFigures> {
  const pin = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
  const [command, ...args] = [...pin, process.execPath, join(ROOT, 'tools/scripts/run-ts.js'), 'tools/bench/certificates.ts', String(n), String(warmUp)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('close', (code) => {
      const wall = /([\d.]+) certificates\/second, ([\d.]+) KiB each/.exec(out);
      const cpu = /CPU: ([\d.]+) certificates per CPU-second/.exec(out);
      const first = /first \d+ certificates after it: ([\d.]+) certificates per CPU-second/.exec(out);
      if (code !== 0 || !wall || !cpu || !first) return reject(new Error(`certificates.ts exited with ${code}: ${out}`));
      process.stderr.write(out.replace(/^/gm, '    '));
      resolve({ perSecond: Number(wall[1]), perCpuSecond: Number(cpu[1]), firstPerCpuSecond: Number(first[1]), kibEach: Number(wall[2]) });
    });
  });
}

async function profiled<T>(name: string, entry: string, args: string[], nodeFlags: string[] = []): Promise<{ result: T; profile?: ProfileSummary }> {
  if (!profile) return { result: await runChild<T>(entry, args, nodeFlags) };
  const dir = join(SCRATCH, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await runChild<T>(entry, args, [...nodeFlags, '--cpu-prof', '--cpu-prof-dir', dir]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return { result, profile: file ? summariseProfile(join(dir, file), 15) : undefined };
}

interface StoreFigures {
  singleWriterAppendsPerSecond: number;
  concurrentAppendsPerSecond: number;
  readAllEventsPerSecond: number;
  readStreamPerSecond: number;
}

interface SessionFigures {
  applicants: number;
  seconds: number;
  requests: number;
  events: number;
  certified: number;
  stuck: number;
  peakRssMiB: number;
  stages: { stage: string; requests: number; ms: number; summary: string; cpu?: StageCpu }[];
}

/** Where a stage's CPU went (session.ts): the server's main thread on a CPU and waiting for one (Linux), every thread of the process. */
interface StageCpu {
  processCpuMs: number;
  mainThreadCpuMs?: number;
  mainThreadWaitingMs?: number;
  clientsCpuMs?: number;
}

interface ReplayFigures {
  events: number;
  projections: string[];
  projectionFailures: number;
  projectionSeconds: number;
  verifySeconds: number;
  replayAndVerifySeconds: number;
  projectionPeakRssMiB: number;
  verifyPeakRssMiB: number;
  /** The read models' heap after a full collection. */
  liveHeapMiB: number;
  peakRssMiB: number;
}

interface HttpFigures {
  submissionsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The slowest answer of the warm-up, while the 50 clients were connecting (not the measured latency). */
  connectingMaxMs: number;
  /** The server's event loop while the load ran: how long a timer waited for the turn in progress. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** The garbage collector's longest pause meanwhile. */
  gcPauseMaxMs: number;
  /** The server's process over the load (warm-up included): its main thread on a CPU and waiting for one (Linux), every thread. */
  serverCpu: StageCpu & { submissions: number };
  /** The clients' process (autocannon) over the same requests: every thread's CPU. */
  clientsCpu: { processCpuMs: number; requests: number };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

async function main() {
  ensurePeer();
  const started = new Date();
  mkdirSync(SCRATCH, { recursive: true });
  const machine = { ...(await describeMachine()), fdatasync: probeFdatasync(SCRATCH), twoCores: await probeTwoCores() };
  process.stderr.write(
    `bench ${quick ? '(quick)' : '(full)'} on ${machine.cpuModel} (${machine.cpuId}) × ${machine.cores}, load ${machine.loadAverageAtStart.join(' ')}\n` +
      `  fdatasync ${machine.fdatasync.medianMs} ms (p99 ${machine.fdatasync.p99Ms}, max ${machine.fdatasync.maxMs} over ${machine.fdatasync.calls}); ` +
      `two jobs at once take ${machine.twoCores.slowdown}× the time of one alone (${machine.twoCores.aloneMs} → ${machine.twoCores.togetherMs} ms)\n`,
  );

  // 1. stores: ours and Emmett's, SQLite and PostgreSQL
  // Runs alternate between ours and Emmett, so that both see the same load on a shared machine.
  const stores: Record<string, StoreFigures & { samples: StoreFigures[] }> = {};
  if (runs_('stores')) {
    for (const db of ['sqlite', 'postgres']) {
      const samples: Record<string, StoreFigures[]> = { ours: [], emmett: [] };
      for (let r = 0; r < runs; r++) {
        for (const impl of ['ours', 'emmett']) {
          process.stderr.write(`• stores: ${impl} on ${db}, run ${r + 1} of ${runs}\n`);
          samples[impl].push(await runChild<StoreFigures>('tools/bench/stores.ts', ['--impl', impl, '--db', db, '--appends', String(settings.appends), '--runs', '1']));
        }
      }
      for (const impl of ['ours', 'emmett']) {
        const of = (key: keyof StoreFigures) => median(samples[impl].map((x) => x[key]));
        stores[`${impl}/${db}`] = {
          singleWriterAppendsPerSecond: of('singleWriterAppendsPerSecond'),
          concurrentAppendsPerSecond: of('concurrentAppendsPerSecond'),
          readAllEventsPerSecond: of('readAllEventsPerSecond'),
          readStreamPerSecond: of('readStreamPerSecond'),
          samples: samples[impl],
        };
      }
    }
  }

  if (runs_('stores') && !(await checkpointPostgres())) process.stderr.write('  (CHECKPOINT refused: PostgreSQL may still be writing the stores runs out during the next section)\n');

  // 2. certificates on one core
  const certRuns = [];
  for (let r = 0; runs_('certificates') && r < settings.childRuns; r++) {
    process.stderr.write(`• certificates on one core, run ${r + 1} of ${settings.childRuns}\n`);
    certRuns.push(await runCertificates(settings.certificates, settings.certificateWarmUp));
  }
  const certificates = certRuns.length
    ? {
        perSecond: median(certRuns.map((c) => c.perSecond)),
        perCpuSecond: median(certRuns.map((c) => c.perCpuSecond)),
        firstPerCpuSecond: median(certRuns.map((c) => c.firstPerCpuSecond)),
        kibEach: median(certRuns.map((c) => c.kibEach)),
        samples: certRuns,
      }
    : undefined;

  // 3. simulated sessions (the last one's log is the replay's template)
  const sessions: Figures['sessions'] = [];
  for (const applicants of runs_('session') ? settings.sessionApplicants : []) {
    const sessionRuns: SessionFigures[] = [];
    let sessionProfile: ProfileSummary | undefined;
    for (let r = 0; r < settings.sessionRuns; r++) {
      process.stderr.write(`• simulated session of ${applicants} applicants over HTTP, run ${r + 1} of ${settings.sessionRuns}\n`);
      const { result, profile: p } = await profiled<SessionFigures>(`session-${applicants}`, 'apps/embedded/src/bench/session.ts', ['--applicants', String(applicants), '--data-dir', join(SCRATCH, 'session')]);
      sessionRuns.push(result);
      sessionProfile ??= p;
    }
    // the run of median time stands for the size (its stages); every run's time and memory are kept
    const byTime = [...sessionRuns].sort((a, b) => a.seconds - b.seconds);
    const middle = byTime[Math.floor((byTime.length - 1) / 2)];
    sessions.push({ ...middle, seconds: median(sessionRuns.map((x) => x.seconds)), peakRssMiB: median(sessionRuns.map((x) => x.peakRssMiB)), runs: sessionRuns.map((x) => ({ seconds: x.seconds, peakRssMiB: x.peakRssMiB, requests: x.requests })), profile: sessionProfile });
  }

  // 4. replay of a generated log
  const replay = runs_('replay') ? await replayFigures() : undefined;

  const httpRuns: HttpFigures[] = [];
  for (let r = 0; runs_('http') && r < settings.childRuns; r++) {
    process.stderr.write(`• HTTP submissions, run ${r + 1} of ${settings.childRuns}\n`);
    httpRuns.push(await runChild<HttpFigures>('apps/embedded/src/bench/http-submit.ts', ['--submissions', String(settings.submissions), '--warm-up', String(settings.warmUp), '--connections', String(settings.connections), '--data-dir', join(SCRATCH, 'http')]));
  }
  const http = httpRuns.length
    ? {
        submissions: settings.submissions,
        connections: settings.connections,
        submissionsPerSecond: median(httpRuns.map((h) => h.submissionsPerSecond)),
        p50Ms: median(httpRuns.map((h) => h.latencyMs.p50)),
        p99Ms: median(httpRuns.map((h) => h.latencyMs.p99)),
        connectingMaxMs: median(httpRuns.map((h) => h.connectingMaxMs)),
        eventLoopDelayP99Ms: median(httpRuns.map((h) => h.eventLoopDelayMs.p99)),
        eventLoopDelayMaxMs: median(httpRuns.map((h) => h.eventLoopDelayMs.max)),
        gcPauseMaxMs: median(httpRuns.map((h) => h.gcPauseMaxMs)),
        mainThreadCpuMsEach: medianOf(httpRuns.map((h) => h.serverCpu.mainThreadCpuMs === undefined ? undefined : h.serverCpu.mainThreadCpuMs / h.serverCpu.submissions)),
        mainThreadWaitingMsEach: medianOf(httpRuns.map((h) => h.serverCpu.mainThreadWaitingMs === undefined ? undefined : h.serverCpu.mainThreadWaitingMs / h.serverCpu.submissions)),
        processCpuMsEach: median(httpRuns.map((h) => h.serverCpu.processCpuMs / h.serverCpu.submissions)),
        clientsCpuMsEach: median(httpRuns.map((h) => h.clientsCpu.processCpuMs / h.clientsCpu.requests)),
        // both processes' CPU a submission times submissions a second: how many of the machine's cores the load keeps busy
        coresBusy: median(httpRuns.map((h) => ((h.serverCpu.processCpuMs / h.serverCpu.submissions + h.clientsCpu.processCpuMs / h.clientsCpu.requests) * h.submissionsPerSecond) / 1000)),
        samples: httpRuns,
      }
    : undefined;
  // the same probes again: a shared machine's speed moves within a run, and the two ends bound it
  const machineAtEnd = { fdatasync: probeFdatasync(SCRATCH), twoCores: await probeTwoCores() };
  printAndWrite({ machine, machineAtEnd, started, stores, certificates, sessions, replay, http });
}

async function replayFigures() {
  process.stderr.write(`• generating ${settings.replayEvents.toLocaleString('en-US')} events for the replay\n`);
  const replayLog = join(SCRATCH, 'replay', 'events.sqlite');
  const generated = await runChild<Record<string, number>>('tools/bench/replay-generate.ts', ['--template', REPLAY_TEMPLATE, '--out', replayLog, '--events', String(settings.replayEvents), '--years', '10']);
  const replayRuns: ReplayFigures[] = [];
  let replayProfile: ProfileSummary | undefined;
  for (let r = 0; r < settings.replayRuns; r++) {
    process.stderr.write(`• replay run ${r + 1} of ${settings.replayRuns}\n`);
    const { result, profile: p } = await profiled<ReplayFigures>('replay', 'tools/bench/replay.ts', ['--log', replayLog], ['--expose-gc']);
    replayRuns.push(result);
    replayProfile ??= p;
  }
  return {
    events: replayRuns[0].events,
    generated,
    projections: replayRuns[0].projections,
    projectionFailures: replayRuns[0].projectionFailures,
    projectionSeconds: median(replayRuns.map((r) => r.projectionSeconds)),
    verifySeconds: median(replayRuns.map((r) => r.verifySeconds)),
    replayAndVerifySeconds: median(replayRuns.map((r) => r.replayAndVerifySeconds)),
    peakRssMiB: median(replayRuns.map((r) => r.peakRssMiB)),
    projectionPeakRssMiB: median(replayRuns.map((r) => r.projectionPeakRssMiB)),
    verifyPeakRssMiB: median(replayRuns.map((r) => r.verifyPeakRssMiB)),
    liveHeapMiB: median(replayRuns.map((r) => r.liveHeapMiB)),
    samples: replayRuns,
    profile: replayProfile,
  };
}

interface CertificateFigures {
  /** The measured certificates, after the warm-up: wall and CPU rates. */
  perSecond: number;
  perCpuSecond: number;
  /** The warm-up's: the process's first certificates after the font is read. */
  firstPerCpuSecond: number;
  kibEach: number;
}

interface MachineProbes {
  fdatasync: FdatasyncFigures;
  twoCores: TwoCoresFigures;
}

interface Figures {
  machine: Awaited<ReturnType<typeof describeMachine>> & MachineProbes;
  machineAtEnd: MachineProbes;
  started: Date;
  stores: Record<string, StoreFigures>;
  certificates?: CertificateFigures;
  sessions: (SessionFigures & { profile?: ProfileSummary; runs?: { seconds: number; peakRssMiB: number; requests: number }[] })[];
  replay?: Awaited<ReturnType<typeof replayFigures>>;
  http?: { submissionsPerSecond: number; p50Ms: number; p99Ms: number; connectingMaxMs: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number; gcPauseMaxMs: number; mainThreadCpuMsEach?: number; mainThreadWaitingMsEach?: number; processCpuMsEach: number; clientsCpuMsEach: number; coresBusy: number };
}

function printAndWrite({ machine, machineAtEnd, started, stores, certificates, sessions, replay, http }: Figures): void {
  // the table
  const rows: string[][] = [['figure', 'ours', 'Emmett', 'ours/Emmett', 'target']];
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
  for (const db of Object.keys(stores).length ? ['sqlite', 'postgres'] : []) {
    const o = stores[`ours/${db}`];
    const e = stores[`emmett/${db}`];
    rows.push([`${db}: appends/s, 1 writer (1 event/append)`, fmt(o.singleWriterAppendsPerSecond), fmt(e.singleWriterAppendsPerSecond), ratio(o.singleWriterAppendsPerSecond, e.singleWriterAppendsPerSecond), '≥ 1×']);
    rows.push([`${db}: appends/s, 8 writers`, fmt(o.concurrentAppendsPerSecond), fmt(e.concurrentAppendsPerSecond), ratio(o.concurrentAppendsPerSecond, e.concurrentAppendsPerSecond), '≥ 1×']);
    rows.push([`${db}: read whole log, events/s`, fmt(o.readAllEventsPerSecond), fmt(e.readAllEventsPerSecond), ratio(o.readAllEventsPerSecond, e.readAllEventsPerSecond), '']);
    rows.push([`${db}: read one 20-event stream, reads/s`, fmt(o.readStreamPerSecond), fmt(e.readStreamPerSecond), ratio(o.readStreamPerSecond, e.readStreamPerSecond), '']);
  }
  if (replay) {
    rows.push([`replay ${fmt(replay.events)} events: projections ‖ verification, s`, `${fmt(replay.replayAndVerifySeconds, 1)} (${fmt(replay.projectionSeconds, 1)} ‖ ${fmt(replay.verifySeconds, 1)})`, '', '', `< ${TARGETS.replaySeconds} s (1M)`]);
    rows.push(['replay: peak RSS, MiB (both processes)', `${fmt(replay.peakRssMiB)} (${fmt(replay.projectionPeakRssMiB)} + ${fmt(replay.verifyPeakRssMiB)})`, '', '', `< ${TARGETS.replayRssMiB}`]);
    rows.push(['replay: read models after a full GC, MiB', fmt(replay.liveHeapMiB), '', '', '']);
  }
  for (const s of sessions) {
    rows.push([`session of ${fmt(s.applicants)} applicants over HTTP, s`, `${fmt(s.seconds, 1)} (${fmt(s.requests)} requests, ${fmt(s.events)} events)`, '', '', `< ${TARGETS.sessionSeconds} s (10,000)`]);
    rows.push([`session of ${fmt(s.applicants)}: peak RSS, MiB`, fmt(s.peakRssMiB), '', '', '']);
  }
  if (certificates) {
    rows.push([`certificates per CPU-second (one core, after ${settings.certificateWarmUp})`, `${fmt(certificates.perCpuSecond, 1)} (${fmt(certificates.perSecond, 1)}/s wall)`, '', '', `≥ ${TARGETS.certificatesPerCoreSecond}`]);
    rows.push([`certificates: a process's first ${settings.certificateWarmUp}, per CPU-second`, fmt(certificates.firstPerCpuSecond, 1), '', '', '']);
  }
  if (http) {
    rows.push([`submissions/s, ${settings.connections} clients`, fmt(http.submissionsPerSecond), '', '', '']);
    rows.push(['submission latency p50 / p99, ms', `${fmt(http.p50Ms)} / ${fmt(http.p99Ms)}`, '', '', `p99 < ${TARGETS.submissionP99Ms}`]);
    rows.push([`slowest answer while the ${settings.connections} clients connect, ms`, fmt(http.connectingMaxMs), '', '', '']);
    rows.push(["server's event-loop delay p99 / max (a turn's length), ms", `${fmt(http.eventLoopDelayP99Ms)} / ${fmt(http.eventLoopDelayMaxMs)}`, '', '', '']);
    rows.push(["server's longest GC pause during the load, ms", fmt(http.gcPauseMaxMs, 1), '', '', '']);
    if (http.mainThreadCpuMsEach !== undefined) rows.push(["server's main thread per submission: on a CPU / waiting for one, ms", `${fmt(http.mainThreadCpuMsEach, 2)} / ${fmt(http.mainThreadWaitingMsEach ?? NaN, 2)}`, '', '', '']);
    rows.push(["server's process per submission, every thread, CPU ms", fmt(http.processCpuMsEach, 2), '', '', '']);
    rows.push(["clients' process per submission, CPU ms", fmt(http.clientsCpuMsEach, 2), '', '', '']);
    rows.push([`cores the load keeps busy (server and clients, of ${machine.cores})`, fmt(http.coresBusy, 2), '', '', '']);
  }
  rows.push(['machine: fdatasync median / p99, ms (start → end)', `${machine.fdatasync.medianMs} / ${machine.fdatasync.p99Ms} → ${machineAtEnd.fdatasync.medianMs} / ${machineAtEnd.fdatasync.p99Ms}`, '', '', '']);
  rows.push(['machine: two jobs at once / one alone (start → end)', `${machine.twoCores.slowdown}× → ${machineAtEnd.twoCores.slowdown}×`, '', '', '']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  process.stdout.write(`\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.slice(1).map(line).join('\n')}\n`);
  for (const s of sessions) {
    process.stdout.write(`\nsession of ${s.applicants} applicants, per stage (wall; the server's main thread on a CPU + waiting for one; the clients' thread; every thread's CPU):\n`);
    for (const st of s.stages) process.stdout.write(`  ${st.stage.padEnd(30)} ${String(st.requests).padStart(6)} requests ${String(st.ms).padStart(8)} ms  ${stageCpuText(st.cpu)}${st.summary}\n`);
    if (s.profile) printProfile(`session of ${s.applicants}`, s.profile);
  }
  if (replay?.profile) printProfile('replay', replay.profile);

  const results = {
    kind: quick ? 'quick' : 'full',
    sections: only,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    machine,
    machineAtEnd,
    peer: {
      emmett: peerVersion('@event-driven-io/emmett'),
      emmettSqlite: peerVersion('@event-driven-io/emmett-sqlite'),
      emmettPostgresql: peerVersion('@event-driven-io/emmett-postgresql'),
    },
    settings: { ...settings, runs, eventDataBytes: BENCH_DATA_BYTES },
    targets: TARGETS,
    stores,
    certificates,
    sessions,
    replay,
    http,
  };
  const dir = join(ROOT, 'tools/bench/results');
  mkdirSync(dir, { recursive: true });
  const partial = only.length < SECTIONS.length ? `-${only.join('-')}` : '';
  const name = `${started.toISOString().slice(0, 10)}${quick ? '-quick' : ''}${partial}`;
  // a second run of the same day keeps the first's file: the start's UTC time goes into the name
  const first = join(dir, `${name}.json`);
  const file = existsSync(first) ? join(dir, `${name}-${started.toISOString().slice(11, 16).replace(':', '')}Z.json`) : first;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwritten: ${file.slice(ROOT.length + 1)} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)\n`);
  if (!existsSync(join(SCRATCH, 'keep'))) for (const d of ['replay', 'session', 'http']) rmSync(join(SCRATCH, d), { recursive: true, force: true });
}

function stageCpuText(cpu: StageCpu | undefined): string {
  if (!cpu) return '';
  const main = cpu.mainThreadCpuMs === undefined ? '' : `main ${String(cpu.mainThreadCpuMs).padStart(6)} + ${String(cpu.mainThreadWaitingMs).padStart(5)} ms, `;
  const clients = cpu.clientsCpuMs === undefined ? '' : `clients ${String(cpu.clientsCpuMs).padStart(6)} ms, `;
  return `${main}${clients}all ${String(cpu.processCpuMs).padStart(6)} ms  `;
}

function printProfile(name: string, p: ProfileSummary): void {
  process.stdout.write(`\nprofile of the ${name} (${p.wallMs} ms, idle ${p.idlePercent}%, GC ${p.gcPercent}%), top self time:\n`);
  for (const f of p.top) process.stdout.write(`  ${String(f.selfPercent).padStart(5)}%  ${f.frame}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
