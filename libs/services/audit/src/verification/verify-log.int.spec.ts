import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@bj/event-store';
import { AuditSourceError, PostgresAuditLogSource } from './log-source';
import { describeTamperDetection } from './tamper-cases';
import { verifyLog } from './verify-log';

const connectionString = process.env['BJ_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const filePrefix = `test_audit_${randomBytes(4).toString('hex')}`;
const admin = new Pool({ connectionString, max: 2 });
let schemas = 0;

beforeAll(async () => {
  try {
    await admin.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${connectionString} (${(error as Error).message}). ` +
        'Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
});

afterAll(async () => {
  const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${filePrefix}%`]);
  for (const { nspname } of rows) await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  await admin.end();
});

describeTamperDetection('PostgreSQL', async () => {
  const schema = `${filePrefix}_${++schemas}`;
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
    const schema = `${filePrefix}_${++schemas}`;
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
    await expect(PostgresAuditLogSource.open({ pool: admin, schema: `${filePrefix}_none` })).rejects.toThrow(new AuditSourceError(`schema ${filePrefix}_none holds no event store (no table events)`));
  });
});
