// The SQLite store's own cost of an append, without HTTP or the decider: appends of two events
// (the size of a submission's) sent `--at-once` at a time, so that they share group commits as
// the submissions' load does, after `--warm-up` appends that are not measured. Reports the
// process's CPU and the wall time per append. Small changes to the append are best compared
// by instructions, which the machine's speed does not move: run it under
// `valgrind --tool=callgrind` with two `--appends` and take the difference of better-sqlite3's
// Statement::JS_run and JS_get (inclusive, `callgrind_annotate --inclusive=yes`); the whole
// process's count moves with the JIT and the collector (docs/benchmarks.md).
// Usage: node tools/scripts/run-ts.js tools/bench/append-cpu.ts [--appends 30000] [--warm-up 5000] [--at-once 50]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@bj/event-store';
import { benchEvent } from './payload';
import { SCRATCH, report, wholeNumberOption } from './support';

async function main() {
  const appends = wholeNumberOption('appends', 30_000);
  const warmUp = wholeNumberOption('warm-up', 5_000);
  const atOnce = wholeNumberOption('at-once', 50);
  const dir = join(SCRATCH, `append-cpu-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  let sent = 0;
  const send = async (count: number) => {
    for (let done = 0; done < count; done += atOnce) {
      const batch = Array.from({ length: Math.min(atOnce, count - done) }, () => {
        const i = sent++;
        return store.append(`declaration-${i}`, [benchEvent(2 * i), benchEvent(2 * i + 1)], 0);
      });
      await Promise.all(batch);
    }
  };
  try {
    await send(warmUp);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await send(appends);
    const used = process.cpuUsage(cpu);
    report({ appends, atOnce, cpuMicrosEach: (used.user + used.system) / appends, wallMicrosEach: ((performance.now() - started) * 1000) / appends });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
