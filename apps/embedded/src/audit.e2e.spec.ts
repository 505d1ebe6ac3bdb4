// The auditors' tools over a whole simulated session: verification, checkpoints, point-in-time
// state, trails with secret ballots, the session audit (clean and forged), projection rebuild.
process.env['AUDIT_CHECKPOINT_MINUTES'] = '0'; // no scheduled checkpoints in tests

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent, StoredEvent } from '@bj/event-store';
import { APP_CONFIG, ManualClock, ProjectionHost, officialCalendar, openEventStore, type AppConfig } from '@bj/service-kit';
import { auditSessionOf, projectionsOf, rebuildProjections, snapshotOf } from '@bj/audit-service';
import { createEmbeddedApp } from './create-embedded-app';
import { inProcessPort } from './simulation/in-process-port';
import { runSimulatedSession, type SimulationResult } from './simulation/simulated-session';
import { startTestSystem, type TestSystem } from './testing/fixtures';

jest.setTimeout(120_000);

describe('auditors’ tools over a simulated 2026 session', () => {
  let sys: TestSystem;
  let result: SimulationResult;
  let config: AppConfig;
  let auditor: string;
  const scratch: string[] = [];

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    result = await runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 24, year: 2026 });
    config = sys.app.get<AppConfig>(APP_CONFIG);
    auditor = sys.tokenFor('AUDITOR');
    await sys.app.get(ProjectionHost).waitFor(await sys.eventCount());
  }, 240_000);
  afterAll(async () => {
    await sys?.stop();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, token = auditor) => sys.http().get(path).set('Authorization', `Bearer ${token}`);
  const all = () => sys.store.readAll();
  const certifiedApplication = () => result.outcomes.find((o) => o.certificateNumber)!;

  /** A copy of the log to forge on, leaving the running system untouched. */
  async function copyOfLog(): Promise<EventStore> {
    const dir = mkdtempSync(join(tmpdir(), 'bj-audit-copy-'));
    scratch.push(dir);
    const source = new Database(join(config.dataDir, 'events.sqlite'), { readonly: true });
    await source.backup(join(dir, 'events.sqlite'));
    source.close();
    return openEventStore({ ...config, eventStore: 'sqlite', dataDir: dir }, new ManualClock('2026-11-20T01:00:00.000Z'));
  }

  it('verifies the whole log as intact (AUDITOR only)', async () => {
    const res = await get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intact: true, eventsChecked: await sys.eventCount(), headPosition: await sys.eventCount(), breaksTotal: 0 });
    expect((await get('/api/v1/audit/verify', sys.tokenFor('CENTRE_STAFF'))).status).toBe(403);
    expect((await sys.http().get('/api/v1/audit/verify')).status).toBe(401);
  });

  it('passes the session audit of the simulated session, every rule checked', async () => {
    const res = await get('/api/v1/audit/sessions/2026');
    expect(res.status).toBe(200);
    expect(res.body.breaches).toEqual([]);
    expect(res.body.passed).toBe(true);
    for (const check of res.body.checks) expect(check.checked).toBeGreaterThan(0);
    expect((await get('/api/v1/audit/sessions/twenty')).status).toBe(400);
  });

  it('lists the application’s trail with who, when, role and reasons, and ballots only as counts', async () => {
    const id = certifiedApplication().declarationId;
    const res = await get(`/api/v1/audit/applications/${id}/trail`);
    expect(res.status).toBe(200);
    const types: string[] = res.body.entries.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['DeclarationSubmitted', 'EmployerRecommended', 'ApplicationAccepted', 'PanelOpinionFormed', 'BallotsIssued', 'VotingClosed', 'CandidatePassed', 'NoticePublished', 'ApplicantReadyForCertification', 'CertificateIssued']));
    expect(types).not.toContain('BallotCast');
    const recommended = res.body.entries.find((e: { type: string }) => e.type === 'EmployerRecommended');
    expect(recommended).toMatchObject({ actorRole: 'EMPLOYER', reasons: [expect.stringMatching(/^opinion: /)] });
    expect(res.body.entries.find((e: { type: string }) => e.type === 'VotingClosed').summary).toMatch(/^voting closed: \d+ yes, \d+ no, \d+ abstain; \d+ of \d+ ballots cast/);
    // No ballot's code hash (which would tie a choice to a ballot) appears anywhere in the trail.
    const ballotHashes = (await all()).filter((e) => e.type === 'BallotCast').map((e) => (e.data as { codeHash: string }).codeHash);
    expect(ballotHashes.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(ballotHashes.some((h) => text.includes(h))).toBe(false);

    const csv = await get(`/api/v1/audit/applications/${id}/trail?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('globalPosition,recordedAt,occurredAt,streamId,type,actorId,actorRole,summary,reasons');
    expect(lines).toHaveLength(res.body.entries.length + 1);
    expect((await get('/api/v1/audit/applications/no-such-application/trail')).status).toBe(404);
  });

  it('rebuilds an application’s state as of a past position or time from the events alone', async () => {
    const outcome = certifiedApplication();
    const id = outcome.declarationId;
    const events = await all();
    const passed = events.find((e) => e.type === 'CandidatePassed' && (e.data as { candidateId: string }).candidateId === id)!;
    const before = await get(`/api/v1/audit/state?application=${id}&asOf=${passed.globalPosition - 1}`);
    expect(before.status).toBe(200);
    expect(before.body.state.centreReview.status).toBe('ACCEPTED');
    expect(before.body.state.meetings[0]).toMatchObject({ status: 'VOTING', tally: null });
    expect(before.body.state.certificates).toEqual([]);
    const now = await get(`/api/v1/audit/state?application=${id}&asOf=${encodeURIComponent(new Date(Date.parse(events[events.length - 1].recordedAt) + 1000).toISOString())}`);
    expect(now.body.state.meetings[0]).toMatchObject({ status: 'PASSED', tally: { yes: expect.any(Number) } });
    expect(now.body.state.certificates).toEqual([expect.objectContaining({ status: 'ISSUED' })]);
    expect(JSON.stringify(now.body)).not.toContain('codeHash');

    const certificate = await get(`/api/v1/audit/state?certificate=${outcome.certificateNumber}&asOf=${events.length}`);
    expect(certificate.body.state.certificate.status).toBe('ISSUED');
    const session = await get(`/api/v1/audit/state?session=2026&asOf=2026-06-01`);
    expect(session.body.state.session.session.year).toBe(2026);
    expect(session.body.state.results).toEqual({});
    expect((await get(`/api/v1/audit/state?application=${id}&asOf=1`)).status).toBe(404);
    expect((await get(`/api/v1/audit/state?application=${id}&session=2026`)).status).toBe(400);
    expect((await get(`/api/v1/audit/state?application=${id}&asOf=yesterday`)).status).toBe(400);
  });

  it('rebuilds every projection from the log to the same read models as live processing', async () => {
    const live = projectionsOf(sys.app);
    expect(live.map((p) => p.name)).toEqual(expect.arrayContaining(['declarations', 'review.board', 'certification.certificates', 'sessions']));
    // A second app on the same data, created but not started: its projections are empty.
    const second = await createEmbeddedApp({ config, clock: sys.clock, logger: false });
    try {
      const fresh = projectionsOf(second.app);
      expect(fresh.map((p) => p.name)).toEqual(live.map((p) => p.name));
      const progress: number[] = [];
      const report = await rebuildProjections(second.store, fresh, { batchSize: 500, onProgress: (p) => progress.push(p.position) });
      expect(report).toMatchObject({ events: await sys.eventCount(), failures: [] });
      expect(progress[progress.length - 1]).toBe(await sys.eventCount());
      const liveModels = JSON.stringify(live.map(snapshotOf));
      expect(liveModels).toContain(certifiedApplication().certificateNumber); // the snapshots hold the read models, not empty shells
      for (const [i, projection] of fresh.entries()) expect({ name: projection.name, model: snapshotOf(projection) }).toEqual({ name: live[i].name, model: snapshotOf(live[i]) });
    } finally {
      await second.app.close();
    }
  });

  it('fails the session audit of a log with forged events, naming each breach', async () => {
    const copy = await copyOfLog();
    try {
      const forgedId = '01900000-0000-7000-8000-00000000f01d';
      const meta = (day: string) => ({ actorId: 'employer-forger', actorRole: 'EMPLOYER' as const, correlationId: 'forged', occurredAt: `${day}T01:00:00.000Z` });
      const ev = (n: number, type: string, data: unknown, day: string): NewEvent => ({ eventId: `01900000-0000-7000-8000-0000000f00${n}`, type, schemaVersion: 1, data, metadata: meta(day) });
      // Publicity 3–7 August 2026 (5 working days); recommended on the 7th, one working day early.
      const recommended = await copy.append(
        `declaration-${forgedId}`,
        [
          ev(1, 'DeclarationDrafted', { declarationId: forgedId, sessionYear: 2026, ownerId: 'applicant-forged', document: {} }, '2026-07-30'),
          ev(2, 'DeclarationSubmitted', { document: {}, employerCreditCode: '91110108MA01A2B3CF', applicantIdNumber: '110105198001010011', submittedOn: '2026-07-30' }, '2026-07-30'),
          ev(3, 'EmployerPublicityStarted', { firstDay: '2026-08-03', lastDay: '2026-08-07', workingDays: 5, countPublicationDay: true }, '2026-08-03'),
          ev(4, 'EmployerRecommended', { opinion: '同意推荐该同志。', recommendedOn: '2026-08-07' }, '2026-08-07'),
        ],
        0,
      );
      const failed = result.outcomes.find((o) => o.finalStage === 'FAILED_VOTE') ?? result.outcomes.find((o) => !o.certificateNumber)!;
      const certificate = await copy.append(
        'certificate-BJAI-2026-G2-999999-X',
        [{ eventId: '01900000-0000-7000-8000-0000000f0099', type: 'CertificateIssued', schemaVersion: 1, data: { certificateNumber: 'BJAI-2026-G2-999999-X', applicantId: failed.declarationId, sessionId: 'session-2026', content: {}, payload: {}, pdfSha256: '0'.repeat(64), signature: 'x', keyId: 'k', issuedAt: '2026-11-20T01:00:00.000Z' }, metadata: { actorId: 'hrss-officer-liu', actorRole: 'HRSS_OFFICER', correlationId: 'forged', occurredAt: '2026-11-20T01:00:00.000Z' } }],
        0,
      );
      const report = await auditSessionOf(copy, 2026, officialCalendar());
      expect(report.passed).toBe(false);
      expect(report.breaches).toEqual([
        expect.objectContaining({ rule: 'EMPLOYER_PUBLICITY', code: 'RECOMMENDED_DURING_PUBLICITY', streamId: `declaration-${forgedId}`, globalPosition: recommended.globalPosition, explanation: expect.stringContaining('runs until 2026-08-07 inclusive') }),
        expect.objectContaining({ rule: 'CERTIFICATE', code: 'CERTIFICATE_WITHOUT_READY', streamId: 'certificate-BJAI-2026-G2-999999-X', globalPosition: certificate.globalPosition, explanation: expect.stringContaining(failed.declarationId) }),
      ]);
      expect(report.checks.find((c) => c.rule === 'MEETING_RULES')).toMatchObject({ breaches: 0 });
    } finally {
      await copy.close();
    }
  });

  it('signs a checkpoint on demand and detects the newest events cut off after it', async () => {
    const signed = await sys.http().post('/api/v1/audit/checkpoints').set('Authorization', `Bearer ${auditor}`);
    expect(signed.status).toBe(201);
    const head = await sys.eventCount();
    const last: StoredEvent = (await sys.store.readAll({ after: head - 1 }))[0];
    expect(signed.body.payload).toMatchObject({ position: head, headHash: last.hash, time: sys.clock.now() });
    const { publicKey } = (await get('/api/v1/audit/checkpoints/public-key')).body;
    const clean = await sys.http().post('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor}`).send({ checkpoint: signed.body, publicKey });
    expect(clean.body).toMatchObject({ intact: true, trustedKey: true, checkpoint: { position: head, extended: true } });
    expect((await sys.http().post('/api/v1/audit/checkpoints').set('Authorization', `Bearer ${sys.tokenFor('HRSS_OFFICER')}`)).status).toBe(403);

    // An operator cuts off the last three events directly in the file.
    const db = new Database(join(config.dataDir, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE global_position > ?').run(head - 3);
    db.close();
    expect((await get('/api/v1/audit/verify')).body.intact).toBe(true); // the chain alone cannot see a cut tail
    const cut = await sys.http().post('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor}`).send({ checkpoint: signed.body, publicKey });
    expect(cut.body.intact).toBe(false);
    expect(cut.body.breaks).toEqual([expect.objectContaining({ kind: 'TRUNCATED', explanation: expect.stringContaining('3 event(s) were cut off') })]);
    const forged = { ...signed.body, payload: { ...signed.body.payload, position: head - 3 } };
    expect((await sys.http().post('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor}`).send({ checkpoint: forged, publicKey })).status).toBe(400);
  });
});
