import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@bj/event-store';
import { EXIT_AUDIT_FAILED, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, runAuditCli } from './audit-cli';

const event = (n: number, type: string, data: unknown): NewEvent => ({
  eventId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data,
  metadata: { actorId: 'applicant-1', actorRole: 'APPLICANT', correlationId: `c-${n}`, occurredAt: '2026-06-10T01:00:00.000Z' },
});

describe('npm run audit', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const cli = async (...argv: string[]) => runAuditCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => '2026-11-05T02:00:00.000Z' });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-audit-cli-'));
    out = [];
    err = [];
    let tick = 0;
    const store = new SqliteEventStore(join(dir, 'events.sqlite'), { now: () => new Date(Date.UTC(2026, 5, 10, 1, 0, tick++)).toISOString() });
    await store.append('declaration-d1', [event(1, 'DeclarationDrafted', { declarationId: 'd1', sessionYear: 2026, ownerId: 'applicant-1', document: {} })], 0);
    await store.append('declaration-d1', [event(2, 'DeclarationSubmitted', { document: {}, employerCreditCode: '91110108MA01A2B3CF', applicantIdNumber: '110105198001010011', submittedOn: '2026-06-10' })], 1);
    await store.append('declaration-d1', [event(3, 'DeclarationWithdrawn', { reason: '个人原因，今年不再申报' })], 2);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('verify: exit 0 on an intact log, 3 with each break listed when tampered', async () => {
    expect(await cli('verify', '--data-dir', dir, '--format', 'text')).toBe(EXIT_OK);
    expect(out.join('')).toContain('INTACT');
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = '{\"reason\":\"被迫撤回\"}' WHERE global_position = 3").run();
    db.close();
    out = [];
    expect(await cli('verify', '--data-dir', dir, '--format', 'text')).toBe(EXIT_AUDIT_FAILED);
    expect(out.join('')).toContain('HASH_MISMATCH at position 3, event 00000000-0000-7000-8000-000000000003, stream declaration-d1 v3');
  });

  it('verify and checkpoint walk the log at a low CPU priority unless --priority normal; the other commands leave it', async () => {
    let lowered = 0;
    const counting = (...argv: string[]) =>
      runAuditCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => '2026-11-05T02:00:00.000Z', lowerPriority: () => lowered++ });
    expect(await counting('verify', '--data-dir', dir)).toBe(EXIT_OK);
    expect(lowered).toBe(1);
    expect(await counting('verify', '--data-dir', dir, '--priority', 'normal')).toBe(EXIT_OK);
    expect(lowered).toBe(1);
    const key = join(dir, 'keys', 'checkpoint.pem');
    expect(await counting('keygen', '--out', key)).toBe(EXIT_OK);
    expect(await counting('checkpoint', '--key', key, '--out', join(dir, 'cp.json'), '--data-dir', dir, '--priority', 'low')).toBe(EXIT_OK);
    expect(lowered).toBe(2);
    expect(await counting('trail', '--application', 'd1', '--data-dir', dir)).toBe(EXIT_OK);
    expect(lowered).toBe(2);
    expect(await counting('verify', '--data-dir', dir, '--priority', 'urgent')).toBe(EXIT_USAGE);
    expect(lowered).toBe(2); // a refused command changes nothing
  });

  it('keygen, checkpoint, then verify --since-checkpoint: exit 3 once the newest event is cut off', async () => {
    const key = join(dir, 'keys', 'checkpoint.pem');
    expect(await cli('keygen', '--out', key)).toBe(EXIT_OK);
    expect(await cli('checkpoint', '--key', key, '--out', join(dir, 'cp.json'), '--data-dir', dir)).toBe(EXIT_OK);
    expect(JSON.parse(out[1]).payload).toMatchObject({ position: 3, time: '2026-11-05T02:00:00.000Z' });
    const since = ['verify', '--since-checkpoint', join(dir, 'cp.json'), '--public-key', join(dir, 'keys', 'checkpoint.pub.pem'), '--data-dir', dir];
    expect(await cli(...since)).toBe(EXIT_OK);
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE global_position = 3').run();
    db.close();
    out = [];
    expect(await cli(...since)).toBe(EXIT_AUDIT_FAILED);
    expect(JSON.parse(out.join('')).breaks).toEqual([expect.objectContaining({ kind: 'TRUNCATED' })]);
  });

  it('state as of a position, and 4 when nothing was recorded yet', async () => {
    expect(await cli('state', '--as-of', '2', '--declaration', 'd1', '--data-dir', dir)).toBe(EXIT_OK);
    expect(JSON.parse(out.join(''))).toMatchObject({ eventsApplied: 2, lastGlobalPosition: 2, state: { declaration: { status: 'SUBMITTED' } } });
    expect(await cli('state', '--as-of', '2026-06-01T00:00:00Z', '--declaration', 'd1', '--data-dir', dir)).toBe(EXIT_NOT_FOUND);
    expect(err.join('')).toContain('Declaration d1 has no event as of 2026-06-01T00:00:00.000Z');
  });

  it('trail as CSV with the reasons given', async () => {
    expect(await cli('trail', '--application', 'd1', '--format', 'csv', '--data-dir', dir)).toBe(EXIT_OK);
    const lines = out.join('').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('DeclarationWithdrawn,applicant-1,APPLICANT,DeclarationWithdrawn,reason: 个人原因，今年不再申报');
  });

  it.each([
    [[], 'Usage:'],
    [['verify', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['trail', '--application', 'd1', '--format', 'xml'], '--format must be json or csv, got "xml"'],
    [['state', '--as-of', 'soon', '--declaration', 'd1'], 'asOf: "soon" is neither a global position'],
    [['state', '--as-of', '3'], 'give exactly one of declaration, application, session, certificate (got none)'],
    [['session', '--year', '26'], '--year must be a year from 2020 to 2100, got "26"'],
    [['session', '--year', '2019'], '--year must be a year from 2020 to 2100, got "2019"'],
    [['checkpoint', '--out', 'x.json'], '--key is required'],
    [['verify', '--data-dir', '/nonexistent'], '/nonexistent/events.sqlite: no event store there'],
    [['verify', '--year', '2026'], '--year does not apply to verify'],
    [['verify', '--priority', 'high'], '--priority: "high" is not one of low, normal'],
    [['trail', '--application', 'd1', '--priority', 'low'], '--priority does not apply to trail'],
  ])('exit 2 on bad usage %j, saying why', async (argv, message) => {
    expect(await cli(...argv)).toBe(EXIT_USAGE);
    expect(out.join('') + err.join('')).toContain(message);
  });
});
