import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from './event-store.port';
import { IdempotencyConflictError } from './errors';
import { SqliteEventStore } from './sqlite-event-store';

// better-sqlite3's native part raises the error class of the first copy of the module that opened
// a database in the process. A test runner gives each file its own copy, and a process may load two;
// the store must still tell a repeated event id from any other refusal.
describe('SqliteEventStore with another copy of the driver loaded first', () => {
  beforeAll(() => {
    jest.isolateModules(() => {
      const AnotherCopy = require('better-sqlite3') as typeof import('better-sqlite3');
      new AnotherCopy(':memory:').close();
    });
  });

  const event = (type: string): NewEvent => ({
    eventId: uuidv7(),
    type,
    schemaVersion: 1,
    data: { type },
    metadata: { actorId: 'applicant-1', actorRole: 'APPLICANT', correlationId: uuidv7(), occurredAt: '2026-03-01T08:00:00.000Z' },
  });

  it("answers a retry at 'any' with the original positions and refuses a partial repeat whole", async () => {
    const store = new SqliteEventStore(':memory:');
    try {
      const stored = [event('Submitted'), event('Accepted')];
      const first = await store.append('declaration-1', stored, 0);

      expect((await store.append('declaration-1', stored, 'any')).events).toEqual(first.events);
      await expect(store.append('declaration-1', [stored[1], event('Scored')], 'any')).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.headPosition()).toBe(2);
    } finally {
      await store.close();
    }
  });
});
