import { sessionDefinition, startTestSystem, type TestSystem } from './testing/fixtures';
import { seedSubmittedResults, syntheticCandidates } from './testing/session-driver';

// Issue "Certificates", item 7: a batch of 1,000 issues in one call, with no duplicate numbers.
describe('a batch of 1,000 certificates in one call', () => {
  let sys: TestSystem;
  const hrss = () => ({ Authorization: `Bearer ${sys.tokenOf('hrss-officer-liu')}` });
  const INFO = 'BJ_INFO_INDUSTRY_CENTRE';

  beforeAll(async () => {
    sys = await startTestSystem('2026-06-15T02:00:00Z');
    await sys.http().post('/api/v1/sessions').set({ Authorization: `Bearer ${sys.tokenOf('centre-staff-chen')}` }).send(sessionDefinition(2026)).expect(201);
    sys.clock.set('2026-10-26T02:00:00Z');
    await seedSubmittedResults(sys, 2026, INFO, syntheticCandidates(1000, ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER']));
    await sys.http().post(`/api/v1/results/2026/${INFO}/accept`).set(hrss()).send({ checks: { materials: true, scope: true, procedure: true, quality: true } }).expect(200);
    const published = await sys.http().post(`/api/v1/results/2026/${INFO}/notices`).set(hrss()).send({ startOn: '2026-11-02' }).expect(201);
    sys.clock.set('2026-11-09T02:00:00Z');
    for (const n of published.body.notices as { noticeId: string }[]) await sys.http().post(`/api/v1/notices/${n.noticeId}/close`).set(hrss()).expect(200);
  }, 120_000);
  afterAll(() => sys?.stop());

  it('issues every ready applicant once, each with its own number and a PDF hash', async () => {
    const res = await sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026 }).expect(201);
    expect(res.body.count).toBe(1000);
    const certificates = res.body.certificates as { certificateNumber: string; applicationId: string; pdfSha256: string }[];
    expect(new Set(certificates.map((c) => c.certificateNumber)).size).toBe(1000);
    expect(new Set(certificates.map((c) => c.applicationId)).size).toBe(1000);
    expect(new Set(certificates.map((c) => c.pdfSha256)).size).toBe(1000);
    const issued = (await sys.store.readAll({ limit: 100_000 })).filter((e) => e.type === 'CertificateIssued');
    expect(issued).toHaveLength(1000);
    // numbered per grade in the batch's order, and recorded in that order
    const byGrade = new Map<string, number[]>();
    for (const { certificateNumber } of certificates) {
      const [, , grade, sequence] = certificateNumber.split('-');
      byGrade.set(grade, [...(byGrade.get(grade) ?? []), Number(sequence)]);
    }
    for (const sequences of byGrade.values()) expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect(issued.map((e) => (e.data as { content: { certificateNumber: string } }).content.certificateNumber)).toEqual(certificates.map((c) => c.certificateNumber));
    await sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026 }).expect(422);
  }, 180_000);
});
