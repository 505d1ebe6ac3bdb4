import { type ArgumentProblem, EventStoreArgumentError } from './errors';
import type { EventStore, StoredEvent } from './event-store.port';

export interface CatchUpSubscriptionOptions {
  /** Durable name: its checkpoint is stored under it, so a restart resumes where it stopped. */
  readonly name: string;
  readonly handler: (event: StoredEvent) => Promise<void> | void;
  /** Events read and handled between two checkpoint saves. Default 100. */
  readonly batchSize?: number;
  /** How often to look for events appended by other processes. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Least time between two checkpoint saves while events trickle in one by one (a save is a
   * commit, with its fsync). A full batch and stop() always save. Default 1000 ms; 0 saves after
   * every batch.
   */
  readonly checkpointEveryMs?: number;
  /**
   * How many events are handled at once. Default 1: one after another, in log order. Above 1,
   * events that share a key (`keysOf`) are still handled one after another in log order, and
   * the checkpoint and caughtUp only ever pass events handled with all those before them.
   */
  readonly concurrency?: number;
  /** The keys that order an event against others (with `concurrency` above 1). Default: its stream. No key: no order. */
  readonly keysOf?: (event: StoredEvent) => readonly string[];
  /**
   * Told of a failed read, handler or checkpoint save (with the event when a handler failed);
   * the subscription then waits one poll interval and retries from the last handled event.
   * Default: console.error.
   */
  readonly onError?: (error: unknown, event?: StoredEvent) => void;
}

export interface CatchUpSubscription {
  /** Finishes the handler in flight, saves the checkpoint and stops. */
  stop(): Promise<void>;
  /** Resolves once every event up to `position` has been handled (read-your-writes). Rejects if stopped first. */
  caughtUp(position: number): Promise<void>;
}

/**
 * Starts a catch-up subscription: from the durable checkpoint it reads the log in position
 * order, calls the handler for each event, one at a time, and saves the checkpoint after a full
 * batch, at most once a second otherwise, and on stop. Delivery is at least once: after a crash or a failed save, events handled since the
 * last saved checkpoint are handled again, so handlers must be idempotent (e.g. upsert by
 * eventId or skip positions already applied). It wakes on onAppended and also polls, for
 * writers in other processes.
 */
export function startCatchUpSubscription(store: EventStore, options: CatchUpSubscriptionOptions): CatchUpSubscription {
  const problems: ArgumentProblem[] = [];
  if (typeof options.name !== 'string' || options.name.length === 0) {
    problems.push({ path: 'name', message: 'must be a non-empty string' });
  }
  if (typeof options.handler !== 'function') problems.push({ path: 'handler', message: 'must be a function' });
  if (options.keysOf !== undefined && typeof options.keysOf !== 'function') problems.push({ path: 'keysOf', message: 'must be a function' });
  if (options.checkpointEveryMs !== undefined && !(Number.isSafeInteger(options.checkpointEveryMs) && options.checkpointEveryMs >= 0)) {
    problems.push({ path: 'checkpointEveryMs', message: 'must be an integer >= 0' });
  }
  for (const key of ['batchSize', 'pollIntervalMs', 'concurrency'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) {
      problems.push({ path: key, message: 'must be an integer >= 1' });
    }
  }
  if (problems.length > 0) throw new EventStoreArgumentError(problems);
  return new CatchUpRunner(store, options);
}

/** A handler's error, with the event it failed on. */
class HandlerFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly event: StoredEvent,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

class CatchUpRunner implements CatchUpSubscription {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly checkpointEveryMs: number;
  /** The position last saved, and when. */
  private saved = -1;
  private savedAt = 0;
  private readonly onError: (error: unknown, event?: StoredEvent) => void;
  /** Last handled position; -1 until the checkpoint is loaded. */
  private handled = -1;
  private stopped = false;
  private wakeRequested = false;
  private wake: (() => void) | undefined;
  private waiters: Waiter[] = [];
  private readonly unsubscribe: () => void;
  private readonly loop: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly options: CatchUpSubscriptionOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.concurrency = options.concurrency ?? 1;
    this.checkpointEveryMs = options.checkpointEveryMs ?? 1000;
    this.onError =
      options.onError ??
      ((error, event) =>
        console.error(
          `Subscription ${options.name} failed${event ? ` at position ${event.globalPosition}` : ''}; retrying`,
          error,
        ));
    this.unsubscribe = store.onAppended(() => this.requestWake());
    this.loop = this.run();
  }

  caughtUp(position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) {
      return Promise.reject(new EventStoreArgumentError([{ path: 'position', message: 'must be an integer >= 0' }]));
    }
    if (this.handled >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(this.stoppedError(position));
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.unsubscribe();
      this.requestWake();
    }
    await this.loop;
    for (const waiter of this.waiters) waiter.reject(this.stoppedError(waiter.position));
    this.waiters = [];
  }

  private async run(): Promise<void> {
    let position: number | undefined;
    while (!this.stopped) {
      let failed: StoredEvent | undefined;
      try {
        if (position === undefined) {
          position = await this.store.loadCheckpoint(this.options.name);
          this.saved = position;
          this.savedAt = Date.now();
          this.advance(position);
        }
        const batch = await this.store.readAll({ after: position, limit: this.batchSize });
        try {
          await this.handle(batch, (event) => {
            position = event.globalPosition;
            this.advance(position);
          });
        } catch (failure) {
          if (!(failure instanceof HandlerFailure)) throw failure;
          failed = failure.event;
          throw failure.error;
        } finally {
          const due = this.stopped || batch.length === this.batchSize || Date.now() - this.savedAt >= this.checkpointEveryMs;
          if (position > this.saved && due) await this.save(position);
        }
        if (batch.length < this.batchSize) await this.sleep();
      } catch (error) {
        this.report(error, failed);
        await this.sleep();
      }
    }
    if (position !== undefined && position > this.saved) {
      await this.save(position).catch((error: unknown) => this.report(error, undefined));
    }
  }

  /**
   * Handles a batch, telling `handled` of each event once it and every event before it are
   * handled. A handler's failure stops the batch (nothing further starts; what started
   * finishes) and is thrown as a HandlerFailure.
   */
  private async handle(batch: readonly StoredEvent[], handled: (event: StoredEvent) => void): Promise<void> {
    if (this.concurrency === 1) {
      for (const event of batch) {
        if (this.stopped) return;
        try {
          await this.options.handler(event);
        } catch (error) {
          throw new HandlerFailure(error, event);
        }
        handled(event);
      }
      return;
    }
    const keysOf = this.options.keysOf ?? ((event: StoredEvent) => [event.streamId]);
    const done = new Array<boolean>(batch.length).fill(false);
    let prefix = 0; // batch[0 .. prefix) are handled
    let failure: HandlerFailure | undefined;
    /** The last task started for each key: the next one with that key waits for it. */
    const tails = new Map<string, Promise<void>>();
    const running = new Set<Promise<void>>();
    for (let i = 0; i < batch.length && !failure && !this.stopped; i++) {
      while (running.size >= this.concurrency) await Promise.race(running);
      if (failure || this.stopped) break;
      const event = batch[i];
      const keys = keysOf(event);
      const before = keys.flatMap((key) => tails.get(key) ?? []);
      const task = (before.length > 0 ? Promise.all(before) : Promise.resolve())
        .then(async () => {
          if (failure) return; // an event it had to follow failed
          await this.options.handler(event);
          done[i] = true;
          const from = prefix;
          while (prefix < batch.length && done[prefix]) prefix++;
          if (prefix > from) handled(batch[prefix - 1]);
        })
        .catch((error: unknown) => {
          failure ??= new HandlerFailure(error, event);
        })
        .finally(() => running.delete(task));
      running.add(task);
      for (const key of keys) tails.set(key, task);
    }
    await Promise.all(running);
    if (failure) throw failure;
  }

  private async save(position: number): Promise<void> {
    await this.store.saveCheckpoint(this.options.name, position);
    this.saved = position;
    this.savedAt = Date.now();
  }

  private report(error: unknown, event: StoredEvent | undefined): void {
    try {
      this.onError(error, event);
    } catch (reportingError) {
      console.error(`Subscription ${this.options.name}: onError threw`, reportingError, 'while reporting', error);
    }
  }

  private advance(position: number): void {
    this.handled = position;
    const due = this.waiters.filter((w) => w.position <= position);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of due) waiter.resolve();
  }

  private requestWake(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Waits one poll interval, or less if an append in this process (or stop) wakes it. */
  private async sleep(): Promise<void> {
    if (!this.wakeRequested && !this.stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        this.wake = done;
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wake = undefined;
    }
    this.wakeRequested = false;
  }

  private stoppedError(position: number): Error {
    return new Error(`Subscription ${this.options.name} stopped before position ${position} was handled`);
  }
}
