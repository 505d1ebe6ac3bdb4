// The real command, spawned as `node tools/scripts/run-ts.js tools/cli/src/statistics.ts`
// (what `npm run statistics` runs), over a SQLite log written here: the statistics come from
// the log alone, without the services.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bj/event-store';

const ROOT = join(__dirname, '../../..');

function statistics(...args: string[]) {
  const result = spawnSync(process.execPath, ['tools/scripts/run-ts.js', 'tools/cli/src/statistics.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const meta = (date: string) => ({ actorId: 'u', actorRole: 'APPLICANT' as const, correlationId: 'c', occurredAt: `${date}T01:00:00Z` });
let n = 0;
const event = (type: string, date: string, data: unknown) => ({ eventId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`, type, schemaVersion: 1, data, metadata: meta(date) });

describe('npm run statistics (spawned)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-stats-cli-'));
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const document = { targetLevel: 'ENGINEER', direction: 'RESEARCH', employer: { kind: 'PUBLIC_INSTITUTION' } };
    for (const [id, recommend] of [['a', true], ['b', false]] as const) {
      await store.append(
        `declaration-${id}`,
        [
          event('DeclarationDrafted', '2026-06-01', { declarationId: id, sessionYear: 2026, ownerId: 'u', document }),
          event('DeclarationSubmitted', '2026-06-10', { document, submittedOn: '2026-06-10' }),
          ...(recommend ? [event('EmployerRecommended', '2026-08-10', { opinion: '同意', recommendedOn: '2026-08-10' })] : []),
        ],
        0,
      );
    }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the year as JSON, rebuilt from the log', () => {
    const { code, stdout, stderr } = statistics('--year', '2026', '--data-dir', dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats.totals).toMatchObject({ declared: 2, recommended: 1, accepted: 0 });
    expect(stats.medianDays[0]).toMatchObject({ key: 'SUBMISSION_TO_RECOMMENDATION', medianDays: 61, applications: 1 });
    expect(stats.asOfPosition).toBe(5);
  });

  it('writes CSV and PDF files', () => {
    const csv = join(dir, 'y.csv');
    expect(statistics('--year', '2026', '--data-dir', dir, '--format', 'csv', '--out', csv, '--employer-kind', 'PUBLIC_INSTITUTION').code).toBe(0);
    expect(readFileSync(csv, 'utf8').trim().split('\r\n').at(-1)).toBe('2026,合计,,,,2,1,0,0,0,0,0,0,0,0,0,0,,0');
    const pdf = join(dir, 'y.pdf');
    const { code, stderr } = statistics('--year', '2026', '--data-dir', dir, '--format', 'pdf', '--out', pdf);
    expect(code).toBe(0);
    expect(stderr).toContain('2026: 2 declared, 0 certified');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses bad options naming them, with exit 2', () => {
    const noYear = statistics('--year', '2024', '--data-dir', dir);
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--year: the log at');
    expect(noYear.stderr).toContain('(it has 2026)');
    expect(statistics('--year', '2026', '--data-dir', join(dir, 'none')).stderr).toContain('--data-dir: no event log');
    expect(statistics('--year', '2026', '--data-dir', dir, '--level', 'BOSS').stderr).toContain('/level must be one of');
  });
});
