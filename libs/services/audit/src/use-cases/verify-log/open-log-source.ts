import { join } from 'node:path';
import type { AppConfig } from '@bj/service-kit';
import { PostgresAuditLogSource, SqliteAuditLogSource, type AuditLogSource } from '../../verification/log-source';

/** A read-only view of the configured store's tables (the SQLite file under DATA_DIR, or the PostgreSQL schema). */
export async function openConfiguredLogSource(config: Pick<AppConfig, 'eventStore' | 'dataDir' | 'databaseUrl' | 'databaseSchema'>): Promise<AuditLogSource> {
  if (config.eventStore === 'postgres') return PostgresAuditLogSource.open({ connectionString: config.databaseUrl, schema: config.databaseSchema });
  return new SqliteAuditLogSource(join(config.dataDir, 'events.sqlite'));
}
