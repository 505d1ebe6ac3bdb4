import type { Actor } from '@bj/kernel';
import { engineerDeclaration, sessionDefinition, startTestSystem, ZHIYUAN_CREDIT_CODE, type TestSystem } from './testing/fixtures';

// Issue "The annual session", item 3: evidence files are checked by content, stored by SHA-256
// with the hash in the declaration's events, and only the centre and the assigned experts may
// download them.
describe('evidence files', () => {
  let sys: TestSystem;
  let declarationId: string;
  const applicant: Actor = { id: 'applicant-li-ming', role: 'APPLICANT', creditCode: ZHIYUAN_CREDIT_CODE };
  const employer: Actor = { id: 'employer-zhiyuan-tech', role: 'EMPLOYER', creditCode: ZHIYUAN_CREDIT_CODE };
  const staff: Actor = { id: 'centre-staff-chen', role: 'CENTRE_STAFF', centre: 'BJ_INFO_INDUSTRY_CENTRE' };
  const experts: Actor[] = ['ex-a', 'ex-b', 'ex-c', 'ex-d'].map((id) => ({ id, role: 'EXPERT' }));
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const bearer = async (actor: Actor) => `Bearer ${await sys.issuer!.issue(actor)}`;

  beforeAll(async () => {
    sys = await startTestSystem('2026-05-20T01:00:00Z');
    await sys.http().post('/api/v1/sessions').set('Authorization', await bearer(staff)).send(sessionDefinition(2026)).expect(201);
    for (const e of experts) {
      await sys.http().post('/api/v1/sessions/2026/experts').set('Authorization', await bearer(staff))
        .send({ expertId: e.id, name: `专家${e.id}`, directions: ['RESEARCH'], specialities: ['机器学习'], employerCreditCode: '12110000400012345U', relations: [] }).expect(201);
    }
    sys.clock.set('2026-06-10T01:00:00Z');
    const drafted = await sys.http().post('/api/v1/declarations').set('Authorization', await bearer(applicant)).send({ declaration: engineerDeclaration() }).expect(201);
    declarationId = drafted.body.declarationId;
  });
  afterAll(() => sys?.stop());

  it('refuses a file whose content is not PDF, PNG or JPEG, whatever its name, storing nothing', async () => {
    const before = await sys.eventCount();
    const res = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', await bearer(applicant))
      .field('item', '/achievements/0').attach('file', Buffer.from('MZ\x90\x00this is an executable'), 'paper.pdf').expect(400);
    expect(res.body.problems[0]).toMatchObject({ path: '/file', message: expect.stringMatching(/PDF, PNG or JPEG/) });
    expect(await sys.eventCount()).toBe(before);
  });

  it('refuses a file over the size limit and an item the declaration does not have', async () => {
    const tooLarge = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', await bearer(applicant))
      .field('item', '/achievements/0').attach('file', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf').expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', problems: [{ path: '/file', message: 'must be at most 10 MiB (10,485,760 bytes)' }] });
    const res = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', await bearer(applicant))
      .field('item', '/achievements/9').attach('file', pdf, 'paper.pdf').expect(400);
    expect(res.body.problems[0].path).toBe('/item');
  });

  it('names the form field when the multipart body is not one file in "file", and stores nothing', async () => {
    const before = await sys.eventCount();
    const token = await bearer(applicant);
    const upload = () => sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', token).field('item', '/achievements/0');

    const otherField = await upload().attach('scan', pdf, 'paper.pdf').expect(400);
    expect(otherField.body).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path: '/scan', message: expect.stringContaining('send the file in the multipart field "file"') }] });
    const twoFiles = await upload().attach('file', pdf, 'a.pdf').attach('file', pdf, 'b.pdf').expect(400);
    expect(twoFiles.body.problems).toEqual([{ path: '/file', message: 'must be one file; this request carries more than one' }]);
    const longItem = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', token)
      .field('item', 'x'.repeat(20_000)).attach('file', pdf, 'paper.pdf').expect(400);
    expect(longItem.body.problems).toEqual([{ path: '/item', message: 'must be at most 16,384 bytes' }]);
    const controlInItem = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', token)
      .field('item', '/achievements/0\u0007').attach('file', pdf, 'paper.pdf').expect(400);
    expect(controlInItem.body.problems).toEqual([{ path: '/item', message: 'holds the control character U+0007 at character 16' }]);

    const cutOff = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', token)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ').send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7').expect(400);
    expect(cutOff.body).toMatchObject({ code: 'MALFORMED_MULTIPART', message: expect.stringContaining('Unexpected end of form') });
    const noBoundary = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', token)
      .set('Content-Type', 'multipart/form-data').send('--XYZ--').expect(400);
    expect(noBoundary.body).toMatchObject({ code: 'MALFORMED_MULTIPART', message: expect.stringContaining('Boundary not found') });
    expect(await sys.eventCount()).toBe(before);
  });

  it('stores the file by SHA-256 and records the hash in the declaration', async () => {
    const res = await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', await bearer(applicant))
      .field('item', '/achievements/0').attach('file', pdf, '论文检索证明.pdf').expect(201);
    const { createHash } = await import('node:crypto');
    expect(res.body).toMatchObject({ sha256: createHash('sha256').update(pdf).digest('hex'), contentType: 'application/pdf', item: '/achievements/0' });
    const events = await sys.store.readStream(`declaration-${declarationId}`);
    expect(events.find((e) => e.type === 'EvidenceAttached')?.data).toMatchObject({ sha256: res.body.sha256, size: pdf.length });
    await sys.http().post(`/api/v1/declarations/${declarationId}/evidence`).set('Authorization', await bearer({ id: 'applicant-wang-fang', role: 'APPLICANT' }))
      .field('item', '/achievements/0').attach('file', pdf, 'x.pdf').expect(403);
  });

  it('lets the centre and the assigned experts download it, and nobody else', async () => {
    await sys.http().post(`/api/v1/declarations/${declarationId}/submit`).set('Authorization', await bearer(applicant)).expect(200);
    sys.clock.set('2026-08-03T01:00:00Z');
    await sys.http().post(`/api/v1/declarations/${declarationId}/publicity`).set('Authorization', await bearer(employer)).send({}).expect(200);
    sys.clock.set('2026-08-10T01:00:00Z');
    await sys.http().post(`/api/v1/declarations/${declarationId}/recommend`).set('Authorization', await bearer(employer)).send({ opinion: '同意推荐，材料属实' }).expect(200);
    await sys.http().post(`/api/v1/applications/${declarationId}/accept`).set('Authorization', await bearer(staff)).send({}).expect(200);
    const panel = await sys.http().post(`/api/v1/applications/${declarationId}/panel/assign`).set('Authorization', await bearer(staff)).expect(200);
    expect(panel.body.assigned).toHaveLength(3);
    const sha = (await sys.store.readStream(`declaration-${declarationId}`)).find((e) => e.type === 'EvidenceAttached')!.data as { sha256: string };
    const url = `/api/v1/applications/${declarationId}/evidence/${sha.sha256}`;

    const byCentre = await sys.http().get(url).set('Authorization', await bearer(staff)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(byCentre.body as Buffer, pdf)).toBe(0);
    expect(byCentre.headers['content-type']).toMatch(/application\/pdf/);

    const assigned = experts.filter((e) => panel.body.assigned.includes(e.id));
    const unassigned = experts.find((e) => !panel.body.assigned.includes(e.id))!;
    await sys.http().get(url).set('Authorization', await bearer(assigned[0])).expect(200);
    await sys.http().get(url).set('Authorization', await bearer(unassigned)).expect(403);
    await sys.http().get(url).set('Authorization', await bearer(employer)).expect(403);
    await sys.http().get(url).set('Authorization', await bearer(applicant)).expect(403);
    await sys.http().get(url).set('Authorization', await bearer({ id: 'hrss-officer-liu', role: 'HRSS_OFFICER' })).expect(403);
  });
});
