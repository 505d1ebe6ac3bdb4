import { SIMULATED_STAGES, runSimulatedSession, type ApplicantOutcome, type SimulationResult } from './simulation/simulated-session';
import { inProcessPort } from './simulation/in-process-port';
import { startTestSystem, type TestSystem } from './testing/fixtures';
import { Roles, type Actor, type Role } from '@bj/kernel';
import { verifyHashChain } from '@bj/event-store';

// Issue "The annual session": one session over HTTP, as the real roles, with 60 applicants of
// every level and both directions, from submission through vote, acceptance and notice.
describe('a whole annual session over HTTP (embedded)', () => {
  let sys: TestSystem;
  let result: SimulationResult;

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    // agendas of 20: each committee meets several times, as a real one does over its days
    result = await runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 60, year: 2026, agendaSize: 20 });
  }, 240_000);
  afterAll(() => sys?.stop());

  it('runs the committees over several meetings, each with its own quorum and tallies', async () => {
    const meetings = (await sys.store.readAll({ limit: 1_000_000 })).filter((e) => e.type === 'MeetingScheduled');
    expect(meetings.length).toBeGreaterThan(2);
    for (const m of meetings) expect((m.data as { candidates: unknown[] }).candidates.length).toBeLessThanOrEqual(20);
    // a closed meeting, as its centre reads it: every candidate decided, every round closed with its sheets
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const listed = (await sys.http().get('/api/v1/meetings?year=2026').set('Authorization', staff).expect(200)).body as { meetingId: string; closed: boolean; candidates: number }[];
    expect(listed.length).toBeGreaterThan(1);
    for (const summary of listed) {
      const meeting = (await sys.http().get(`/api/v1/meetings/${summary.meetingId}`).set('Authorization', staff).expect(200)).body;
      expect({ closed: meeting.closed, opened: meeting.opened, candidates: meeting.candidates.length }).toEqual({ closed: true, opened: true, candidates: summary.candidates });
      for (const vote of Object.values(meeting.votes as Record<string, { status: string; ballotsCast: number; ballotsIssued: number }>)) {
        expect(['PASSED', 'FAILED']).toContain(vote.status);
        expect(vote.ballotsCast).toBe(vote.ballotsIssued);
      }
      expect(meeting.rounds.every((r: { closed: boolean; ballotsCast: number }) => r.closed && r.ballotsCast === 20)).toBe(true);
    }
  });

  it('filters the centre\'s lists by year and review status, and refuses a filter it cannot read, naming it', async () => {
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const list = (query: string) => sys.http().get(`/api/v1/applications${query}`).set('Authorization', staff);
    const all = (await list('?year=2026').expect(200)).body as { reviewStatus: string }[];
    const accepted = (await list('?year=2026&status=ACCEPTED').expect(200)).body as { reviewStatus: string }[];
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(all.length);
    expect(accepted.every((a) => a.reviewStatus === 'ACCEPTED')).toBe(true);
    expect((await list('?year=2027').expect(200)).body).toEqual([]);
    const refused = [
      [await list('?year=26'), '/year', 'must be a year from 2020 to 2100, got "26"'],
      [await list('?status=DONE'), '/status', 'must be one of NOT_OPENED, UNDER_REVIEW, RETURNED_FOR_CORRECTION, ACCEPTED, REJECTED, RECHECK_REQUESTED, WITHDRAWN, got "DONE"'],
      [await sys.http().get('/api/v1/meetings?year=abc').set('Authorization', staff), '/year', 'must be a year from 2020 to 2100, got "abc"'],
    ] as const;
    for (const [res, path, message] of refused) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path, message }] });
    }
  });

  it('refuses a session year or centre in the path it cannot read, naming it, and writes nothing', async () => {
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const before = (await sys.store.readAll({ limit: 1_000_000 })).length;
    const expert = { expertId: 'expert-late', name: '迟到的专家', directions: ['RESEARCH'], specialities: ['机器学习'], employerCreditCode: '12110000400012345U', relations: [] };
    const refused = [
      [await sys.http().get('/api/v1/sessions/26').set('Authorization', staff), '/year', 'must be a year from 2020 to 2100, got "26"'],
      [await sys.http().get('/api/v1/sessions/2026.0').set('Authorization', staff), '/year', 'must be a year from 2020 to 2100, got "2026.0"'],
      [await sys.http().post('/api/v1/sessions/20x6/experts').set('Authorization', staff).send(expert), '/year', 'must be a year from 2020 to 2100, got "20x6"'],
      [await sys.http().post('/api/v1/sessions/9999/panels/assign').set('Authorization', staff), '/year', 'must be a year from 2020 to 2100, got "9999"'],
      [await sys.http().post('/api/v1/sessions/abc/results/BJ_INFO_INDUSTRY_CENTRE/submit').set('Authorization', staff), '/year', 'must be a year from 2020 to 2100, got "abc"'],
      [await sys.http().post('/api/v1/sessions/2026/results/NOWHERE/submit').set('Authorization', staff), '/centre', expect.stringContaining('must be one of BJ_')],
    ] as const;
    for (const [res, path, message] of refused) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path, message }] });
    }
    expect((await sys.store.readAll({ limit: 1_000_000 })).length).toBe(before);
  });

  it('refuses a path whose percent-encoding does not decode, naming the segment, and writes nothing', async () => {
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const before = (await sys.store.readAll({ limit: 1_000_000 })).length;
    const refused = [
      [await sys.http().get('/api/v1/declarations/%zz').set('Authorization', staff), 'segment 4 of the path, %zz, is not valid percent-encoding'],
      // the first two bytes of 中 (%E4%B8%AD): not UTF-8 text
      [await sys.http().post('/api/v1/sessions/2026/results/%E4%B8/submit').set('Authorization', staff), 'segment 6 of the path, %E4%B8, is not valid percent-encoding'],
      [await sys.http().get(`/api/v1/meetings/${'%'.repeat(5000)}`).set('Authorization', staff), `segment 4 of the path, ${'%'.repeat(40)}…, is not valid percent-encoding`],
      // refused before any route is looked up, so even without a token
      [await sys.http().get('/api/v1/no-such-endpoint/%'), 'segment 4 of the path, %, is not valid percent-encoding'],
    ] as const;
    for (const [res, problem] of refused) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_PATH', message: expect.stringContaining(problem), problems: [{ path: '', message: expect.stringContaining(problem) }] });
    }
    // a sound encoding is decoded as before
    const chinese = await sys.http().get('/api/v1/declarations/%E4%B8%AD').set('Authorization', staff);
    expect(chinese.status).toBe(404);
    expect(chinese.body).toMatchObject({ code: 'DECLARATION_NOT_FOUND', message: 'No declaration 中' });
    expect((await sys.store.readAll({ limit: 1_000_000 })).length).toBe(before);
  });

  it('answers an id or a path it does not know with 404, echoing a long one cut to 40 characters', async () => {
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const long = 'z'.repeat(5000);
    const answers = [
      [await sys.http().get(`/api/v1/declarations/${long}`).set('Authorization', staff), 'DECLARATION_NOT_FOUND', `No declaration ${'z'.repeat(40)}…`],
      [await sys.http().get(`/api/v1/applications/${long}`).set('Authorization', staff), 'APPLICATION_NOT_FOUND', `No application ${'z'.repeat(40)}… is under review`],
      [await sys.http().get(`/api/v1/meetings/${long}`).set('Authorization', staff), 'MEETING_NOT_FOUND', `No meeting ${'z'.repeat(40)}…`],
      [await sys.http().get('/api/v1/meetings/no-such-meeting').set('Authorization', staff), 'MEETING_NOT_FOUND', 'No meeting no-such-meeting'],
      // a path no endpoint answers, with or without a token; the query is not echoed
      [await sys.http().get(`/api/v1/${long}?year=2026`), 'NO_SUCH_ENDPOINT', `No endpoint answers GET /api/v1/${'z'.repeat(32)}…; the endpoints are listed at /docs`],
      [await sys.http().delete('/api/v1/no-such-endpoint').set('Authorization', staff), 'NO_SUCH_ENDPOINT', 'No endpoint answers DELETE /api/v1/no-such-endpoint; the endpoints are listed at /docs'],
    ] as const;
    for (const [res, code, message] of answers) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code, message });
      // and no banner naming the framework
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers a wrong method on a path it has with 405 and the methods the path takes, and OPTIONS with them, writing no event', async () => {
    const staff = `Bearer ${await sys.issuer!.issue({ id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' })}`;
    const before = (await sys.store.readAll({ limit: 1_000_000 })).length;
    const answers = [
      [await sys.http().delete('/api/v1/declarations').set('Authorization', staff), 'GET, HEAD, OPTIONS, POST'],
      // an id is one segment, as the routes take it; a trailing slash and case do not matter
      [await sys.http().post(`/api/v1/declarations/${'z'.repeat(5000)}`).set('Authorization', staff).send({}), 'GET, HEAD, OPTIONS, PUT'],
      [await sys.http().get('/API/V1/meetings/m-1/open/').set('Authorization', staff), 'OPTIONS, POST'],
      [await sys.http().post('/health').send({}), 'GET, HEAD, OPTIONS'],
      [await sys.http().put('/docs-json').send({}), 'GET, HEAD, OPTIONS'],
    ] as const;
    for (const [res, allow] of answers) {
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe(allow);
      expect(res.body).toEqual({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining(`; that path is answered with ${allow}`), problems: [] });
    }
    expect(answers[0][0].body.message).toBe('No endpoint answers DELETE /api/v1/declarations; that path is answered with GET, HEAD, OPTIONS, POST');
    expect(answers[1][0].body.message).toBe(`No endpoint answers POST /api/v1/declarations/${'z'.repeat(19)}…; that path is answered with GET, HEAD, OPTIONS, PUT`);
    const options = await sys.http().options('/api/v1/declarations/decl-1/submit');
    expect(options.status).toBe(204);
    expect(options.headers['allow']).toBe('OPTIONS, POST');
    expect((await sys.store.readAll({ limit: 1_000_000 })).length).toBe(before);
  });

  it('balances the experts\' load as if the panels were assigned one after another, in application order', async () => {
    // the centre assigns every panel in one request; they are appended at once, but each was
    // worked out with the load of those before it: replaying them in application order gives
    // the load each one recorded
    // one request per centre (by its staff), the first one's panels first
    const events = (await sys.store.readAll({ limit: 1_000_000 })).filter((e) => e.type === 'ExpertsAssigned');
    const requests = [...new Set(events.map((e) => (e.data as { assignedBy: string }).assignedBy))];
    expect(requests).toHaveLength(2);
    const assignments = requests.flatMap((by) =>
      events
        .map((e) => e.data as { applicationId: string; assignedBy: string; assigned: { expertId: string; load: number }[]; eligible: { expertId: string; load: number }[] })
        .filter((d) => d.assignedBy === by)
        .sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1)),
    );
    expect(assignments.length).toBeGreaterThan(20);
    const load = new Map<string, number>();
    for (const a of assignments) {
      for (const e of a.eligible) expect({ application: a.applicationId, expert: e.expertId, load: e.load }).toEqual({ application: a.applicationId, expert: e.expertId, load: load.get(e.expertId) ?? 0 });
      // the least loaded of the eligible were chosen
      const chosen = Math.max(...a.assigned.map((x) => x.load));
      const passedOver = a.eligible.filter((e) => !a.assigned.some((x) => x.expertId === e.expertId)).map((e) => e.load);
      expect(passedOver.every((l) => l >= chosen)).toBe(true);
      for (const x of a.assigned) load.set(x.expertId, (load.get(x.expertId) ?? 0) + 1);
    }
  });

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

  it('lets applicants follow their stage with dates and reasons, and employers their staff', async () => {
    const bearer = async (actor: Actor) => `Bearer ${await sys.issuer!.issue(actor)}`;
    const certified = result.outcomes.find((o) => o.applicant.fate === 'CERTIFIED')!;
    const mine = await sys.http().get(`/api/v1/declarations/${certified.declarationId}`).set('Authorization', await bearer(certified.applicant.actor)).expect(200);
    const stages = mine.body.progress.map((p: { stage: string }) => p.stage);
    expect(stages).toEqual(['DeclarationDrafted', 'DeclarationSubmitted', 'EmployerPublicityStarted', 'EmployerRecommended', 'CENTRE_REVIEW', 'ACCEPTED', 'PANEL_REVIEWED', 'PASSED_VOTE', 'IN_PUBLIC_NOTICE', 'READY_FOR_CERTIFICATION', 'CERTIFIED']);
    expect(mine.body.progress.every((p: { at: string; label: string }) => p.at.startsWith('2026-') && p.label.length > 1)).toBe(true);

    const rejected = result.outcomes.find((o) => o.applicant.fate === 'REJECTED_INELIGIBLE')!;
    const theirs = await sys.http().get(`/api/v1/declarations/${rejected.declarationId}`).set('Authorization', await bearer(rejected.applicant.actor)).expect(200);
    expect(theirs.body.progress.at(-1)).toMatchObject({ stage: 'REJECTED', reason: expect.stringMatching(/EDU/) });

    const staff = await sys.http().get('/api/v1/declarations').set('Authorization', await bearer(certified.applicant.employer.actor)).expect(200);
    const colleagues = result.outcomes.filter((o) => o.applicant.employer === certified.applicant.employer).map((o) => o.declarationId).sort();
    expect(staff.body.map((d: { declarationId: string }) => d.declarationId).sort()).toEqual(colleagues);
    expect(staff.body.every((d: { stage?: string }) => typeof d.stage === 'string')).toBe(true);
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
    const events = await sys.store.readAll({ limit: 1_000_000 });
    expect(events.length).toBeGreaterThan(1000);
    expect(verifyHashChain(events)).toBeNull();
  });
});

type Schema = { $ref?: string; allOf?: Schema[]; type?: string; properties?: Record<string, Schema>; items?: Schema };
type Operation = { 'x-roles'?: Role[]; 'x-public'?: boolean; requestBody?: { content: Record<string, { schema: Schema }> } };
type ApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** The applicant the requests are about: one certified by the information-industry centre. */
function certifiedOutcome(result: SimulationResult): ApplicantOutcome {
  return result.outcomes.find((x) => x.certificateNumber && x.applicant.level !== 'PROFESSORATE_SENIOR_ENGINEER')!;
}

/**
 * Everything a request to any endpoint needs: a person of each role, the ids a path takes, the
 * API's document. `o` is the applicant the requests are about; in the middle of a session there
 * may be no meeting, notice or certificate yet, and their paths take ids no one knows.
 */
async function endpointContext(sys: TestSystem, o: ApplicantOutcome) {
  const centre = 'BJ_INFO_INDUSTRY_CENTRE';
  const staff: Actor = { id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre };
  const auditor: Actor = { id: 'auditor-he', role: 'AUDITOR' };
  const panel = await sys.http().get(`/api/v1/applications/${o.declarationId}/panel`).set('Authorization', `Bearer ${await sys.issuer!.issue(staff)}`).expect(200);
  const meetings = await sys.http().get('/api/v1/meetings').set('Authorization', `Bearer ${await sys.issuer!.issue(staff)}`).expect(200);
  const notices = await sys.http().get('/api/v1/notices').expect(200);
  const noticeId: string = (notices.body.notices ?? notices.body)[0]?.noticeId ?? 'no-notice-yet';
  const actors: Record<Role, Actor> = {
    APPLICANT: o.applicant.actor,
    EMPLOYER: o.applicant.employer.actor,
    CENTRE_STAFF: staff,
    EXPERT: { id: panel.body.assigned[0], role: 'EXPERT' },
    COMMITTEE_MEMBER: { id: 'ai-member-1', role: 'COMMITTEE_MEMBER', centre },
    HRSS_OFFICER: { id: 'hrss-officer-liu', role: 'HRSS_OFFICER' },
    AUDITOR: auditor,
  };
  const params: Record<string, string> = {
    year: '2026',
    centre,
    candidateId: o.declarationId,
    objectionId: '00000000-0000-7000-8000-000000000000',
    noticeId,
    number: o.certificateNumber ?? 'no-certificate-yet',
    sha256: '0'.repeat(64),
  };
  const docs = (await sys.http().get('/docs-json').expect(200)).body as ApiDocument;
  /** `path` with its parameters filled in (the declaration's id, or the meeting's under /meetings). */
  const urlOf = (path: string) => {
    const id = path.startsWith('/api/v1/meetings') ? (meetings.body[0]?.meetingId ?? 'no-meeting-yet') : o.declarationId;
    return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' ? id : (params[name] ?? `unknown-${name}`)));
  };
  return { actors, docs, urlOf };
}

/**
 * Sends every endpoint that takes a role as each role, as the right person for the resource (the
 * owner, the employer, the assigned expert …); `rows` lists each allowed role refused (403 or
 * 401), each other role not refused with 403, and each refused call that wrote events.
 */
async function accessAnswers(sys: TestSystem, { actors, docs, urlOf }: Awaited<ReturnType<typeof endpointContext>>): Promise<{ checked: number; rows: string[] }> {
  const rows: string[] = [];
  let checked = 0;
  for (const [path, operations] of Object.entries(docs.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (op['x-public'] || !op['x-roles']) continue;
      const url = urlOf(path);
      for (const role of Roles) {
        const before = await sys.eventCount();
        const token = await sys.issuer!.issue(actors[role]);
        const req = (sys.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set('Authorization', `Bearer ${token}`);
        // a body of the type the endpoint takes (another type is refused as such, whoever sends it)
        const res = method === 'get' ? await req : op.requestBody?.content['multipart/form-data'] ? await req.field('item', '/achievements/0') : await req.send({});
        const allowed = op['x-roles'].includes(role);
        checked++;
        if (allowed && (res.status === 403 || res.status === 401)) rows.push(`${method.toUpperCase()} ${path} as ${role}: ${res.status} ${res.body.code} (should be let through)`);
        if (!allowed && res.status !== 403) rows.push(`${method.toUpperCase()} ${path} as ${role}: ${res.status} (should be 403)`);
        if (!allowed && (await sys.eventCount()) !== before) rows.push(`${method.toUpperCase()} ${path} as ${role}: a refused call wrote events`);
      }
    }
  }
  return { checked, rows };
}

/**
 * Sends every endpoint in the OpenAPI document, as a role it lets through, each body member (and
 * each member of a nested object or of an array's object items) a value of every JSON kind, and
 * odd path parameters and queries; `bad` lists each answer that is a 500, or a refusal with no
 * code.
 */
async function malformedInputAnswers(sys: TestSystem, { actors, docs, urlOf }: Awaited<ReturnType<typeof endpointContext>>): Promise<{ requests: number; bad: string[] }> {
  // a member's schema, through the reference Nest's document gives it (`$ref`, or `allOf` of one when it has a description)
  const schemaOf = (schema: Schema): Schema => (schema.$ref ? docs.components.schemas[schema.$ref.split('/').pop()!] : schema.allOf?.length === 1 ? schemaOf(schema.allOf[0]) : schema);
  // each body field in turn given a value of every JSON kind, and the odd ones people send
  const values: unknown[] = [null, 123, -1, 1.5, 1e308, 'x', '', 'x'.repeat(20000), [], [1, 'a'], {}, { a: { b: 1 } }, true, '2026-02-30', '../../etc', '\u0000'];
  const bad: string[] = [];
  let n = 0;
  for (const [path, operations] of Object.entries(docs.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      // as a role the endpoint lets through, so that the input itself is judged
      const role = op['x-roles']?.[0] ?? 'APPLICANT';
      const urls = [urlOf(path)];
      // and every path parameter given the odd values people send
      for (const weird of ['%00', '..', 'a'.repeat(300), '-1', '99999999999999999999', '0', '%E4%B8%AD', "'"]) urls.push(path.replace(/\{(\w+)\}/g, weird));
      const json = op.requestBody?.content['application/json']?.schema;
      const properties = Object.entries(json ? (schemaOf(json).properties ?? {}) : {});
      // each member in turn, and each member of a nested object or of an array's object items
      const nested = properties.flatMap(([property, schema]) => {
        const member = schemaOf(schema);
        const item = member.type === 'array' && member.items ? schemaOf(member.items) : undefined;
        const inner = Object.keys((item ?? member).properties ?? {});
        return inner.flatMap((name) => values.map((value) => ({ [property]: item ? [{ [name]: value }] : { [name]: value } })));
      });
      const bodies: unknown[] = [{}, ...properties.flatMap(([property]) => values.map((value) => ({ [property]: value }))), ...nested];
      const queries = method === 'get' ? ['', '?year=x', '?year=99999999999', '?limit=-1', '?limit=abc', '?after=zz', '?status=NOPE', '?year=2026&year=2027', '?q=%00'] : [''];
      for (const url of urls) {
        for (const q of queries) {
          for (const body of url === urls[0] ? bodies : [{}]) {
            const token = await sys.issuer!.issue(actors[role]);
            const req = (sys.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url + q).set('Authorization', `Bearer ${token}`);
            const res = method === 'get' ? await req : op.requestBody?.content['multipart/form-data'] ? await req.field('item', '/x') : await req.send(body as object);
            n++;
            const ok = res.status < 500 && (res.status < 400 || typeof res.body?.code === 'string' || (res.headers['content-type'] ?? '').includes('html'));
            if (!ok) bad.push(`${method.toUpperCase()} ${(url + q).slice(0, 120)} ${JSON.stringify(body).slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
        }
      }
    }
  }
  return { requests: n, bad };
}

// Issue "The annual session", item 10: every (role, endpoint) pair. The allowed roles get through
// the access checks (as the right person for the resource: the owner, the employer, the assigned
// expert, the committee's member …); every other role gets 403 and nothing is written.
describe('access: every role against every endpoint', () => {
  let sys: TestSystem;
  let result: SimulationResult;

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    result = await runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 12, year: 2026 });
  }, 240_000);
  afterAll(() => sys?.stop());

  it('lets the allowed roles through and refuses every other role with 403, writing nothing', async () => {
    const { checked, rows } = await accessAnswers(sys, await endpointContext(sys, certifiedOutcome(result)));
    expect(rows).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 120_000);

  // runs after the access test: the bodies it sends may move a declaration on (a withdrawal with
  // a plausible reason is taken), and that is all right here
  it('answers malformed input to every endpoint with a 4xx that names it, never a 500', async () => {
    const { requests, bad } = await malformedInputAnswers(sys, await endpointContext(sys, certifiedOutcome(result)));
    expect(requests).toBeGreaterThan(5000);
    expect(bad).toEqual([]);
  }, 240_000);
});

// The same malformed input in the middle of a session, where the endpoints are live: the panels
// are assigned and not yet scored, the committees not yet met, so a command reaches its input
// checks rather than a refusal of a session that has ended.
describe('malformed input in the middle of a session', () => {
  let sys: TestSystem;
  let result: SimulationResult;

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    result = await runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 12, year: 2026, stopAfter: 'assign experts' });
  }, 240_000);
  afterAll(() => sys?.stop());

  it('stops the session after the stage it names, and refuses a stage it does not have before it begins', async () => {
    expect(result.stages.map((s) => s.stage)).toEqual(SIMULATED_STAGES.slice(0, SIMULATED_STAGES.indexOf('专家分配 assign experts') + 1));
    const before = await sys.eventCount();
    await expect(runSimulatedSession(inProcessPort(sys.app, sys.issuer!, sys.clock), { applicants: 2, year: 2026, stopAfter: 'no such stage' })).rejects.toThrow('stopAfter names no stage of the session: no such stage');
    expect(await sys.eventCount()).toBe(before);
  });

  /** An applicant of the information-industry centre on the way to a certificate: accepted, with a panel. */
  const onTheWay = () => result.outcomes.find((x) => x.applicant.fate === 'CERTIFIED' && x.applicant.level !== 'PROFESSORATE_SENIOR_ENGINEER')!;

  it('lets the allowed roles through and refuses every other role with 403, writing nothing', async () => {
    const { checked, rows } = await accessAnswers(sys, await endpointContext(sys, onTheWay()));
    expect(rows).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 120_000);

  // after the access test, as at the session's end
  it('answers malformed input to every endpoint with a 4xx that names it, never a 500', async () => {
    const { requests, bad } = await malformedInputAnswers(sys, await endpointContext(sys, onTheWay()));
    expect(requests).toBeGreaterThan(5000);
    expect(bad).toEqual([]);
  }, 240_000);
});
