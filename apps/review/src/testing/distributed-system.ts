import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DEMO_USERS, generateIssuerKeyPair, TokenIssuer } from '@bj/auth';
import { PostgresEventStore } from '@bj/event-store';

// Test support for the distributed suite: a private Kafka broker (infra/kafka scripts, own work dir
// and ports, so that stopping it disturbs no other suite), a fresh PostgreSQL schema, a token key
// pair, and the three services as child processes (`node tools/scripts/run-ts.js apps/<svc>/src/main.ts`).

const run = promisify(execFile);
export const ROOT = resolve(__dirname, '../../../..');
export const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const KAFKA_SCRIPTS = join(ROOT, 'infra/kafka');
const SHARED_KAFKA_WORK = join(KAFKA_SCRIPTS, '.work');

export type ServiceName = 'declaration' | 'review' | 'certification';

/**
 * A port free to listen on, below the kernel's ephemeral range: a port that listen(0) hands out
 * is one that the outgoing connections of the other suites (PostgreSQL, Kafka, HTTP) may take
 * in the seconds before a service binds it (seen as EADDRINUSE in CI).
 */
async function freePort(): Promise<number> {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const high = Math.min(ephemeralLow || 32768, 32768);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * (high - 20000));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between 20000 and ${high}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    // all interfaces, as the services listen
    server.listen(port, () => server.close(() => done(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Fails (never skips) with a clear message when PostgreSQL is not reachable. */
export async function requirePostgres(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    throw new Error(
      `PostgreSQL not reachable at ${DATABASE_URL} (${(e as Error).message}). The distributed suite needs it: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A broker of its own, run by infra/kafka/start.sh / stop.sh in a work dir under infra/kafka/.work/. */
export class PrivateBroker {
  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly workDir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async create(): Promise<PrivateBroker> {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const workDir = join(SHARED_KAFKA_WORK, `distributed-test-${process.pid}-${randomBytes(3).toString('hex')}`);
    mkdirSync(workDir, { recursive: true });
    // reuse the jars start.sh resolved for the shared broker (it checks them against pom.xml)
    if (existsSync(join(SHARED_KAFKA_WORK, 'jars', '.resolved'))) symlinkSync(join(SHARED_KAFKA_WORK, 'jars'), join(workDir, 'jars'));
    const env = {
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_WORK_DIR: workDir,
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
      KAFKA_START_TIMEOUT_S: '60',
    };
    return new PrivateBroker(port, env, workDir);
  }

  async start(): Promise<void> {
    try {
      await run('bash', [join(KAFKA_SCRIPTS, 'start.sh')], { env: this.env, cwd: ROOT, timeout: 120_000 });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      throw new Error(
        `Kafka broker could not be started with infra/kafka/start.sh on 127.0.0.1:${this.port} (the distributed suite needs Java 17, and the broker jars ` +
          `resolved by \`bash infra/kafka/start.sh\`): ${err.message}\n${(err.stdout ?? '').slice(-1500)}\n${(err.stderr ?? '').slice(-1500)}`,
      );
    }
  }

  async stop(wipe = false): Promise<void> {
    await run('bash', [join(KAFKA_SCRIPTS, 'stop.sh'), ...(wipe ? ['--wipe'] : [])], { env: this.env, cwd: ROOT, timeout: 60_000 });
  }

  /** The end of the suite: no clean shutdown needed, its data goes with the work dir. */
  async destroy(): Promise<void> {
    const pidFile = join(this.workDir, 'kafka.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      try {
        process.kill(pid, 'SIGKILL');
        while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
      } catch {
        // already gone
      }
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** One service process. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output: string[] = [];

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it (with extra env for this start) and waits until /health answers 200. */
  async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    this.env = { ...this.env, ...extraEnv };
    const child = spawn(process.execPath, [join(ROOT, 'tools/scripts/run-ts.js'), `apps/${this.name}/src/main.ts`], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n'));
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await eventually(
      `${this.name} service /health on port ${this.port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.tail()}`);
        const res = await fetch(`${this.url}/health`);
        return res.status === 200;
      },
      60_000,
      200,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- ${this.name} output ---\n${this.tail()}`);
    });
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  tail(lines = 60): string {
    return this.output.slice(-lines).join('\n');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}

/** The three services over a private broker and a fresh schema, with tokens for the demo users. */
export class DistributedSystem {
  readonly services: Record<ServiceName, ServiceProcess>;
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly broker: PrivateBroker,
    readonly schema: string,
    readonly topicPrefix: string,
    readonly store: PostgresEventStore,
    services: Record<ServiceName, ServiceProcess>,
  ) {
    this.services = services;
  }

  static async start(fakeNow: string): Promise<DistributedSystem> {
    await requirePostgres();
    const broker = await PrivateBroker.create();
    const suffix = randomBytes(4).toString('hex');
    const schema = `dist_${suffix}`;
    const topicPrefix = `bjt${suffix}`;
    const keys = await generateIssuerKeyPair();
    const store = await PostgresEventStore.open({ connectionString: DATABASE_URL, schema });
    const env = (port: number): NodeJS.ProcessEnv => ({
      ...process.env,
      PORT: String(port),
      EVENT_STORE: 'postgres',
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      KAFKA_BROKERS: broker.brokers,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_LOG_LEVEL: 'NOTHING',
      AUTH_DEV_TOKENS: 'false',
      AUTH_PUBLIC_KEY: keys.publicPem,
      FAKE_NOW: fakeNow,
      REACTION_ATTEMPTS: '3',
      RELAY_POLL_MS: '100',
    });
    const ports = { declaration: await freePort(), review: await freePort(), certification: await freePort() };
    const system = new DistributedSystem(broker, schema, topicPrefix, store, {
      declaration: new ServiceProcess('declaration', ports.declaration, env(ports.declaration)),
      review: new ServiceProcess('review', ports.review, env(ports.review)),
      certification: new ServiceProcess('certification', ports.certification, env(ports.certification)),
    });
    const issuer = await TokenIssuer.fromPem(keys.privatePem);
    for (const user of DEMO_USERS) system.tokens.set(user.id, await issuer.issue(user, 3600));
    try {
      await broker.start();
      await Promise.all(Object.values(system.services).map((s) => s.start()));
    } catch (e) {
      await system.stop();
      throw e;
    }
    return system;
  }

  tokenOf(userId: string): string {
    const token = this.tokens.get(userId);
    if (!token) throw new Error(`no demo user ${userId}`);
    return token;
  }

  /** fetch() against a service with a demo user's bearer token; returns status and parsed body. */
  async call(service: ServiceName, method: string, path: string, userId: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.services[service].url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.tokenOf(userId)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.stop().catch(() => undefined)));
    await this.broker.destroy();
    await this.store.close().catch(() => undefined);
    const client = new Client({ connectionString: DATABASE_URL });
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
