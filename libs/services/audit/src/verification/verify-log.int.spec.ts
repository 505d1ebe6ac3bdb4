import { PostgresEventStore } from '@bj/event-store';
import { usePostgresTestSchemas } from '@bj/event-store/testing';
import { AuditSourceError, PostgresAuditLogSource } from './log-source';
import { describeTamperDetection } from './tamper-cases';
import { verifyLog } from './verify-log';

const schemas = usePostgresTestSchemas('audit');
const { connectionString, admin } = schemas;
const absent = `${schemas.next()}_none`;

describeTamperDetection('PostgreSQL', async () => {
  const schema = schemas.next();
  let tick = 0;
  const store = await PostgresEventStore.open({ connectionString, schema, maxConnections: 2, now: () => new Date(Date.UTC(2026, 8, 1, 1, 0, tick++)).toISOString() });
  return {
    store,
    events: `"${schema}".events`,
    p: (n) => `$${n}`,
    exec: async (sql, params = []) => {
      await admin.query(sql, [...params]);
    },
    source: () => PostgresAuditLogSource.open({ pool: admin, schema }),
    dispose: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
});

describe('PostgresAuditLogSource', () => {
  it('sees the tail cut off even without a checkpoint, through log_head (HEAD_MISMATCH)', async () => {
    const schema = schemas.next();
    const store = await PostgresEventStore.open({ connectionString, schema, maxConnections: 2 });
    try {
      for (let i = 1; i <= 3; i++) {
        await store.append(`s-${i}`, [{ eventId: `e-${i}`, type: 'T', schemaVersion: 1, data: { i }, metadata: { actorId: 'a', actorRole: 'AUDITOR', correlationId: 'c', occurredAt: '2026-09-01T00:00:00.000Z' } }], 0);
      }
      await admin.query(`DELETE FROM "${schema}".events WHERE global_position = 3`);
      const source = await PostgresAuditLogSource.open({ pool: admin, schema });
      const report = await verifyLog(source);
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'HEAD_MISMATCH', explanation: expect.stringContaining('log_head records position 3') })]);
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it('refuses a schema without a store, naming it', async () => {
    await expect(PostgresAuditLogSource.open({ pool: admin, schema: absent })).rejects.toThrow(new AuditSourceError(`schema ${absent} holds no event store (no table events)`));
  });
});
