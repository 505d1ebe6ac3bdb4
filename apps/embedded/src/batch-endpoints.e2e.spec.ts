import type { Actor } from '@bj/kernel';
import { engineerDeclaration, sessionDefinition, startTestSystem, ZHIYUAN_CREDIT_CODE, type TestSystem } from './testing/fixtures';
import { syntheticIdNumber } from './testing/session-driver';

// An employer publicises and recommends its staff's declarations together, an expert hands in a
// score sheet: each item is decided on its own, refused items write nothing and say why, and a
// malformed batch is refused whole, naming the item and the field.
describe('batch endpoints: an employer’s publicity and recommendation list, an expert’s score sheet', () => {
  let sys: TestSystem;
  const employer: Actor = { id: 'employer-zhiyuan-tech', role: 'EMPLOYER', creditCode: ZHIYUAN_CREDIT_CODE };
  const otherEmployer: Actor = { id: 'employer-other', role: 'EMPLOYER', creditCode: '91110108MA01ABCD1X' };
  const staff: Actor = { id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' };
  const experts: Actor[] = ['expert-a', 'expert-b', 'expert-c'].map((x) => ({ id: x, role: 'EXPERT' }));
  const ids: string[] = [];

  const call = async (method: 'get' | 'post', path: string, actor: Actor, body: object = {}) =>
    method === 'get'
      ? sys.http().get(path).set('Authorization', `Bearer ${await sys.issuer!.issue(actor)}`)
      : sys.http().post(path).set('Authorization', `Bearer ${await sys.issuer!.issue(actor)}`).send(body);
  const on = (date: string) => sys.clock.set(`${date}T01:00:00Z`);
  const typesOf = async (stream: string) => (await sys.store.readStream(stream)).map((e) => e.type);
  /** A refused batch: 400 naming the field, and the log did not grow. */
  const refusedWhole = async (path: string, actor: Actor, body: object, problemPath: string) => {
    const before = await sys.eventCount();
    const res = await call('post', path, actor, body);
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path)).toContain(problemPath);
    expect(await sys.eventCount()).toBe(before);
  };

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    expect((await call('post', '/api/v1/sessions', staff, sessionDefinition(2026))).status).toBe(201);
    for (const e of experts) {
      expect((await call('post', '/api/v1/sessions/2026/experts', staff, { expertId: e.id, name: e.id, directions: ['RESEARCH'], specialities: ['机器学习'], employerCreditCode: '12110000400012345U', relations: [] })).status).toBe(201);
    }
    on('2026-06-10');
    for (let i = 0; i < 3; i++) {
      const applicant: Actor = { id: `applicant-${i}`, role: 'APPLICANT', creditCode: ZHIYUAN_CREDIT_CODE };
      const declaration = engineerDeclaration({ applicant: { name: `申报人${i}`, idNumber: syntheticIdNumber(i), phone: '13800000000' } });
      const id = (await call('post', '/api/v1/declarations', applicant, { declaration })).body.declarationId as string;
      expect((await call('post', `/api/v1/declarations/${id}/submit`, applicant)).status).toBe(200);
      ids.push(id);
    }
  });
  afterAll(() => sys?.stop());

  it('refuses a malformed publicity batch whole, naming the item, and writes nothing', async () => {
    on('2026-08-03');
    await refusedWhole('/api/v1/employer/publicity', employer, {}, '/declarationIds');
    await refusedWhole('/api/v1/employer/publicity', employer, { declarationIds: [] }, '/declarationIds');
    await refusedWhole('/api/v1/employer/publicity', employer, { declarationIds: [ids[0], ids[0]] }, '/declarationIds/1');
    await refusedWhole('/api/v1/employer/publicity', employer, { declarationIds: [ids[0], 42] }, '/declarationIds/1');
    await refusedWhole('/api/v1/employer/publicity', employer, { declarationIds: Array.from({ length: 501 }, (_, i) => `d-${i}`) }, '/declarationIds');
  });

  it('publicises its own declarations together; another employer’s refusal is per item and writes nothing', async () => {
    const foreign = await call('post', '/api/v1/employer/publicity', otherEmployer, { declarationIds: [ids[0]] });
    expect(foreign.status).toBe(200);
    expect(foreign.body).toMatchObject({ succeeded: 0, refused: 1, results: [{ declarationId: ids[0], ok: false, status: 403 }] });
    expect(await typesOf(`declaration-${ids[0]}`)).not.toContain('EmployerPublicityStarted');

    // an unknown declaration is answered in the batch as its own request answers it
    const alone = await call('post', '/api/v1/declarations/no-such-declaration/publicity', employer);
    expect(alone.status).toBeGreaterThanOrEqual(400);
    const res = await call('post', '/api/v1/employer/publicity', employer, { declarationIds: [ids[0], ids[1], 'no-such-declaration'] });
    expect(res.status).toBe(200);
    expect(res.body.succeeded).toBe(2);
    expect(res.body.results.map((r: { declarationId: string; status: number }) => [r.declarationId, r.status])).toEqual([
      [ids[0], 200],
      [ids[1], 200],
      ['no-such-declaration', alone.status],
    ]);
    expect(res.body.results[2].error).toEqual(alone.body);
    expect(res.body.results[0].result.publicity).toEqual({ firstDay: '2026-08-03', lastDay: '2026-08-07' });
    expect(res.body.results[2].error.message.length).toBeGreaterThan(10);
    for (const id of ids.slice(0, 2)) expect(await typesOf(`declaration-${id}`)).toContain('EmployerPublicityStarted');
  });

  it('recommends a list: an item whose publicity never ran is refused alone, with its reason', async () => {
    on('2026-08-10');
    await refusedWhole('/api/v1/employer/recommendations', employer, { items: [{ declarationId: ids[0], opinion: '' }] }, '/items/0/opinion');
    const res = await call('post', '/api/v1/employer/recommendations', employer, {
      items: ids.map((declarationId) => ({ declarationId, opinion: '业绩突出，材料属实，同意推荐' })),
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(res.body.results[2]).toMatchObject({ declarationId: ids[2], status: 422 });
    expect(await typesOf(`declaration-${ids[2]}`)).not.toContain('EmployerRecommended');
    // the recommendations opened the centre's reviews, as one by one
    expect((await call('get', `/api/v1/applications/${ids[0]}`, staff)).status).toBe(200);
  });

  it('takes the centre’s acceptance list and an expert’s score sheet: each item on its own', async () => {
    on('2026-08-20');
    // the centre's acceptance list: the third was never recommended, so it has no review to accept
    await refusedWhole('/api/v1/applications/accept', staff, { items: [{ applicationId: ids[0], remarks: 7 }] }, '/items/0/remarks');
    const accepted = await call('post', '/api/v1/applications/accept', staff, { items: ids.map((applicationId) => ({ applicationId, remarks: '材料齐全' })) });
    expect(accepted.body.results.map((r: { applicationId: string; ok: boolean }) => [r.applicationId, r.ok])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
    ]);
    expect(await typesOf(`centre-review-${ids[0]}`)).toContain('ApplicationAccepted');
    on('2026-09-01');
    expect((await call('post', '/api/v1/sessions/2026/panels/assign', staff)).body.assigned).toBe(2);
    on('2026-09-07');
    const sheet = (applicationId: string) => ({ applicationId, scores: { innovation: 24, technicalDifficulty: 20, performanceResults: 20, achievements: 16 }, opinion: '研究方向明确，技术难度较大，成果水平较高，建议通过。' });
    await refusedWhole('/api/v1/panel/scores', experts[0], { items: [{ scores: {} }] }, '/items/0/applicationId');
    const res = await call('post', '/api/v1/panel/scores', experts[0], { items: [sheet(ids[0]), sheet(ids[1]), sheet(ids[2])] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { applicationId: string; ok: boolean }) => [r.applicationId, r.ok])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
    ]);
    for (const id of ids.slice(0, 2)) expect(await typesOf(`expert-panel-${id}`)).toContain('ScoreSubmitted');
    // a second sheet for the same applications is refused item by item: one score per expert
    const again = await call('post', '/api/v1/panel/scores', experts[0], { items: [sheet(ids[0])] });
    expect(again.body).toMatchObject({ succeeded: 0, refused: 1 });
    expect(again.body.results[0].status).toBeGreaterThanOrEqual(400);
  });
});
