import { v7 as uuidv7 } from 'uuid';
import { EventStoreArgumentError, IdempotencyConflictError, WrongExpectedVersionError } from './errors';
import type { AppendResult, EventMetadata, EventStore, NewEvent, ReadAllOptions, StoredEvent } from './event-store.port';
import { GENESIS_HASH, computeEventHash, verifyHashChain } from './hash-chain';
import { startCatchUpSubscription } from './subscription';

/** Resolves once `condition` holds (checked every few milliseconds), or fails after `timeoutMs`. */
async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One empty store location (a file, a schema) for one test of the contract. */
export interface EventStoreContractHarness {
  /** Opens a store on this location; called again (after close) to simulate a restart or another process. */
  open(options?: { now?: () => string }): Promise<EventStore>;
  /** Removes the location. */
  dispose(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must show, as a jest suite (call it from a spec
 * file; it uses jest's globals). `createHarness` gives a fresh, empty location per test.
 */
export function describeEventStoreContract(name: string, createHarness: () => Promise<EventStoreContractHarness>): void {
  describe(`${name} (event store contract)`, () => {
    let harness: EventStoreContractHarness;
    let opened: EventStore[];
    const open = async (options?: { now?: () => string }): Promise<EventStore> => {
      const store = await harness.open(options);
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      harness = await createHarness();
      opened = [];
    });

    afterEach(async () => {
      for (const store of opened) await store.close();
      await harness.dispose();
    });

    describe('append with an expected version', () => {
      it('creates a stream at expected version 0 and numbers its events from 1', async () => {
        const store = await open();
        const result = await store.append('declaration-1', [newEvent('Submitted'), newEvent('Withdrawn')], 0);
        expect(result.streamVersion).toBe(2);
        expect(result.globalPosition).toBe(2);
        expect(result.events.map((e) => [e.streamId, e.streamVersion, e.globalPosition])).toEqual([
          ['declaration-1', 1, 1],
          ['declaration-1', 2, 2],
        ]);
        expect(await store.headPosition()).toBe(2);
      });

      it('refuses 0 for a stream that exists, with the typed error and no write', async () => {
        const store = await open();
        await store.append('declaration-1', [newEvent('Submitted')], 0);
        const refused = store.append('declaration-1', [newEvent('Submitted')], 0);
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(refused).rejects.toMatchObject({ streamId: 'declaration-1', expected: 0, actual: 1 });
        expect(await store.headPosition()).toBe(1);
      });

      it('refuses a version the stream is not at, and a version for a stream that does not exist', async () => {
        const store = await open();
        await store.append('s', [newEvent('A'), newEvent('B'), newEvent('C')], 0);
        await expect(store.append('s', [newEvent('D')], 2)).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          expected: 2,
          actual: 3,
        });
        await expect(store.append('nobody', [newEvent('A')], 1)).rejects.toMatchObject({ expected: 1, actual: 0 });
        expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C']);
        const next = await store.append('s', [newEvent('D')], 3);
        expect(next.streamVersion).toBe(4);
      });

      it("appends at whatever version with 'any', new stream or not", async () => {
        const store = await open();
        expect((await store.append('s', [newEvent('A')], 'any')).streamVersion).toBe(1);
        expect((await store.append('s', [newEvent('B'), newEvent('C')], 'any')).streamVersion).toBe(3);
        expect((await store.append('t', [newEvent('X')], 'any')).globalPosition).toBe(4);
      });

      it('refuses malformed events naming the field and writes nothing', async () => {
        const store = await open();
        const withUndefined = newEvent('A', { nested: { missing: undefined } });
        const withDate = newEvent('B', { at: new Date(0) });
        const refused = store.append('s', [withUndefined, withDate], 0);
        await expect(refused).rejects.toBeInstanceOf(EventStoreArgumentError);
        const error = (await refused.catch((e: unknown) => e)) as EventStoreArgumentError;
        expect(error.problems.map((p) => p.path)).toEqual(['events[0].data.nested.missing', 'events[1].data.at']);
        await expect(store.append('', [newEvent('A')], 0)).rejects.toThrow(/streamId: must be a non-empty string/);
        await expect(store.append('s', [], 0)).rejects.toThrow(/events: must be a non-empty array/);
        await expect(store.append('s', [newEvent('A')], -1)).rejects.toThrow(/expectedVersion/);
        expect(await store.headPosition()).toBe(0);
      });
    });

    describe('idempotent append', () => {
      it('stores the same eventIds once and answers a retry with the original positions', async () => {
        const store = await open();
        await store.append('other', [newEvent('Before')], 0);
        const events = [newEvent('Submitted'), newEvent('Accepted')];
        const first = await store.append('declaration-1', events, 0);
        const notified: number[] = [];
        store.onAppended((position) => notified.push(position));

        const retry = await store.append('declaration-1', events, 0);

        expect(retry.streamVersion).toBe(2);
        expect(retry.globalPosition).toBe(3);
        expect(retry.events).toEqual(first.events);
        expect(await store.headPosition()).toBe(3);
        expect(notified).toEqual([]);
      });

      it('refuses a batch of which only some eventIds are stored, and writes none of it', async () => {
        const store = await open();
        const [a, b, c] = [newEvent('A'), newEvent('B'), newEvent('C')];
        await store.append('s', [a, b], 0);
        await expect(store.append('s', [b, c], 'any')).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(store.append('t', [a, b], 'any')).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await store.headPosition()).toBe(2);
      });

      it("answers a retry made at 'any' or at the stream's present version with the original positions", async () => {
        const store = await open();
        const events = [newEvent('Submitted'), newEvent('Accepted')];
        const first = await store.append('declaration-1', events, 0);

        expect((await store.append('declaration-1', events, 'any')).events).toEqual(first.events);
        expect((await store.append('declaration-1', events, 2)).events).toEqual(first.events);
        expect(await store.headPosition()).toBe(2);
      });

      it('keeps the chain whole when appends sent at once mix new ones, refused ones and retries', async () => {
        const store = await open();
        const stored = [newEvent('Drafted')];
        const first = await store.append('a', stored, 0);

        const outcomes = await Promise.allSettled([
          store.append('b', [newEvent('Drafted')], 0),
          store.append('a', [newEvent('Submitted')], 0), // wrong version: refused
          store.append('a', stored, 'any'), // a retry: answered, not stored again
          store.append('c', [newEvent('Drafted'), newEvent('Submitted')], 0),
          store.append('b', [stored[0]], 'any'), // another stream's event id: refused
          store.append('a', [newEvent('Submitted')], 1),
        ]);

        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((outcomes[2] as PromiseFulfilledResult<AppendResult>).value.events).toEqual(first.events);
        expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
        const log = await store.readAll();
        expect(log.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5]);
        expect(log.map((e) => `${e.streamId}:${e.streamVersion}`)).toEqual(['a:1', 'b:1', 'c:1', 'c:2', 'a:2']);
        expect(verifyHashChain(log)).toBeNull();
      });
    });

    describe('reading', () => {
      it('reads a stream whole or by version range', async () => {
        const store = await open();
        await store.append('s', ['A', 'B', 'C', 'D'].map((t) => newEvent(t)), 0);
        await store.append('t', [newEvent('X')], 0);
        expect((await store.readStream('s')).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
        expect((await store.readStream('s', { fromVersion: 2 })).map((e) => e.type)).toEqual(['B', 'C', 'D']);
        expect((await store.readStream('s', { toVersion: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
        expect((await store.readStream('s', { fromVersion: 2, toVersion: 3 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect(await store.readStream('nobody')).toEqual([]);
      });

      it('reads the log after a position, in commit order, with a limit', async () => {
        const store = await open();
        await store.append('s', [newEvent('A'), newEvent('B')], 0);
        await store.append('t', [newEvent('C')], 0);
        await store.append('s', [newEvent('D')], 2);
        expect((await store.readAll()).map((e) => [e.globalPosition, e.type])).toEqual([
          [1, 'A'],
          [2, 'B'],
          [3, 'C'],
          [4, 'D'],
        ]);
        expect((await store.readAll({ after: 1, limit: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect(await store.readAll({ after: 4 })).toEqual([]);
        await expect(store.readAll({ after: -1 })).rejects.toBeInstanceOf(EventStoreArgumentError);
      });

      it('reads only the types asked for, up to a position, with a limit, from the writer as from a fresh reader', async () => {
        const store = await open();
        await store.append('s', [newEvent('A'), newEvent('B')], 0);
        await store.append('t', [newEvent('C'), newEvent('A')], 0);
        await store.append('s', [newEvent('B')], 2);
        const fresh = await open();
        for (const reader of [store, fresh]) {
          const read = async (options: ReadAllOptions) => (await reader.readAll(options)).map((e) => [e.globalPosition, e.type]);
          expect(await read({ types: ['A'] })).toEqual([[1, 'A'], [4, 'A']]);
          expect(await read({ types: ['A', 'C'], after: 1 })).toEqual([[3, 'C'], [4, 'A']]);
          expect(await read({ types: ['A', 'B'], limit: 2, after: 1 })).toEqual([[2, 'B'], [4, 'A']]);
          expect(await read({ types: ['B'], upTo: 4 })).toEqual([[2, 'B']]);
          expect(await read({ upTo: 2 })).toEqual([[1, 'A'], [2, 'B']]);
          expect(await read({ upTo: 0 })).toEqual([]);
          expect(await read({ types: [] })).toEqual([]);
          expect(await read({ types: ['Z'] })).toEqual([]);
          const [whole] = await reader.readAll({ types: ['C'] });
          expect(whole).toEqual((await reader.readAll({ after: 2, limit: 1 }))[0]);
        }
        await expect(store.readAll({ types: [''] })).rejects.toMatchObject({ problems: [{ path: 'types', message: expect.any(String) }] });
        await expect(store.readAll({ upTo: -1 })).rejects.toMatchObject({ problems: [{ path: 'upTo', message: expect.any(String) }] });
      });

      it('reads for the read models the events readAll gives, without the hash chain, the event id and the store time', async () => {
        const store = await open();
        await store.append('s', [newEvent('A', { b: 2, a: [1, { d: '四', c: null }] }), newEvent('B')], 0);
        await store.append('t', [newEvent('C'), newEvent('A')], 0);
        const fresh = await open();
        const projected = (e: StoredEvent) => {
          const { eventId, recordedAt, prevHash, hash, ...rest } = e;
          void [eventId, recordedAt, prevHash, hash];
          return rest;
        };
        for (const reader of [store, fresh]) {
          for (const options of [{ types: ['A'] }, { types: ['A', 'C'], after: 1, limit: 1 }, { upTo: 3 }, { upTo: 4, types: ['B', 'C'] }]) {
            const expected = (await reader.readAll(options)).map(projected);
            expect(expected.length).toBeGreaterThan(0);
            // the same events, member for member and in the same key order (as a rebuild and a live read feed the projections)
            expect(JSON.stringify(await reader.readProjected(options))).toBe(JSON.stringify(expected));
          }
          // a read of the head is readAll's own (the events carry the rest too)
          expect(await reader.readProjected({ after: 2 })).toEqual(await reader.readAll({ after: 2 }));
        }
        await expect(store.readProjected({ types: [''] })).rejects.toMatchObject({ problems: [{ path: 'types', message: expect.any(String) }] });
      });

      it("reads just-appended events as a fresh reader of the storage does, another writer's included", async () => {
        const store = await open();
        const otherWriter = await open();
        await store.append('s', [newEvent('A', { b: 2, a: [1, { d: '四', c: null }] }), newEvent('B')], 0);
        await otherWriter.append('t', [newEvent('C')], 0);
        await store.append('s', [newEvent('D', { z: 1, y: 2 })], 2);
        await otherWriter.append('t', [newEvent('E')], 1);
        const fresh = await open();
        const asText = (events: readonly unknown[]) => JSON.stringify(events);
        for (const range of [undefined, { after: 0, limit: 2 }, { after: 1, limit: 2 }, { after: 2 }, { after: 3 }, { after: 3, limit: 1 }, { after: 3, limit: 2 }, { after: 5 }]) {
          expect(asText(await store.readAll(range))).toBe(asText(await fresh.readAll(range)));
        }
        expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('records the injected clock and returns from append what it stored', async () => {
        const store = await open({ now: () => '2026-03-01T08:00:00.000Z' });
        const result = await store.append('s', [newEvent('A'), newEvent('B')], 0);
        expect(result.events.map((e) => e.recordedAt)).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z']);
        expect(await store.readStream('s')).toEqual(result.events);
      });

      it('round-trips data and metadata exactly: Chinese text, nesting, numbers', async () => {
        const store = await open();
        const data = {
          applicantName: '张三',
          title: '工程技术系列(人工智能)专业技术资格 — 高级工程师',
          quote: 'say "你好"\\ \n\ttab 🎓',
          numbers: [0, -1, 42, 3.14159, -2.5e-7, 1e21, Number.MAX_SAFE_INTEGER, 0.1 + 0.2],
          nested: { level: { deeper: { list: [{ b: 2, a: 1 }, [], {}], empty: '' } }, flag: true, none: null },
        };
        const metadata: EventMetadata = { ...meta(), causationId: uuidv7(), actorId: '申报人-001' };
        const event: NewEvent = { eventId: uuidv7(), type: 'Submitted', schemaVersion: 2, data, metadata };
        await store.append('declaration-张三', [event], 0);
        const [stored] = await store.readStream('declaration-张三');
        expect(stored.data).toEqual(data);
        expect(stored.metadata).toEqual(metadata);
        expect(stored.schemaVersion).toBe(2);
        expect(JSON.stringify(stored.data)).toBe(JSON.stringify(sortKeys(data)));
      });

      it('drops an optional metadata member left undefined', async () => {
        const store = await open();
        const event = newEvent('A');
        await store.append('s', [{ ...event, metadata: { ...event.metadata, causationId: undefined } }], 0);
        const [stored] = await store.readStream('s');
        expect(Object.keys(stored.metadata)).not.toContain('causationId');
        expect(verifyHashChain([stored])).toBeNull();
      });

      it('stores checkpoints durably, 0 when never saved', async () => {
        const store = await open();
        expect(await store.loadCheckpoint('projection')).toBe(0);
        await store.saveCheckpoint('projection', 7);
        await store.saveCheckpoint('projection', 9);
        await store.close();
        const reopened = await open();
        expect(await reopened.loadCheckpoint('projection')).toBe(9);
        expect(await reopened.loadCheckpoint('other')).toBe(0);
        await expect(reopened.saveCheckpoint('projection', -1)).rejects.toBeInstanceOf(EventStoreArgumentError);
        await expect(reopened.loadCheckpoint('')).rejects.toBeInstanceOf(EventStoreArgumentError);
      });
    });

    describe('hash chain', () => {
      it('chains every event to the one before it across streams, verifiable by recomputation', async () => {
        const store = await open();
        await store.append('s', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 0);
        await store.append('t', [newEvent('C', { 名称: '北京' })], 0);
        await store.append('s', [newEvent('D')], 2);
        const log = await store.readAll();
        expect(log[0].prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < log.length; i++) expect(log[i].prevHash).toBe(log[i - 1].hash);
        for (const event of log) {
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(computeEventHash(event)).toBe(event.hash);
        }
        expect(verifyHashChain(log)).toBeNull();
        expect(verifyHashChain(log.slice(2), log[1].hash)).toBeNull();
      });

      it('detects a changed event and a removed one', async () => {
        const store = await open();
        await store.append('s', [newEvent('A', { grade: 'PASS' }), newEvent('B'), newEvent('C')], 0);
        const log = await store.readAll();
        const tampered = log.map((e, i) => (i === 0 ? { ...e, data: { grade: 'FAIL' } } : e));
        expect(verifyHashChain(tampered)).toMatchObject({ globalPosition: 1 });
        expect(verifyHashChain([log[0], log[2]])).toMatchObject({ globalPosition: 3 });
      });

      it('continues the chain from the stored head after a restart', async () => {
        const store = await open();
        await store.append('s', [newEvent('A')], 0);
        await store.close();
        const reopened = await open();
        await reopened.append('s', [newEvent('B')], 1);
        expect(verifyHashChain(await reopened.readAll())).toBeNull();
      });
    });

    describe('onAppended', () => {
      it('tells listeners the last position after each commit, until they unsubscribe', async () => {
        const store = await open();
        const seen: number[] = [];
        const unsubscribe = store.onAppended((position) => seen.push(position));
        await store.append('s', [newEvent('A'), newEvent('B')], 0);
        await expect(store.append('s', [newEvent('C')], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store.append('t', [newEvent('C')], 0);
        unsubscribe();
        await store.append('t', [newEvent('D')], 1);
        expect(seen).toEqual([2, 3]);
      });
    });

    describe('catch-up subscription', () => {
      it('handles events in order, saves its checkpoint and resumes from it after a restart', async () => {
        const store = await open();
        for (const stream of ['a', 'b', 'a', 'c', 'b']) await store.append(stream, [newEvent(`In-${stream}`)], 'any');
        const handled: number[] = [];
        const first = startCatchUpSubscription(store, {
          name: 'projection',
          batchSize: 2,
          handler: (e) => void handled.push(e.globalPosition),
        });
        await first.caughtUp(5);
        await first.stop();
        expect(handled).toEqual([1, 2, 3, 4, 5]);
        expect(await store.loadCheckpoint('projection')).toBe(5);

        await store.append('c', [newEvent('After-1'), newEvent('After-2')], 'any');
        await store.close();
        const reopened = await open();
        await reopened.append('d', [newEvent('After-3')], 0);
        const second = startCatchUpSubscription(reopened, {
          name: 'projection',
          handler: async (e) => void handled.push(e.globalPosition),
        });
        await second.caughtUp(8);
        await second.stop();
        expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(await reopened.loadCheckpoint('projection')).toBe(8);
      });

      it('wakes on an append in this process without waiting for the poll', async () => {
        const store = await open();
        const handled: string[] = [];
        const subscription = startCatchUpSubscription(store, {
          name: 'wake',
          pollIntervalMs: 60_000,
          handler: (e) => void handled.push(e.type),
        });
        await subscription.caughtUp(0);
        const { globalPosition } = await store.append('s', [newEvent('Appended')], 0);
        await subscription.caughtUp(globalPosition);
        await subscription.stop();
        expect(handled).toEqual(['Appended']);
      });

      it('polls for events appended by another writer on the same storage', async () => {
        const store = await open();
        const otherWriter = await open();
        const handled: string[] = [];
        const subscription = startCatchUpSubscription(store, {
          name: 'poll',
          pollIntervalMs: 20,
          handler: (e) => void handled.push(e.type),
        });
        const { globalPosition } = await otherWriter.append('s', [newEvent('Elsewhere')], 0);
        await subscription.caughtUp(globalPosition);
        await subscription.stop();
        expect(handled).toEqual(['Elsewhere']);
      });

      it('retries a failing handler from the failed event (at least once) and reports the error', async () => {
        const store = await open();
        await store.append('s', [newEvent('A'), newEvent('B'), newEvent('C')], 0);
        const handled: string[] = [];
        const errors: [string, number | undefined][] = [];
        let failures = 1;
        const subscription = startCatchUpSubscription(store, {
          name: 'flaky',
          pollIntervalMs: 10,
          handler: (e) => {
            if (e.type === 'B' && failures-- > 0) throw new Error('projection database unavailable');
            handled.push(e.type);
          },
          onError: (error, event) => errors.push([(error as Error).message, event?.globalPosition]),
        });
        await subscription.caughtUp(3);
        await subscription.stop();
        expect(handled).toEqual(['A', 'B', 'C']);
        expect(errors).toEqual([['projection database unavailable', 2]]);
        expect(await store.loadCheckpoint('flaky')).toBe(3);
      });

      it('with concurrency, handles streams at once, each stream in log order, and passes only a handled prefix', async () => {
        const store = await open();
        // a slow event on stream a, then quick ones on b, then a's next event
        for (const [stream, type] of [['a', 'Slow'], ['b', 'B1'], ['b', 'B2'], ['a', 'A2'], ['c', 'C1']]) await store.append(stream, [newEvent(type)], 'any');
        const order: string[] = [];
        const passed: number[] = [];
        let releaseSlow: () => void = () => undefined;
        const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
        const subscription = startCatchUpSubscription(store, {
          name: 'keyed',
          concurrency: 4,
          handler: async (e) => {
            if (e.type === 'Slow') await slow;
            order.push(e.type);
          },
        });
        // b and c are handled while a's first event is still running; A2 waits for it
        await waitUntil(() => order.length === 3);
        expect(order).toEqual(['B1', 'B2', 'C1']);
        const waiting = subscription.caughtUp(2).then(() => passed.push(2));
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(passed).toEqual([]); // position 2 is handled, but position 1 is not yet
        releaseSlow();
        await waiting;
        await subscription.caughtUp(5);
        await subscription.stop();
        expect(order).toEqual(['B1', 'B2', 'C1', 'Slow', 'A2']);
        expect(await store.loadCheckpoint('keyed')).toBe(5);
      });

      it('with concurrency, orders by the keys given, and retries from the first event not handled', async () => {
        const store = await open();
        for (const [stream, type] of [['x-1', 'One'], ['y-1', 'Fails'], ['x-2', 'Two'], ['y-2', 'Three']]) await store.append(stream, [newEvent(type)], 'any');
        const handled: string[] = [];
        let failures = 1;
        const subscription = startCatchUpSubscription(store, {
          name: 'keyed-retry',
          concurrency: 8,
          pollIntervalMs: 10,
          // x-… and y-… are two subjects: each one's events in order
          keysOf: (e) => [e.streamId.slice(0, 1)],
          handler: async (e) => {
            if (e.type === 'Fails' && failures-- > 0) throw new Error('not yet');
            handled.push(e.type);
          },
          onError: () => undefined,
        });
        await subscription.caughtUp(4);
        await subscription.stop();
        // Three waited for Fails (same key); One and Two did not, and are handled again (at least once)
        expect(handled.filter((t) => t === 'Three')).toEqual(['Three']);
        expect(handled.indexOf('Fails')).toBeLessThan(handled.indexOf('Three'));
        expect(handled.filter((t) => t === 'One').length).toBeGreaterThanOrEqual(1);
        expect(new Set(handled)).toEqual(new Set(['One', 'Fails', 'Two', 'Three']));
        expect(await store.loadCheckpoint('keyed-retry')).toBe(4);
      });

      it('rejects caughtUp waiters when stopped first', async () => {
        const store = await open();
        const subscription = startCatchUpSubscription(store, { name: 'idle', handler: () => undefined });
        const waiting = subscription.caughtUp(10);
        await subscription.stop();
        await expect(waiting).rejects.toThrow(/stopped before position 10/);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of 100 concurrent writers win each version of a stream, losing none', async () => {
        const store = await open();
        let conflicts = 0;
        const writer = async (index: number): Promise<void> => {
          const event = newEvent('Scored', { writer: index });
          let expected = (await store.readStream('contested')).length;
          for (;;) {
            try {
              await store.append('contested', [event], expected);
              return;
            } catch (error) {
              if (!(error instanceof WrongExpectedVersionError)) throw error;
              conflicts++;
              expected = error.actual;
            }
          }
        };
        await Promise.all(Array.from({ length: 100 }, (_, i) => writer(i)));

        const stream = await store.readStream('contested');
        expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        expect(new Set(stream.map((e) => e.eventId)).size).toBe(100);
        expect(new Set(stream.map((e) => (e.data as { writer: number }).writer)).size).toBe(100);
        expect(conflicts).toBeGreaterThan(0);
        expect(verifyHashChain(await store.readAll())).toBeNull();
      }, 60_000);
    });
  });
}

function meta(): EventMetadata {
  return {
    actorId: 'applicant-1',
    actorRole: 'APPLICANT',
    correlationId: uuidv7(),
    occurredAt: '2026-03-01T08:00:00.000Z',
  };
}

/** A new event of `type` with a fresh UUIDv7 eventId. */
function newEvent(type: string, data: unknown = { type }): NewEvent {
  return { eventId: uuidv7(), type, schemaVersion: 1, data, metadata: meta() };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
