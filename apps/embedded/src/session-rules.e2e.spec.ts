import type { Actor } from '@bj/kernel';
import { engineerDeclaration, sessionDefinition, startTestSystem, ZHIYUAN_CREDIT_CODE, type TestSystem } from './testing/fixtures';

// Issue "The annual session", done when: each rule of steps 4–8 broken over HTTP is refused
// with a clear error, and the refusal writes no event.
describe('the session rules, broken over HTTP', () => {
  let sys: TestSystem;
  let id: string;
  const applicant: Actor = { id: 'applicant-li-ming', role: 'APPLICANT', creditCode: ZHIYUAN_CREDIT_CODE };
  const employer: Actor = { id: 'employer-zhiyuan-tech', role: 'EMPLOYER', creditCode: ZHIYUAN_CREDIT_CODE };
  const staff: Actor = { id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' };
  const colleagueExpert: Actor = { id: 'expert-colleague', role: 'EXPERT' }; // same employer as the applicant
  const experts: Actor[] = ['expert-a', 'expert-b', 'expert-c'].map((x) => ({ id: x, role: 'EXPERT' }));
  const member = (n: number): Actor => ({ id: `ai-member-${n}`, role: 'COMMITTEE_MEMBER', centre: 'BJ_INFO_INDUSTRY_CENTRE' });

  const call = async (method: 'get' | 'post', path: string, actor: Actor, body: object = {}) =>
    method === 'get'
      ? sys.http().get(path).set('Authorization', `Bearer ${await sys.issuer!.issue(actor)}`)
      : sys.http().post(path).set('Authorization', `Bearer ${await sys.issuer!.issue(actor)}`).send(body);
  /** Calls, expects the refusal, and checks that the log did not grow. */
  const refused = async (status: number, code: string, method: 'post', path: string, actor: Actor, body: object = {}) => {
    const before = await sys.eventCount();
    const res = await call(method, path, actor, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message.length).toBeGreaterThan(10);
    expect(await sys.eventCount()).toBe(before);
    return res;
  };
  const on = (date: string) => sys.clock.set(`${date}T01:00:00Z`);

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    await (await call('post', '/api/v1/sessions', staff, sessionDefinition(2026))).ok;
    for (const e of [colleagueExpert, ...experts]) {
      const creditCode = e === colleagueExpert ? ZHIYUAN_CREDIT_CODE : '12110000400012345U';
      expect((await call('post', '/api/v1/sessions/2026/experts', staff, { expertId: e.id, name: e.id, directions: ['RESEARCH'], specialities: ['机器学习'], employerCreditCode: creditCode, relations: [] })).status).toBe(201);
    }
    on('2026-06-10');
    id = (await call('post', '/api/v1/declarations', applicant, { declaration: engineerDeclaration() })).body.declarationId;
    expect((await call('post', `/api/v1/declarations/${id}/submit`, applicant)).status).toBe(200);
  });
  afterAll(() => sys?.stop());

  it('refuses a recommendation one working day short of the publicity, then accepts it after', async () => {
    on('2026-09-30'); // 5 working days counting this day: through 2026-10-12 (National Day off, 10-10 a make-up day)
    const publicity = await call('post', `/api/v1/declarations/${id}/publicity`, employer);
    expect(publicity.body.publicity).toEqual({ firstDay: '2026-09-30', lastDay: '2026-10-12' });
    on('2026-10-12');
    await refused(422, 'PUBLICITY_NOT_FINISHED', 'post', `/api/v1/declarations/${id}/recommend`, employer, { opinion: '同意推荐，业绩属实' });
    on('2026-10-13');
    expect((await call('post', `/api/v1/declarations/${id}/recommend`, employer, { opinion: '同意推荐，业绩属实' })).status).toBe(200);
    expect((await call('post', `/api/v1/applications/${id}/accept`, staff)).status).toBe(200);
  });

  it('never assigns a conflicted expert, and keeps them out of the application', async () => {
    const panel = await call('post', `/api/v1/applications/${id}/panel/assign`, staff);
    expect(panel.body.assigned.sort()).toEqual(experts.map((e) => e.id).sort());
    const assigned = (await sys.store.readStream(`expert-panel-${id}`)).find((e) => e.type === 'ExpertsAssigned')!.data as { excluded: { expertId: string; reasons: string[] }[] };
    expect(assigned.excluded).toContainEqual({ expertId: colleagueExpert.id, reasons: ['SAME_EMPLOYER'] });
    await refused(403, 'NOT_VISIBLE', 'post', `/api/v1/applications/${id}/panel/scores`, colleagueExpert, { scores: { innovation: 30, technicalDifficulty: 25, performanceResults: 25, achievements: 20 }, opinion: '同单位专家试图打分，应被拒绝。'.repeat(2) });
    for (const e of experts) {
      expect((await call('post', `/api/v1/applications/${id}/panel/scores`, e, { scores: { innovation: 24, technicalDifficulty: 20, performanceResults: 20, achievements: 16 }, opinion: '研究方向明确，技术难度较大，成果水平较高，建议通过。' })).status).toBe(200);
    }
  });

  it('refuses to open a meeting one member short of the quorum; refuses a second ballot, a sheet that marks the wrong candidates and a vote after close', async () => {
    on('2026-10-20');
    const meeting = await call('post', '/api/v1/meetings', staff, { year: 2026, committeeId: 'ai-2026' });
    expect(meeting.status).toBe(201);
    const m = meeting.body.meetingId as string;
    for (let n = 1; n <= 16; n++) expect((await call('post', `/api/v1/meetings/${m}/attendance`, staff, { memberId: `ai-member-${n}` })).status).toBe(200);
    await refused(422, 'QUORUM_NOT_MET', 'post', `/api/v1/meetings/${m}/open`, staff); // 17 of 25 needed
    await call('post', `/api/v1/meetings/${m}/attendance`, member(17));
    expect((await call('post', `/api/v1/meetings/${m}/open`, staff)).status).toBe(200);

    const ballots = await call('post', `/api/v1/meetings/${m}/candidates/${id}/ballots`, staff);
    expect(ballots.body.ballots).toBe(17);
    const codes: string[] = ballots.body.codes;
    expect((await call('post', `/api/v1/meetings/${m}/candidates/${id}/vote`, member(1), { ballotCode: codes[0], choice: 'YES' })).status).toBe(200);
    const second = await refused(409, 'BALLOT_ALREADY_CAST', 'post', `/api/v1/meetings/${m}/candidates/${id}/vote`, member(2), { ballotCode: codes[0], choice: 'NO' });
    expect(second.body.message).not.toMatch(/ai-member/);
    await refused(403, 'UNKNOWN_BALLOT_CODE', 'post', `/api/v1/meetings/${m}/candidates/${id}/vote`, member(18), { ballotCode: 'a-code-never-issued', choice: 'YES' });
    for (const code of codes.slice(1, 13)) await call('post', `/api/v1/meetings/${m}/candidates/${id}/vote`, member(3), { ballotCode: code, choice: 'YES' });
    // a ballot sheet marks every candidate of its round and no other
    const empty = await refused(400, 'INVALID_INPUT', 'post', `/api/v1/meetings/${m}/votes`, member(13), { ballotCode: codes[13], choices: [] });
    expect(empty.body.problems).toEqual([expect.objectContaining({ path: '/choices' })]);
    const wrong = await refused(422, 'BALLOT_SHEET_INCOMPLETE', 'post', `/api/v1/meetings/${m}/votes`, member(13), { ballotCode: codes[13], choices: [{ candidateId: 'someone-else', choice: 'YES' }] });
    expect(wrong.body.problems.map((p: { path: string }) => p.path)).toEqual(['/choices/0/candidateId', '/choices']);
    const closed = await call('post', `/api/v1/meetings/${m}/candidates/${id}/close`, staff);
    expect(closed.body.decision).toBe('PASSED'); // 13 yes ≥ ceil(2/3 × 17) = 12
    await refused(422, 'VOTING_CLOSED', 'post', `/api/v1/meetings/${m}/candidates/${id}/vote`, member(4), { ballotCode: codes[13], choice: 'NO' });

    // ballot rounds: a round that does not exist, ballots for a stranger or for nobody left
    await refused(400, 'INVALID_INPUT', 'post', `/api/v1/meetings/${m}/rounds/first/close`, staff);
    await refused(404, 'ROUND_NOT_FOUND', 'post', `/api/v1/meetings/${m}/rounds/7/close`, staff);
    await refused(404, 'CANDIDATE_NOT_ON_AGENDA', 'post', `/api/v1/meetings/${m}/ballots`, staff, { candidateIds: ['not-on-this-agenda'] });
    await refused(422, 'NO_CANDIDATES_AWAITING_BALLOTS', 'post', `/api/v1/meetings/${m}/ballots`, staff, {});
    await refused(403, 'ROLE_NOT_ALLOWED', 'post', `/api/v1/meetings/${m}/votes`, staff, { ballotCode: codes[14], choices: [{ candidateId: id, choice: 'YES' }] });
  });
});
