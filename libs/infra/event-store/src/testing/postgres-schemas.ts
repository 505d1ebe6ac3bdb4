import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** The test database (BJ_TEST_DATABASE_URL, default the machine's `test` database). */
export const TEST_DATABASE_URL = process.env['BJ_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Throwaway PostgreSQL schemas for one test file, under a random prefix so files running in
 * parallel never meet; registers jest hooks that fail the file (never skip it) when PostgreSQL
 * is unreachable, and drop every schema of the prefix at the end.
 */
export function usePostgresTestSchemas(label: string) {
  const prefix = `test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  let count = 0;

  beforeAll(async () => {
    try {
      await admin.query('SELECT 1');
    } catch (error) {
      throw new Error(
        `PostgreSQL is unreachable at ${TEST_DATABASE_URL} (${(error as Error).message}). ` +
          'Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      );
    }
  });

  afterAll(async () => {
    const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${prefix}%`]);
    for (const { nspname } of rows) await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    await admin.end();
  });

  return {
    connectionString: TEST_DATABASE_URL,
    admin,
    next: (): string => `${prefix}_${++count}`,
    drop: async (schema: string): Promise<void> => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}
