// The session benchmark's client, on a worker thread of its own, so that the simulated
// applicants, employers, experts and officers do not share the server's event loop (as real
// clients do not). It reaches the server over HTTP as http-port.ts does; the business clock
// stays the server's: a date change is sent to the main thread, which moves the clock and
// answers, before the next request goes out.
import { parentPort, workerData } from 'node:worker_threads';
import { loadOrCreateDevIssuerKeys, TokenIssuer } from '@bj/auth';
import type { ManualClock } from '@bj/service-kit';
import { httpPort } from '../simulation/http-port';
import { runSimulatedSession, type SimulationPort } from '../simulation/simulated-session';
import { threadCpu } from './bench-support';

export interface SessionClientData {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly applicants: number;
  readonly concurrency: number;
  readonly year: number;
}

/** Messages from the client to the main thread. */
export type ClientMessage =
  | { readonly kind: 'setDate'; readonly id: number; readonly iso: string }
  | { readonly kind: 'log'; readonly line: string; readonly clientsCpuMs?: number }
  | { readonly kind: 'done'; readonly stages: unknown[]; readonly requests: number; readonly certified: number; readonly stuck: number }
  | { readonly kind: 'failed'; readonly message: string };

/** Messages from the main thread: a date change applied. */
export interface DateApplied {
  readonly id: number;
}

async function main(port: NonNullable<typeof parentPort>, data: SessionClientData): Promise<void> {
  const send = (message: ClientMessage) => port.postMessage(message);
  const issuer = await TokenIssuer.fromPem((await loadOrCreateDevIssuerKeys(data.dataDir)).privatePem);
  const applied = new Map<number, () => void>();
  port.on('message', (m: DateApplied) => applied.get(m.id)?.());
  let nextId = 0;
  let pendingIso: string | undefined;
  let flushing: Promise<void> = Promise.resolve();
  /** Sends a pending date change and waits until the server's clock shows it. */
  const flush = (): Promise<void> => {
    if (pendingIso !== undefined) {
      const iso = pendingIso;
      pendingIso = undefined;
      flushing = flushing.then(
        () =>
          new Promise<void>((resolve) => {
            const id = nextId++;
            applied.set(id, () => (applied.delete(id), resolve()));
            send({ kind: 'setDate', id, iso });
          }),
      );
    }
    return flushing;
  };
  const clock = { set: (iso: string) => void (pendingIso = iso) } as unknown as ManualClock;
  const http = httpPort(data.baseUrl, issuer, clock);
  const simulation: SimulationPort = {
    async call(method, path, actor, body) {
      await flush();
      return http.call(method, path, actor, body);
    },
    setDate: (date) => http.setDate(date),
  };
  const ownCpu = threadCpu(); // this thread's CPU in each stage, reported with the stage's line
  const result = await runSimulatedSession(simulation, {
    applicants: data.applicants,
    concurrency: data.concurrency,
    year: data.year,
    log: (line) => send({ kind: 'log', line, clientsCpuMs: ownCpu() }),
  });
  send({
    kind: 'done',
    stages: result.stages.map((s) => ({ ...s })),
    requests: result.stages.reduce((n, s) => n + s.requests, 0),
    certified: result.outcomes.filter((o) => o.certificateNumber).length,
    stuck: result.outcomes.filter((o) => o.finalStage?.startsWith('STUCK')).length,
  });
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as SessionClientData).catch((e: unknown) => port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies ClientMessage));
}
