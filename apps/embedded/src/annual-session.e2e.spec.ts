import { runSimulatedSession, type SimulationResult } from './simulation/simulated-session';
import { inProcessPort } from './simulation/in-process-port';
import { startTestSystem, type TestSystem } from './testing/fixtures';

// Issue "The annual session": one session over HTTP, as the real roles, with 60 applicants of
// every level and both directions, from submission through vote, acceptance and notice.
describe('a whole annual session over HTTP (embedded)', () => {
  let sys: TestSystem;
  let result: SimulationResult;

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    result = await runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 60, year: 2026 });
  }, 240_000);
  afterAll(() => sys?.stop());

  it('covers every level and both directions', () => {
    const kinds = new Set(result.outcomes.map((o) => `${o.applicant.level}/${o.applicant.direction}`));
    expect(kinds.size).toBe(8);
  });

  it('ends each applicant exactly at the stage their case calls for', () => {
    const expected = (fate: string) => (fate === 'CORRECTED_THEN_CERTIFIED' ? 'CERTIFIED' : fate === 'REJECTED_INELIGIBLE' ? 'REJECTED_BY_CENTRE' : fate);
    const mismatches = result.outcomes.filter((o) => o.finalStage !== expected(o.applicant.fate)).map((o) => `${o.applicant.actor.id} ${o.applicant.fate} → ${o.finalStage}`);
    expect(mismatches).toEqual([]);
  });

  it('certifies exactly those who passed the vote and a clean notice', () => {
    const certified = result.outcomes.filter((o) => o.certificateNumber).map((o) => o.applicant.actor.id).sort();
    const expected = result.outcomes.filter((o) => ['CERTIFIED', 'CORRECTED_THEN_CERTIFIED'].includes(o.applicant.fate)).map((o) => o.applicant.actor.id).sort();
    expect(certified).toEqual(expected);
    expect(new Set(result.outcomes.map((o) => o.certificateNumber).filter(Boolean)).size).toBe(certified.length);
  });

  it('rejects the ineligible naming the unmet clause, and records why', async () => {
    const rejected = result.outcomes.filter((o) => o.applicant.fate === 'REJECTED_INELIGIBLE');
    expect(rejected.length).toBeGreaterThan(0);
    for (const o of rejected) {
      const res = await sys.http().get(`/api/v1/applications/${o.declarationId}`).set('Authorization', `Bearer ${await sys.issuer!.issue({ id: 'auditor-he', role: 'AUDITOR' })}`).expect(200);
      expect(res.body.eligibility.unmetClauses).toEqual(expect.arrayContaining([expect.stringMatching(/\.EDU$/)]));
      const rejection = res.body.trail.find((t: { type: string }) => t.type === 'ApplicationRejected');
      expect(rejection.details.grounds[0]).toMatchObject({ clause: expect.stringMatching(/\.EDU$/), reason: expect.stringContaining('年限不足') });
    }
  });

  it('records ballots without voters: tallies and code hashes only', async () => {
    const { events } = await sys.store.readAll({ limit: 1_000_000 }).then((events) => ({ events }));
    const ballots = events.filter((e) => e.type === 'BallotCast');
    expect(ballots.length).toBeGreaterThan(0);
    for (const b of ballots) {
      expect(b.metadata.actorId).toBe('ANONYMOUS');
      expect(JSON.stringify(b.data)).not.toMatch(/member/);
    }
    const closed = events.filter((e) => e.type === 'VotingClosed');
    for (const c of closed) {
      const d = c.data as { tally: { yes: number; no: number; abstain: number; ballotsCast: number }; ballots: unknown[] };
      expect(d.tally.yes + d.tally.no + d.tally.abstain).toBe(d.tally.ballotsCast);
      expect(d.ballots).toHaveLength(d.tally.ballotsCast);
    }
  });

  it('keeps the public notice free of full ID numbers', async () => {
    const list = await sys.http().get('/api/v1/notices').expect(200);
    const body = JSON.stringify(list.body) + JSON.stringify(await Promise.all((list.body.notices ?? list.body).map((n: { noticeId: string }) => sys.http().get(`/api/v1/notices/${n.noticeId}`).then((r) => r.body))));
    for (const o of result.outcomes) expect(body).not.toContain(o.applicant.idNumber);
    expect(body).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
  });

  it('leaves a log whose hash chain verifies from the first event to the last', async () => {
    const { verifyHashChain } = await import('@bj/event-store');
    const events = await sys.store.readAll({ limit: 1_000_000 });
    expect(events.length).toBeGreaterThan(1000);
    expect(verifyHashChain(events)).toBeNull();
  });
});
