// What the embedded app's benchmark scripts share: their options, the line that carries their
// figures (read by tools/bench/bench.ts), how they end on an error, and CPU profiles of a window.
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
