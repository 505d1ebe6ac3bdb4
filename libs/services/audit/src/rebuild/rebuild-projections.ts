// 读模型重建: every projection the services register, rebuilt from the log alone.
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { EventStore } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';

const isProjection = (x: unknown): x is Projection =>
  typeof x === 'object' && x !== null && typeof (x as Projection).name === 'string' && typeof (x as Projection).apply === 'function' && typeof (x as { react?: unknown }).react !== 'function';

/**
 * The projection instances of a Nest application (created but not started, so they are empty):
 * every provider that is a Projection (a `name` and an `apply(event)`), once each, by name.
 */
export function projectionsOf(app: INestApplicationContext): Projection[] {
  const found = new Map<string, Projection>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const instance: unknown = wrapper.instance;
      if (isProjection(instance) && !found.has(instance.name)) found.set(instance.name, instance);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface RebuildProgress {
  readonly position: number;
  readonly head: number;
  readonly events: number;
  readonly elapsedMs: number;
}

export interface RebuildReport {
  readonly projections: readonly string[];
  readonly events: number;
  readonly headPosition: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** Errors thrown by a projection's apply (as the live host would log them). */
  readonly failures: readonly { projection: string; globalPosition: number; type: string; message: string }[];
}

/**
 * Feeds every event of the log to every projection, in position order, reporting progress after
 * each batch: every event, whatever types a projection names (the live host gives it only
 * those), so that comparing the two shows a projection that reads a type it does not name.
 */
export async function rebuildProjections(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  projections: readonly Projection[],
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void; now?: () => number } = {},
): Promise<RebuildReport> {
  const now = options.now ?? (() => performance.now());
  const batchSize = options.batchSize ?? 2000;
  const head = await store.headPosition();
  const started = now();
  const failures: { projection: string; globalPosition: number; type: string; message: string }[] = [];
  let position = 0;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after: position, limit: batchSize });
    for (const event of batch) {
      for (const projection of projections) {
        try {
          projection.apply(event);
        } catch (e) {
          failures.push({ projection: projection.name, globalPosition: event.globalPosition, type: event.type, message: (e as Error).message });
        }
      }
      position = event.globalPosition;
    }
    events += batch.length;
    options.onProgress?.({ position, head: Math.max(head, position), events, elapsedMs: now() - started });
    if (batch.length < batchSize) break;
  }
  const elapsedMs = now() - started;
  return { projections: projections.map((p) => p.name), events, headPosition: position, elapsedMs, eventsPerSecond: elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : events, failures };
}

/**
 * A projection's read model as plain, comparable JSON: its own fields (Maps as sorted entries,
 * Sets as sorted arrays), so that a rebuilt projection can be compared with a live one.
 */
export function snapshotOf(projection: object): unknown {
  const seen = new WeakSet<object>();
  const plain = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    try {
      if (value instanceof Map) return [...value.entries()].map(([k, v]) => [plain(k), plain(v)]).sort((a, b) => JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])));
      if (value instanceof Set) return [...value].map(plain).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      if (Array.isArray(value)) return value.map(plain);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        const v = plain((value as Record<string, unknown>)[key]);
        if (v !== undefined) out[key] = v;
      }
      return out;
    } finally {
      seen.delete(value);
    }
  };
  return plain(projection);
}
