import { gzipSync } from 'node:zlib';
import { JSON_BODY_LIMIT_BYTES } from '@bj/service-kit';
import { engineerDeclaration, sessionDefinition, startTestSystem, type TestSystem } from './testing/fixtures';

// Issue "Foundation", done when: a declaration round trip works over HTTP as an applicant,
// its employer sees it, and nobody else does.
describe('a declaration over HTTP, embedded mode', () => {
  let sys: TestSystem;
  const bearer = (userId: string) => ({ Authorization: `Bearer ${sys.tokenOf(userId)}` });
  /** A declaration POSTed as these very bytes (superagent would write a Buffer sent as JSON out as JSON), with a Content-Encoding. */
  const encoded = (encoding: string, body: Buffer) =>
    sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).set('Content-Type', 'application/json').set('Content-Encoding', encoding).serialize((bytes) => bytes).send(body);

  beforeAll(async () => {
    sys = await startTestSystem('2026-06-15T02:00:00Z');
    await sys.http().post('/api/v1/sessions').set(bearer('centre-staff-chen')).send(sessionDefinition(2026)).expect(201);
  });
  afterAll(() => sys.stop());

  it('answers /health with 200 once the three services are ready', async () => {
    const res = await sys.http().get('/health').expect(200);
    expect(res.body.info.services).toMatchObject({ declaration: true, review: true, certification: true });
  });

  it('describes each request body in the API once, under a name of its own', async () => {
    const docs = (await sys.http().get('/docs-json').expect(200)).body as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    const bodyOf = (path: string) => {
      const op = (docs as unknown as { paths: Record<string, { post: { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } } }> }).paths[path].post;
      return op.requestBody?.content['application/json'].schema.$ref?.split('/').pop();
    };
    // an employer's publicity objection and the public's objection to a notice are two different forms
    const publicity = bodyOf('/api/v1/declarations/{id}/objections');
    const notice = bodyOf('/api/v1/notices/{noticeId}/objections');
    expect(publicity).toBeDefined();
    expect(notice).toBeDefined();
    expect(publicity).not.toBe(notice);
    expect(Object.keys(docs.components.schemas[publicity!].properties ?? {})).toEqual(['text']);
    expect(Object.keys(docs.components.schemas[notice!].properties ?? {}).sort()).toEqual(['applicationId', 'contact', 'content']);
  });

  it('takes an object as every request body, so an array is refused as a bare value is (arrayBodyRefusal)', async () => {
    type Schema = { type?: string; $ref?: string };
    const docs = (await sys.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const types = Object.values(docs.paths).flatMap((operations) =>
      Object.values(operations).flatMap((op) => Object.values(op.requestBody?.content ?? {}).map(({ schema }) => (schema.$ref ? docs.components.schemas[schema.$ref.split('/').pop()!] : schema).type)),
    );
    expect(types.length).toBeGreaterThan(30);
    expect(new Set(types)).toEqual(new Set(['object']));
    const before = await sys.eventCount();
    const res = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send([{ declaration: engineerDeclaration() }]).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'The request body must be a JSON object, not an array (of 1 item)',
      problems: [{ path: '', message: 'must be a JSON object, not an array (of 1 item)' }],
    });
    expect((await sys.http().post('/api/v1/eligibility/evaluate').send([]).expect(400)).body.message).toBe('The request body must be a JSON object, not an array (of 0 items)');
    expect(await sys.eventCount()).toBe(before);
  });

  it('refuses a declaration that breaks the schema with every problem by path, and stores nothing', async () => {
    const before = await sys.eventCount();
    const bad = engineerDeclaration({ targetLevel: 'CHIEF_ENGINEER', applicant: { name: '', idNumber: '110105199001010038' }, education: [{ level: 'MASTER', graduatedOn: '2023-02-30' }] });
    const res = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send({ declaration: bad }).expect(400);
    expect(res.body.code).toBe('INVALID_INPUT');
    const paths = res.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/declaration/targetLevel', '/declaration/applicant/name', '/declaration/applicant/idNumber', '/declaration/education/0/graduatedOn']));
    expect(res.body.problems.every((p: { message: string }) => p.message.length > 0)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await sys.eventCount()).toBe(before);
  });

  it('drafts, edits, submits, reads back and withdraws; the employer sees it, nobody else does', async () => {
    const drafted = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send({ declaration: engineerDeclaration() }).expect(201);
    const id: string = drafted.body.declarationId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // a draft is the applicant's alone
    await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('employer-zhiyuan-tech')).expect(403);

    await sys.http().put(`/api/v1/declarations/${id}`).set(bearer('applicant-li-ming')).send({ declaration: engineerDeclaration({ direction: 'RESEARCH' }) }).expect(200);
    await sys.http().put(`/api/v1/declarations/${id}`).set(bearer('applicant-wang-fang')).send({ declaration: engineerDeclaration() }).expect(403);

    const submitted = await sys.http().post(`/api/v1/declarations/${id}/submit`).set(bearer('applicant-li-ming')).expect(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', eligibility: { eligible: true, route: 'ENGINEER.EDU.2' } });

    const own = await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('applicant-li-ming')).expect(200);
    expect(own.body).toMatchObject({ status: 'SUBMITTED', applicantName: '李明', targetLevel: 'ENGINEER' });
    expect(own.body.trail.map((t: { type: string }) => t.type)).toEqual(['DeclarationDrafted', 'DeclarationEdited', 'DeclarationSubmitted', 'EligibilityPreChecked']);

    const employer = await sys.http().get('/api/v1/declarations').set(bearer('employer-zhiyuan-tech')).expect(200);
    expect(employer.body.map((d: { declarationId: string }) => d.declarationId)).toContain(id);
    await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('employer-zhiyuan-tech')).expect(200);

    const otherEmployer = await sys.http().get('/api/v1/declarations').set(bearer('employer-bj-ai-institute')).expect(200);
    expect(otherEmployer.body).toEqual([]);
    await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('employer-bj-ai-institute')).expect(403);
    const otherApplicant = await sys.http().get('/api/v1/declarations').set(bearer('applicant-wang-fang')).expect(200);
    expect(otherApplicant.body).toEqual([]);
    await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('applicant-wang-fang')).expect(403);
    await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('expert-1')).expect(403);

    const before = await sys.eventCount();
    await sys.http().post(`/api/v1/declarations/${id}/withdraw`).set(bearer('applicant-wang-fang')).send({ reason: '不想让他申报' }).expect(403);
    expect(await sys.eventCount()).toBe(before);
    await sys.http().post(`/api/v1/declarations/${id}/withdraw`).set(bearer('applicant-li-ming')).send({ reason: '本年度暂不申报' }).expect(200);
    const after = await sys.http().get(`/api/v1/declarations/${id}`).set(bearer('applicant-li-ming')).expect(200);
    expect(after.body.status).toBe('WITHDRAWN');
  });

  it('refuses a submission outside the declaration window, writing nothing', async () => {
    const drafted = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send({ declaration: engineerDeclaration() }).expect(201);
    sys.clock.set('2026-08-03T02:00:00Z');
    const before = await sys.eventCount();
    const res = await sys.http().post(`/api/v1/declarations/${drafted.body.declarationId}/submit`).set(bearer('applicant-li-ming')).expect(422);
    expect(res.body).toMatchObject({ code: 'OUTSIDE_DECLARATION_WINDOW' });
    expect(await sys.eventCount()).toBe(before);
    sys.clock.set('2026-06-15T02:00:00Z');
  });

  it('asks for a token, and refuses roles an endpoint is not for', async () => {
    const noToken = await sys.http().get('/api/v1/declarations').expect(401);
    expect(noToken.body.code).toBe('UNAUTHENTICATED');
    await sys.http().get('/api/v1/declarations').set({ Authorization: 'Bearer not-a-jwt' }).expect(401);
    const wrongRole = await sys.http().post('/api/v1/declarations').set(bearer('expert-1')).send({ declaration: engineerDeclaration() }).expect(403);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('checks eligibility without storing anything', async () => {
    const before = await sys.eventCount();
    const res = await sys.http().post('/api/v1/eligibility/evaluate').send({ declaration: engineerDeclaration(), cutoffDate: '2026-12-31' }).expect(200);
    expect(res.body).toMatchObject({ eligible: true, route: 'ENGINEER.EDU.2', targetLevel: 'ENGINEER' });
    await sys.http().post('/api/v1/eligibility/evaluate').send({ declaration: { applicant: {} } }).expect(400);
    expect(await sys.eventCount()).toBe(before);
  });

  it('answers a body the JSON parser refuses with its reason, never as an internal error, and writes nothing', async () => {
    const before = await sys.eventCount();
    const post = (body: string | Buffer, contentType = 'application/json') =>
      sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).set('Content-Type', contentType).send(body);

    const malformed = await post('{"declaration": ').expect(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON', problems: [{ path: '' }] });
    expect(malformed.body.message).toMatch(/^The request body is not valid JSON: /);
    const bare = await post('42').expect(400);
    expect(bare.body).toMatchObject({ code: 'MALFORMED_JSON', message: 'The request body must be a JSON object, not the bare value 42' });

    const tooLarge = await post(JSON.stringify({ declaration: engineerDeclaration(), padding: 'x'.repeat(JSON_BODY_LIMIT_BYTES) })).expect(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooLarge.body.message).toMatch(/^The request body is [\d,]+ bytes; at most 2,097,152 bytes are accepted$/);

    const latin1 = await post(Buffer.from(JSON.stringify({ declaration: engineerDeclaration() })), 'application/json; charset=latin1').expect(415);
    expect(latin1.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(latin1.body.message).toContain('UTF-8');

    // a body that does not decode as its Content-Encoding is the client's error, not an internal one
    const notGzip = await encoded('gzip', Buffer.from('{}')).expect(400);
    expect(notGzip.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_ENCODING',
      message: 'The request body is not the gzip data its Content-Encoding declares (Z_DATA_ERROR)',
      problems: [{ path: '', message: 'is not the gzip data its Content-Encoding declares (Z_DATA_ERROR)' }],
    });
    const cutGzip = await encoded('gzip', gzipSync(JSON.stringify({ declaration: engineerDeclaration() })).subarray(0, 40)).expect(400);
    expect(cutGzip.body).toMatchObject({ code: 'MALFORMED_ENCODING', message: 'The request body is not the gzip data its Content-Encoding declares (Z_BUF_ERROR)' });
    expect((await encoded('BR', Buffer.from('{}')).expect(400)).body).toMatchObject({ code: 'MALFORMED_ENCODING', message: expect.stringMatching(/^The request body is not the br data its Content-Encoding declares \(ERR_/) });

    for (const res of [malformed, bare, tooLarge, latin1, notGzip, cutGzip]) expect(JSON.stringify(res.body)).not.toMatch(/node_modules|at .*\.(ts|js):\d+/);
    expect(await sys.eventCount()).toBe(before);
  });

  it('refuses a body of a type the endpoint does not read, naming the type it takes, and writes nothing', async () => {
    const before = await sys.eventCount();
    const json = JSON.stringify({ declaration: engineerDeclaration() });
    const post = (path: string, contentType: string | undefined, body: string) => {
      const request = sys.http().post(path).set(bearer('applicant-li-ming'));
      // superagent gives a string a type of its own, and a Buffer none
      return contentType === undefined ? request.send(Buffer.from(body)) : request.set('Content-Type', contentType).send(body);
    };
    const answers = [
      [await post('/api/v1/declarations', 'text/plain', json), 'The request body is text/plain; POST /api/v1/declarations takes application/json'],
      [await post('/api/v1/declarations', 'application/x-www-form-urlencoded', 'declaration=1'), 'The request body is application/x-www-form-urlencoded; POST /api/v1/declarations takes application/json'],
      [await post('/api/v1/declarations', undefined, json), 'The request body has no Content-Type; POST /api/v1/declarations takes application/json'],
      [await post('/api/v1/declarations/decl-1/evidence', 'application/json', '{}'), 'The request body is application/json; POST /api/v1/declarations/decl-1/evidence takes multipart/form-data'],
    ] as const;
    for (const [res, message] of answers) {
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message, problems: [{ path: '', message: message.replace(/^The request body /, '') }] });
    }
    // the same body as JSON is taken, and so is it gzipped
    expect((await post('/api/v1/declarations', 'application/json; charset=utf-8', json)).status).toBe(201);
    expect((await encoded('gzip', gzipSync(json))).status).toBe(201);
    expect(await sys.eventCount()).toBe(before + 2);
  });

  it('refuses text that would read back differently after a restart, on any endpoint, naming the field', async () => {
    const before = await sys.eventCount();
    const post = (path: string, json: string) => sys.http().post(path).set(bearer('applicant-li-ming')).set('Content-Type', 'application/json').send(json);
    // "\ud800" is valid JSON for half of a UTF-16 pair, which UTF-8 cannot hold: the log would keep U+FFFD
    const declaration = JSON.stringify({ declaration: { ...engineerDeclaration(), applicant: { ...engineerDeclaration().applicant, name: 'NAME' } } });
    const surrogate = await post('/api/v1/declarations', declaration.replace('"NAME"', '"\\ud800李明"')).expect(400);
    expect(surrogate.body).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path: '/declaration/applicant/name', message: 'is not well-formed Unicode: a lone surrogate U+D800 at character 1' }] });
    const control = await post('/api/v1/eligibility/evaluate', declaration.replace('"NAME"', '"李\\u0000明"')).expect(400);
    expect(control.body.problems).toEqual([{ path: '/declaration/applicant/name', message: 'holds the control character U+0000 at character 2' }]);
    const blank = await post('/api/v1/declarations', declaration.replace('"NAME"', '"   "')).expect(400);
    expect(blank.body.problems).toEqual([{ path: '/declaration/applicant/name', message: '不能只含空白字符（must not be blank）' }]);
    expect(await sys.eventCount()).toBe(before);
  });
});
