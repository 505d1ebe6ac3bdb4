// Two short measurements of the machine itself, taken before the benchmarks and kept with their
// figures: how long the disk's fdatasync takes (each SQLite commit waits for one) and how much two
// jobs running at once on two cores slow each other (the replay, the session's certificates and
// the submissions' clients all run beside the main thread). A virtual machine's two cores are
// not always two whole cores, and the figures of one model's machines differ by as much.
import { closeSync, fdatasyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { median } from './support';

export interface FdatasyncFigures {
  readonly calls: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface TwoCoresFigures {
  readonly rounds: number;
  /** One job alone, the median of the rounds. */
  readonly aloneMs: number;
  /** Each of two identical jobs started together, the median of the rounds. */
  readonly togetherMs: number;
  /** The median of the rounds' together / alone: 1 for two independent cores, about 2 for one core's two hardware threads. */
  readonly slowdown: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** `calls` writes of 4 KiB at the start of a scratch file, each followed by fdatasync. */
export function probeFdatasync(dir: string, calls = 2000): FdatasyncFigures {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fdatasync-probe-${process.pid}.bin`);
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      writeSync(fd, block, 0, block.length, 0);
      const start = process.hrtime.bigint();
      fdatasyncSync(fd);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  return { calls, medianMs: round2(median(times)), p99Ms: round2(times[Math.floor(0.99 * (times.length - 1))]), maxMs: round2(times[times.length - 1]) };
}

// The job: SHA-256 over 1 KiB, again and again, as the hash chain and the verification do; on a
// worker thread, so that two of them can run at once. Plain JavaScript, evaluated as it is.
const JOB = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const block = Buffer.alloc(1024, 7);
const start = process.hrtime.bigint();
for (let i = 0; i < workerData.hashes; i++) createHash('sha256').update(block).digest();
parentPort.postMessage(Number(process.hrtime.bigint() - start) / 1e6);
`;

function job(hashes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(JOB, { eval: true, workerData: { hashes } });
    worker.once('message', (ms: number) => void worker.terminate().then(() => resolve(ms)));
    worker.once('error', reject);
  });
}

/** Each round runs one job alone, then two at once; the medians over `rounds`, five by default (about 4 s). */
export async function probeTwoCores(rounds = 5, hashes = 150_000): Promise<TwoCoresFigures> {
  await job(hashes / 10); // the first worker of a process starts slower
  const alone: number[] = [];
  const together: number[] = [];
  for (let r = 0; r < rounds; r++) {
    alone.push(await job(hashes));
    const both = await Promise.all([job(hashes), job(hashes)]);
    together.push((both[0] + both[1]) / 2);
  }
  // each round's ratio, then their median: the machine's own speed drifts between rounds
  const slowdown = median(together.map((ms, r) => ms / alone[r]));
  return { rounds, aloneMs: Math.round(median(alone)), togetherMs: Math.round(median(together)), slowdown: round2(slowdown) };
}
