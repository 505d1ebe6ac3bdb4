import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import type { EventStore, ProjectedEvent } from '@bj/event-store';
import { EVENT_STORE } from './runtime';

/** A read model kept in memory, built only from events (so a rebuild equals live processing). */
export interface Projection {
  readonly name: string;
  /**
   * The event types `apply` reads; it is given only those. Absent: every event. When every
   * projection of a host names its types, the start's rebuild reads only those from the store.
   * (The audit's rebuild gives every event to every projection, and its test compares the two.)
   */
  readonly eventTypes?: readonly string[];
  apply(event: ProjectedEvent): void;
}

/** A projection and the types it is fed (null: every type). */
interface Fed {
  readonly projection: Projection;
  readonly types: ReadonlySet<string> | null;
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
  private readonly fed: Fed[] = [];
  /** For each event type met, the projections that read it, in the order they registered. */
  private readonly readersOf = new Map<string, readonly Projection[]>();
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
    this.fed.push({ projection, types: projection.eventTypes ? new Set(projection.eventTypes) : null });
    this.readersOf.clear();
  }

  /** The registered projections, in the order they are fed. */
  get projections(): readonly Projection[] {
    return this.fed.map((f) => f.projection);
  }

  /** The types some projection reads, or undefined when one of them reads every event. */
  private typesRead(): string[] | undefined {
    if (this.fed.some((f) => f.types === null)) return undefined;
    return [...new Set(this.fed.flatMap((f) => [...(f.types as ReadonlySet<string>)]))].sort();
  }

  get handledPosition(): number {
    return this.position;
  }

  async start(pollMs = 500): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.store.onAppended(() => this.catchUpInBackground());
    await whileRebuilding(() => this.rebuild());
    this.timer = setInterval(() => this.catchUpInBackground(), pollMs);
    this.timer.unref();
  }

  /** Resolves once every event up to `position` has been applied to every projection. */
  waitFor(position: number): Promise<void> {
    if (!this.started || position <= this.position) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ position, resolve });
      this.catchUpInBackground();
    });
  }

  /**
   * The start's rebuild: the log up to its present head, reading only the types the projections
   * read (1,000,000 events: the committee's secret ballots are neither read nor parsed), then
   * whatever was appended meanwhile as a catch-up.
   */
  private async rebuild(): Promise<void> {
    const types = this.typesRead();
    if (types) {
      await this.exclusively(async () => {
        const head = await this.store.headPosition();
        await this.feedAll((after) => this.store.readProjected({ after, limit: BATCH, upTo: head, types }));
        this.position = Math.max(this.position, head);
        this.release();
      });
    }
    await this.catchUp();
  }

  /** Gives each event to the projections that read its type, in log order. */
  private feed(batch: readonly ProjectedEvent[]): void {
    for (const event of batch) {
      let readers = this.readersOf.get(event.type);
      if (!readers) {
        readers = this.fed.filter((f) => f.types === null || f.types.has(event.type)).map((f) => f.projection);
        this.readersOf.set(event.type, readers);
      }
      for (const projection of readers) {
        try {
          projection.apply(event);
        } catch (e) {
          this.logger.error(`${projection.name} failed on event ${event.globalPosition} (${event.type}): ${(e as Error).message}`);
        }
      }
      this.position = event.globalPosition;
    }
    this.release();
  }

  /** Reads pages from the handled position on and feeds them, until a page is not full. */
  private async feedAll(read: (after: number) => Promise<readonly ProjectedEvent[]>): Promise<void> {
    for (;;) {
      const batch = await read(this.position);
      this.feed(batch);
      if (batch.length < BATCH) return;
    }
  }

  /** Runs `work` as the one reading of the log in flight: a catch-up asked for meanwhile waits for it. */
  private exclusively(work: () => Promise<void>): Promise<void> {
    this.running = work().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * A catch-up nobody awaits (an append's notice, the poll, a waiter): a read that fails (the
   * database unreachable a moment, say) is logged, and the next notice or poll reads again from
   * the last event handled. Left unhandled, the rejection would end the process.
   */
  private catchUpInBackground(): void {
    this.catchUp().catch((e: unknown) => {
      this.logger.error(`Reading the log after event ${this.position} failed, read again at the next append or poll: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    return this.exclusively(async () => {
      do {
        this.again = false;
        await this.feedAll((after) => this.store.readAll({ after, limit: BATCH }));
      } while (this.again);
    });
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
