// Shared helpers of the benchmarks (scripts, never tests): medians, child processes that report
// their own figures and peak memory, the machine's description, and the PostgreSQL connection.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../..');
/** Scratch files (SQLite logs, generated events): under the git-ignored tmp/ of the checkout. */
export const SCRATCH = join(ROOT, 'tmp', 'bench');
export const PG_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** Marks the one line of a child's stdout that carries its figures as JSON. */
export const RESULT_MARK = 'BENCH_RESULT ';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of the values that are known; undefined when none is (a figure this platform does not give). */
export function medianOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length === 0 ? undefined : median(known);
}

/** Peak resident memory of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** A child's figures: prints them on the marked line (read by `runChild`). */
export function report(result: unknown): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function wholeNumberOption(name: string, fallback: number): number {
  const raw = option(name, String(fallback));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/**
 * The V8 flags the product's processes run with (package.json's start, start-distributed.sh):
 * a 64 MiB young generation, so that the objects of a request, or of a replay's batch, die young
 * instead of being promoted and collected by the full collector (a replay of 1M events: about
 * 15 % less time and less peak memory).
 */
export const PRODUCT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/**
 * The V8 flags of `npm run audit` (none): the verification streams the log page by page, so a
 * large young generation only costs it memory and time (1M events: 291 → 227 MiB, 4.8 → 4.5 s).
 */
export const AUDIT_NODE_FLAGS: readonly string[] = [];

/**
 * Runs a TypeScript entry of the benchmarks in a fresh Node process (so each figure has its own
 * heap and its own peak RSS) and returns the JSON it reported. Its other output is passed through
 * to stderr, prefixed, so progress stays visible.
 */
export function runChild<T>(entry: string, args: readonly string[], nodeFlags: readonly string[] = [], productFlags: readonly string[] = PRODUCT_NODE_FLAGS): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...productFlags, ...nodeFlags, join(ROOT, 'tools/scripts/run-ts.js'), entry, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let result: T | undefined;
    let buffered = '';
    const onLine = (line: string) => {
      if (line.startsWith(RESULT_MARK)) result = JSON.parse(line.slice(RESULT_MARK.length)) as T;
      else if (line.trim()) process.stderr.write(`    ${line}\n`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString('utf8').replace(/^/gm, '    ')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (buffered) onLine(buffered);
      if (code === 0 && result !== undefined) resolvePromise(result);
      else reject(new Error(`${entry} ${args.join(' ')} exited with code ${code}${result === undefined ? ' without reporting figures' : ''}`));
    });
  });
}

function shell(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** "AuthenticAMD family 25 model 17 stepping 1, KVM", from /proc/cpuinfo and lscpu; "unknown" where they are not. */
function describeCpu(): string {
  let cpuinfo = '';
  try {
    cpuinfo = readFileSync('/proc/cpuinfo', 'utf8').split('\n\n')[0] ?? '';
  } catch {
    return 'unknown';
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(cpuinfo)?.[1]?.trim() ?? '?';
  const hypervisor = /^Hypervisor vendor:\s*(.*)$/m.exec(shell('lscpu', []))?.[1]?.trim();
  const id = `${field('vendor_id')} family ${field('cpu family')} model ${field('model')} stepping ${field('stepping')}`;
  return hypervisor ? `${id}, ${hypervisor}` : id;
}

export interface MachineDescription {
  readonly cpuModel: string;
  /** Vendor, family, model and stepping, with the hypervisor: machines sold under one name differ by generation. */
  readonly cpuId: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly postgres: string;
  readonly sqlite: string;
  readonly disk: string;
  readonly loadAverageAtStart: readonly number[];
  readonly kernel: string;
}

export async function describeMachine(): Promise<MachineDescription> {
  const [fs, , , , , , mount] = shell('df', ['-T', '-P', ROOT]).split('\n')[1]?.split(/\s+/) ?? [];
  const device = shell('findmnt', ['-n', '-o', 'SOURCE', '--target', ROOT]);
  const rota = shell('lsblk', ['-n', '-d', '-o', 'NAME,ROTA,MODEL']);
  let postgres = 'unreachable';
  try {
    const { rows } = await onPostgres((client) =>
      client.query<{ version: string; fsync: string; synchronous_commit: string }>(
        "SELECT version(), current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
      ),
    );
    postgres = `${rows[0].version.split(',')[0]} (fsync=${rows[0].fsync}, synchronous_commit=${rows[0].synchronous_commit})`;
  } catch (e) {
    postgres = `unreachable: ${(e as Error).message}`;
  }
  const memory = new Database(':memory:');
  const sqlite = `SQLite ${memory.prepare('SELECT sqlite_version() AS v').pluck().get() as string} (better-sqlite3)`;
  memory.close();
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuId: describeCpu(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    sqlite,
    disk: `${device || '?'} ${fs ?? '?'} mounted on ${mount ?? '?'}; block devices: ${rota.replace(/\s+/g, ' ') || 'unknown'}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    kernel: shell('uname', ['-sr']),
  };
}

/**
 * Has PostgreSQL write out what the stores' runs left in its buffers, now rather than by its
 * checkpointer while the next section is measured; false when the server refuses (CHECKPOINT
 * needs a superuser or pg_checkpoint).
 */
export async function checkpointPostgres(): Promise<boolean> {
  return onPostgres((client) => client.query('CHECKPOINT')).then(
    () => true,
    () => false,
  );
}

/** Runs `work` on a connection of its own to the bench's database, closed afterwards. */
async function onPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one run, dropped after. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  await onPostgres((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

export async function createSchema(schema: string): Promise<void> {
  await onPostgres((client) => client.query(`CREATE SCHEMA ${schema}`));
}
