import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@bj/event-store';
import type { AppConfig } from './config';
import type { Clock } from './runtime';

/** The configured event store: one SQLite file under DATA_DIR (embedded default) or PostgreSQL. */
export async function openEventStore(config: AppConfig, clock: Clock): Promise<EventStore> {
  if (config.eventStore === 'postgres') {
    const store = new PostgresEventStore({ connectionString: config.databaseUrl, schema: config.databaseSchema, now: () => clock.now() });
    await store.init();
    return store;
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { now: () => clock.now() });
}
