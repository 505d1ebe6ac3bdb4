import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import type { EventStore, StoredEvent } from '@bj/event-store';
import { EVENT_STORE } from './runtime';

/** A read model kept in memory, built only from events (so a rebuild equals live processing). */
export interface Projection {
  readonly name: string;
  apply(event: StoredEvent): void;
}

const BATCH = 2000;

/** Whether the process was started with its own --heap-growing-percent (command line or NODE_OPTIONS). */
const HEAP_GROWING_GIVEN = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg));

/**
 * Runs the start's rebuild with V8's old generation growing by half of what survives a full
 * collection, then lets V8 choose again. A rebuild keeps much of what it reads, and V8 would let
 * the heap grow up to four times before the next full collection (1M events: peak RSS 800 → 745
 * MiB, same time); serving requests, a heap held that tight costs them more full collections
 * (submissions: p99 46 → 71 ms), so it is only for the rebuild.
 */
async function whileRebuilding(rebuild: () => Promise<void>): Promise<void> {
  if (HEAP_GROWING_GIVEN) return rebuild(); // the operator chose it: theirs holds throughout
  setFlagsFromString('--heap-growing-percent=50');
  try {
    await rebuild();
  } finally {
    setFlagsFromString('--heap-growing-percent=0'); // 0: V8's own choice
  }
}

/**
 * Feeds every registered projection from the global log: a full replay at start, then each new
 * event as it is appended (woken by the store, and by a poll for writers in other processes).
 */
@Injectable()
export class ProjectionHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly projections: Projection[] = [];
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private position = 0;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private started = false;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  register(projection: Projection): void {
    if (this.started) throw new Error(`Projection ${projection.name} registered after the host started`);
    this.projections.push(projection);
  }

  get handledPosition(): number {
    return this.position;
  }

  async start(pollMs = 500): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.store.onAppended(() => void this.catchUp());
    await whileRebuilding(() => this.catchUp());
    this.timer = setInterval(() => void this.catchUp(), pollMs);
    this.timer.unref();
  }

  /** Resolves once every event up to `position` has been applied to every projection. */
  waitFor(position: number): Promise<void> {
    if (!this.started || position <= this.position) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ position, resolve });
      void this.catchUp();
    });
  }

  private catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (;;) {
          const batch = await this.store.readAll({ after: this.position, limit: BATCH });
          for (const event of batch) {
            for (const p of this.projections) {
              try {
                p.apply(event);
              } catch (e) {
                this.logger.error(`${p.name} failed on event ${event.globalPosition} (${event.type}): ${(e as Error).message}`);
              }
            }
            this.position = event.globalPosition;
          }
          this.release();
          if (batch.length < BATCH) break;
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private release() {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.position) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }

  /** Stops before the shutdown hooks run, so that the event store is closed only after. */
  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }
}
