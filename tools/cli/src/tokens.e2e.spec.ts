// The real command, spawned as `node tools/scripts/run-ts.js tools/cli/src/tokens.ts` (what
// `npm run -s tokens` runs), with a data directory of its own: the tokens it prints verify with
// the key pair it keeps there, and name the person asked for.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier, loadOrCreateDevIssuerKeys } from '@bj/auth';

const ROOT = join(__dirname, '../../..');

describe('npm run tokens (spawned)', () => {
  let dir: string;
  const tokens = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['tools/scripts/run-ts.js', 'tools/cli/src/tokens.ts', '--data-dir', dir, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  // with the public key the command left in the directory, as `npm start` verifies them
  const verified = async (token: string) => (await TokenVerifier.fromPem((await loadOrCreateDevIssuerKeys(dir)).publicPem)).verify(token);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bj-tokens-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a demo user by id, with a token that verifies as that user', async () => {
    const r = tokens('--user', 'centre-staff-zhou');
    expect(r.code).toBe(0);
    const user = JSON.parse(r.stdout);
    expect(user).toMatchObject({ id: 'centre-staff-zhou', role: 'CENTRE_STAFF', centre: 'BJ_PERSONNEL_EXAM_OFFICE' });
    expect(await verified(user.token)).toMatchObject({ id: 'centre-staff-zhou', role: 'CENTRE_STAFF', centre: 'BJ_PERSONNEL_EXAM_OFFICE' });
  }, 60_000);

  it('mints a token for someone who is not a demo user when given their role and id, as a simulated session has them', async () => {
    const r = tokens('--role', 'EXPERT', '--user', 'expert-07');
    expect(r.code).toBe(0);
    expect(await verified(JSON.parse(r.stdout).token)).toMatchObject({ id: 'expert-07', role: 'EXPERT' });
    const member = tokens('--role', 'COMMITTEE_MEMBER', '--user', 'ai-member-3', '--centre', 'BJ_INFO_INDUSTRY_CENTRE');
    expect(await verified(JSON.parse(member.stdout).token)).toMatchObject({ id: 'ai-member-3', role: 'COMMITTEE_MEMBER', centre: 'BJ_INFO_INDUSTRY_CENTRE' });
  }, 60_000);

  it('refuses a centre role without its centre, an unknown centre, and an id alone that no demo user has, exiting 2 with the usage', () => {
    const noCentre = tokens('--role', 'CENTRE_STAFF', '--user', 'centre-staff-new');
    expect(noCentre.code).toBe(2);
    expect(noCentre.stderr).toContain('--role CENTRE_STAFF needs --centre (BJ_INFO_INDUSTRY_CENTRE or BJ_PERSONNEL_EXAM_OFFICE)');
    const badCentre = tokens('--role', 'CENTRE_STAFF', '--user', 'x', '--centre', 'NOWHERE');
    expect(badCentre.code).toBe(2);
    expect(badCentre.stderr).toContain('--centre must be one of BJ_INFO_INDUSTRY_CENTRE, BJ_PERSONNEL_EXAM_OFFICE');
    const alone = tokens('--user', 'expert-07');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('No demo user matches');
    expect(alone.stdout).toBe('');
  }, 60_000);
});
