// The real command, spawned as `node tools/scripts/run-ts.js tools/cli/src/eligibility.ts`
// (what `npm run eligibility` runs). Spawns are few: each costs about half a second.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const EXAMPLES = 'libs/domain/eligibility/src/examples';
const expected: unknown = JSON.parse(readFileSync(join(ROOT, EXAMPLES, 'expected.json'), 'utf8'));

function eligibility(...args: string[]) {
  const result = spawnSync(process.execPath, ['tools/scripts/run-ts.js', 'tools/cli/src/eligibility.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Expectation {
  readonly cutoff: string;
  readonly eligible?: boolean;
  readonly route?: string;
  readonly unmet?: readonly string[];
  readonly invalid?: boolean;
}
interface Entry {
  readonly eligible?: boolean;
  readonly route?: string | null;
  readonly findings?: readonly { clause: string; status: string }[];
  readonly file?: string;
  readonly errors?: readonly { path: string; message: string }[];
}

describe('npm run eligibility (spawned)', () => {
  it('every example gives its expected outcome, in input order, exit 2 because ex08 is refused', () => {
    const cases = Object.entries(expected as Record<string, Expectation>);
    const files = cases.map(([name]) => `${EXAMPLES}/${name}.json`);
    const { code, stdout, stderr } = eligibility('--cutoff', '2026-12-31', ...files);
    expect(stderr).toBe('');
    expect(code).toBe(2);
    const entries = JSON.parse(stdout) as Entry[];
    expect(entries).toHaveLength(cases.length);
    cases.forEach(([name, expectation], i) => {
      const entry = entries[i];
      if (expectation.invalid) {
        expect(entry).toEqual({ file: files[i], errors: [{ path: '/applicant/idNumber', message: expect.any(String) }] });
        return;
      }
      expect({ name, eligible: entry.eligible }).toEqual({ name, eligible: expectation.eligible });
      if (expectation.route) expect(entry.route).toBe(expectation.route);
      expect(entry.findings!.filter((f) => f.status === 'UNMET').map((f) => f.clause)).toEqual(expectation.unmet ?? []);
    });
  });

  it('one valid file: one report object, exit 0', () => {
    const { code, stdout } = eligibility('--cutoff', '2026-12-31', `${EXAMPLES}/ex06-senior-exception-patent-award.json`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expect.objectContaining({ eligible: true, route: 'SENIOR.EXCEPTION.2', cutoffDate: '2026-12-31' }));
  });

  it('--format table prints the Chinese summary', () => {
    const { code, stdout } = eligibility('--format', 'table', '--cutoff', '2026-12-31', `${EXAMPLES}/ex03-engineer-master.json`);
    expect(code).toBe(0);
    expect(stdout).toContain('结论：符合申报条件');
    expect(stdout).toContain('适用条件：ENGINEER.EDU.2');
    expect(stdout).toContain('✓ 学历和专业工作经历 [ENGINEER.EDU]');
  });

  it('a bad flag: exit 2, usage on stderr, no stack trace', () => {
    const { code, stdout, stderr } = eligibility('--cutof', '2026-12-31', `${EXAMPLES}/ex01-assistant-bachelor.json`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('用法 usage');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
