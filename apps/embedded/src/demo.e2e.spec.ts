// The real command, spawned as `npm run demo` runs it, into a data directory of its own: a
// session stopped after a named stage leaves the log as it stands on that day, and a stage the
// session does not have is refused before anything is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bj/event-store';

const ROOT = join(__dirname, '../../..');

function demo(...args: string[]) {
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', 'tools/scripts/run-ts.js', 'apps/embedded/src/demo.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run demo (spawned)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bj-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops after the stage it names, with the experts assigned and no score yet, and says how to go on', async () => {
    const data = join(dir, 'stopped');
    const r = demo('--applicants', '12', '--data-dir', data, '--stop-after', 'assign experts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stopped after 专家分配 assign experts (2026-09-01)');
    expect(r.stdout).toContain('next comes 专业评议组评议 panel scoring');
    expect(r.stdout).toContain('FAKE_NOW=2026-09-01T02:00:00Z npm start');
    expect(r.stdout).not.toContain('Outcome by level');
    const store = new SqliteEventStore(join(data, 'events.sqlite'));
    try {
      const types = new Set((await store.readAll({ limit: 1_000_000 })).map((e) => e.type));
      expect(types.has('ExpertsAssigned')).toBe(true);
      expect(types.has('ScoreSubmitted')).toBe(false);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses a stage the session does not have, and --stop-after with none, naming the stages, writing nothing', () => {
    for (const args of [['--stop-after', 'nothing'], ['--stop-after']]) {
      const data = join(dir, `refused-${args.length}`);
      const r = demo('--applicants', '12', '--data-dir', data, ...args);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('--stop-after must name a stage of the session');
      expect(r.stdout + r.stderr).toContain('open session, declare, publicity');
      expect(existsSync(join(data, 'events.sqlite'))).toBe(false);
    }
  }, 120_000);
});
