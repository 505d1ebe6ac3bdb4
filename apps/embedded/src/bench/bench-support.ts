// What the embedded app's benchmark scripts share: their options, the line that carries their
// figures (read by tools/bench/bench.ts), how they end on an error, and CPU profiles of a window.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** `--name N`, a whole number of at least `min`. */
export function wholeNumberOption(name: string, fallback: number, min = 1): number {
  const raw = option(name, String(fallback));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** Prints the figures on the one marked line of stdout. */
export function reportResult(figures: unknown, mark = 'BENCH_RESULT'): void {
  process.stdout.write(`${mark} ${JSON.stringify(figures)}\n`);
}

/** Runs the script; an error ends it with its message and exit code 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

/** Starts V8's sampling profiler in this process; `stop` returns the profile. */
export async function startProfiler(): Promise<{ stop(): Promise<object> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** Where a window's CPU went: the whole process's, and the main thread's (Linux only). */
export interface CpuAccount {
  /** Every thread of the process: the event loop, the workers, the thread pool, the GC's helpers. */
  readonly processCpuMs: number;
  /** The main thread (the server's event loop) on a CPU. */
  readonly mainThreadCpuMs?: number;
  /** The main thread ready to run but waiting for a CPU, taken by the process's other threads or by other processes. */
  readonly mainThreadWaitingMs?: number;
  /** The simulated clients' worker thread on a CPU (session.ts). */
  readonly clientsCpuMs?: number;
}

/**
 * Starts counting the CPU of this process and of its main thread (call it on the main thread);
 * each call of the returned function gives what was spent since the previous call. The main
 * thread's figures come from the kernel's scheduler statistics (time on a CPU, time waiting in
 * the run queue) and are left out where those do not exist.
 */
export function cpuAccount(): () => CpuAccount {
  const mainThread = schedulerTimes();
  let cpu = process.cpuUsage();
  return () => {
    const cpuNow = process.cpuUsage();
    const main = mainThread();
    const account: CpuAccount = {
      processCpuMs: Math.round((cpuNow.user - cpu.user + cpuNow.system - cpu.system) / 1000),
      ...(main ? { mainThreadCpuMs: main.onCpuMs, mainThreadWaitingMs: main.waitingMs } : {}),
    };
    cpu = cpuNow;
    return account;
  };
}

/**
 * Counts the CPU of the calling thread (a worker's own, say); each call of the returned function
 * gives the milliseconds it spent on a CPU since the previous call, or undefined off Linux.
 */
export function threadCpu(): () => number | undefined {
  const times = schedulerTimes();
  return () => times()?.onCpuMs;
}

/**
 * The calling thread's time on a CPU and waiting for one since the previous call, in ms, from
 * the kernel's scheduler statistics (`/proc/thread-self/schedstat`, Linux); undefined elsewhere.
 */
function schedulerTimes(): () => { onCpuMs: number; waitingMs: number } | undefined {
  const read = () => {
    try {
      const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
      return Number.isFinite(onCpu) && Number.isFinite(waiting) ? { onCpu, waiting } : undefined;
    } catch {
      return undefined;
    }
  };
  let last = read();
  return () => {
    const now = read();
    const spent = last && now ? { onCpuMs: Math.round((now.onCpu - last.onCpu) / 1e6), waitingMs: Math.round((now.waiting - last.waiting) / 1e6) } : undefined;
    last = now;
    return spent;
  };
}
