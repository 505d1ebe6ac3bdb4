import type { StoredEvent } from './event-store.port';
import type { EventRow } from './store-support';

/** How many of the newest events a store keeps in memory for its readers by default. */
export const RECENT_EVENTS_KEPT = 4096;

/**
 * The events this process committed last, as readAll would return them, so that the readers
 * following the log's head (the read models, the reactions, the outbox relay) get what was just
 * written without reading it back from the database.
 *
 * Each event is built from the stored canonical text (parsed, as a read would), so a reader
 * sees exactly what a rebuild from the database sees, key order included; it is frozen, because
 * every reader now shares the same object. Only events whose commit has returned are added. The
 * window serves a read from its first position on; what lies beyond the window (written by
 * another process, or not yet added) is read from the database by the store, so a read returns
 * exactly what it would have returned without the window.
 */
export class RecentEvents {
  private events: StoredEvent[] = [];
  /** The position of events[0]. */
  private first = 0;

  constructor(private readonly kept = RECENT_EVENTS_KEPT) {}

  /** Records committed rows (in position order). A row that does not follow the window starts a new one. */
  add(rows: readonly EventRow[]): void {
    for (const row of rows) {
      const event = deepFreeze({ ...row.event, data: JSON.parse(row.dataJson), metadata: JSON.parse(row.metadataJson) }) as StoredEvent;
      if (this.events.length === 0 || event.globalPosition !== this.first + this.events.length) {
        this.events = [event];
        this.first = event.globalPosition;
      } else {
        this.events.push(event);
      }
    }
    if (this.events.length > this.kept * 2) {
      const drop = this.events.length - this.kept;
      this.events = this.events.slice(drop);
      this.first += drop;
    }
  }

  /** Events after `after`, at most `limit`, from the window when it holds position after + 1 (else undefined). */
  read(after: number, limit: number | undefined): StoredEvent[] | undefined {
    const n = this.events.length;
    if (n === 0 || after + 1 < this.first || after + 1 > this.first + n - 1) return undefined;
    const from = after + 1 - this.first;
    return this.events.slice(from, limit === undefined ? n : Math.min(n, from + limit));
  }

  /**
   * readAll through the window: the events it holds from after + 1 on, and what lies beyond it
   * (another process's appends, or a window that does not reach) from the database, so that the
   * answer is exactly the database's.
   */
  async readAll(after: number, limit: number | undefined, fromDatabase: (after: number, limit: number | undefined) => StoredEvent[] | Promise<StoredEvent[]>): Promise<StoredEvent[]> {
    const recent = this.read(after, limit);
    if (!recent) return fromDatabase(after, limit);
    if (limit !== undefined && recent.length === limit) return recent;
    const beyond = await fromDatabase(after + recent.length, limit === undefined ? undefined : limit - recent.length);
    return beyond.length === 0 ? recent : [...recent, ...beyond];
  }

  /** The newest position held (0: none). */
  get lastPosition(): number {
    return this.events.length === 0 ? 0 : this.first + this.events.length - 1;
  }

  clear(): void {
    this.events = [];
    this.first = 0;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
  }
  return value;
}
