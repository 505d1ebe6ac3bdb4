import { canonicalJson } from './canonical-json';
import { RecentEvents } from './recent-events';
import type { StoredEvent } from './event-store.port';
import type { EventRow } from './store-support';

function row(globalPosition: number, data: Record<string, unknown> = { n: globalPosition }): EventRow {
  const event = {
    eventId: `e${globalPosition}`,
    streamId: 's',
    streamVersion: globalPosition,
    globalPosition,
    type: 'T',
    schemaVersion: 1,
    data,
    metadata: { actorId: 'a', actorRole: 'SYSTEM', correlationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
    recordedAt: '2026-01-01T00:00:00.000Z',
    prevHash: '0',
    hash: '1',
  } as StoredEvent;
  // the canonical text, as the stores write it
  return { event, dataJson: canonicalJson(data), metadataJson: canonicalJson(event.metadata) };
}
const positions = (events: readonly StoredEvent[] | undefined) => events?.map((e) => e.globalPosition);

describe('RecentEvents', () => {
  it('serves a read from the window from its first position on, up to the limit', () => {
    const recent = new RecentEvents(10);
    recent.add([row(1), row(2), row(3)]);
    expect(positions(recent.read(0, undefined))).toEqual([1, 2, 3]);
    expect(positions(recent.read(1, 1))).toEqual([2]);
    expect(recent.read(3, undefined)).toBeUndefined();
  });

  it('gives events as the stored text parses, key order included, and frozen', () => {
    const recent = new RecentEvents(10);
    recent.add([row(1, { b: 1, a: { d: [1], c: 2 } })]);
    const [event] = recent.read(0, undefined) ?? [];
    expect(JSON.stringify(event.data)).toBe('{"a":{"c":2,"d":[1]},"b":1}');
    expect(() => {
      'use strict';
      (event.data as { a: { d: number[] } }).a.d.push(2);
    }).toThrow(TypeError);
  });

  it('starts a new window at a gap (a position another process wrote), never serving across it', () => {
    const recent = new RecentEvents(10);
    recent.add([row(1), row(2)]);
    recent.add([row(4)]);
    expect(recent.read(0, undefined)).toBeUndefined();
    expect(recent.read(2, undefined)).toBeUndefined();
    expect(positions(recent.read(3, undefined))).toEqual([4]);
  });

  it('keeps only the newest events', () => {
    const recent = new RecentEvents(2);
    recent.add([1, 2, 3, 4, 5].map((p) => row(p)));
    expect(recent.read(0, undefined)).toBeUndefined();
    expect(positions(recent.read(3, undefined))).toEqual([4, 5]);
    expect(recent.lastPosition).toBe(5);
  });
});

describe('RecentEvents.readAll', () => {
  const database = [1, 2, 3, 4, 5].map((p) => row(p).event);
  const fromDatabase = (after: number, limit: number | undefined) => database.filter((e) => e.globalPosition > after).slice(0, limit);

  it('answers as the database does: the window first, then what lies beyond it', async () => {
    const recent = new RecentEvents(10);
    recent.add([row(2), row(3)]); // 4 and 5 were written by another process
    for (const [after, limit] of [[0, undefined], [1, undefined], [1, 1], [1, 3], [2, 2], [3, undefined], [5, undefined]] as const) {
      expect(positions(await recent.readAll(after, limit, fromDatabase))).toEqual(positions(fromDatabase(after, limit)));
    }
  });
});
