import { createHash } from 'node:crypto';
import { formatCertificateNumber, signedPayloadOf, type CertificateContent } from '@bj/certificate-domain';
import { renderCertificatePdf, verifyOffline } from '@bj/documents';
import { scanQrCode } from '@bj/test-pdf-scan';
import { engineerDeclaration, sessionDefinition, startTestSystem, type TestSystem } from './testing/fixtures';
import { uuidV7Ids } from '@bj/service-kit';
import { seedSubmittedResults, syntheticCandidates, waitForProjections, type CandidatePassedLike } from './testing/session-driver';

// Issues "The annual session" step 8 and "Certificates", over HTTP as the real roles:
// acceptance (验收) → public notice (公示) → close → issue (发放证书) → download → verify → revoke.
jest.setTimeout(120_000);

const INFO = 'BJ_INFO_INDUSTRY_CENTRE';
const PERSONNEL = 'BJ_PERSONNEL_EXAM_OFFICE';
const LI_MING_ID = '110105199001010037';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('certification service over HTTP: acceptance, public notice, certificates', () => {
  let sys: TestSystem;
  let liMingApplication: string;
  let info: CandidatePassedLike[];
  let personnel: CandidatePassedLike[];
  const bearer = (userId: string) => ({ Authorization: `Bearer ${sys.tokenOf(userId)}` });
  const hrss = () => bearer('hrss-officer-liu');
  const at = (instant: string) => sys.clock.set(instant);
  const noticeIds: string[] = [];
  let upheldApplication: string;
  let dismissedApplication: string;
  let liMingCertificate: { certificateNumber: string; signature: string; pdfSha256: string; verificationUrl: string };
  let liMingPdf: Buffer;
  const readyIds: string[] = [];

  /** Runs `act` and checks that it answered `status` and wrote nothing. */
  async function refusedWithoutEvent(status: number, act: () => Promise<{ status: number; body: { code?: string } }>) {
    const before = await sys.eventCount();
    const res = await act();
    expect(res.status).toBe(status);
    expect(await sys.eventCount()).toBe(before);
    return res.body;
  }

  beforeAll(async () => {
    sys = await startTestSystem('2026-06-15T02:00:00Z');
    await sys.http().post('/api/v1/sessions').set(bearer('centre-staff-chen')).send(sessionDefinition(2026)).expect(201);
    const drafted = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send({ declaration: engineerDeclaration() }).expect(201);
    liMingApplication = drafted.body.declarationId;
    const liMing: CandidatePassedLike = {
      candidateId: liMingApplication,
      applicant: { name: '李明', idNumber: LI_MING_ID },
      employer: { name: '北京智源科技有限公司' },
      level: 'ENGINEER',
      direction: 'RESEARCH',
      committeeId: 'ai-2026',
      meetingId: 'meeting-2026-ai-1',
      decidedOn: '2026-10-20',
    };
    info = [liMing, ...syntheticCandidates(54, ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER'])];
    personnel = syntheticCandidates(3, ['PROFESSORATE_SENIOR_ENGINEER'], 2026, 100);
    at('2026-10-26T02:00:00Z');
    await seedSubmittedResults(sys, 2026, INFO, info);
    await seedSubmittedResults(sys, 2026, PERSONNEL, personnel);
    at('2026-11-02T01:00:00Z'); // Monday 09:00 in Beijing
  });
  afterAll(() => sys?.stop());

  describe('验收 acceptance', () => {
    it('refuses acceptance by the centre staff (403) and writes no event', async () => {
      const body = await refusedWithoutEvent(403, () => sys.http().post(`/api/v1/results/2026/${INFO}/accept`).set(bearer('centre-staff-chen')).send({ checks: { materials: true, scope: true, procedure: true, quality: true } }));
      expect(body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('refuses acceptance with a failed check (422), names it, and writes nothing', async () => {
      const body = await refusedWithoutEvent(422, () => sys.http().post(`/api/v1/results/2026/${INFO}/accept`).set(hrss()).send({ checks: { materials: true, scope: true, procedure: false, quality: true } }));
      expect(body).toMatchObject({ code: 'ACCEPTANCE_CHECKS_FAILED', problems: [{ path: '/checks/procedure' }] });
    });

    it('refuses an unknown centre with 400 naming the field', async () => {
      const body = await refusedWithoutEvent(400, () => sys.http().post('/api/v1/results/2026/NOWHERE/accept').set(hrss()).send({ checks: {} }));
      expect(body).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path: '/centre' }] });
    });

    it('accepts the results; HRSS, the centre and auditors read them, another centre and applicants do not', async () => {
      const res = await sys.http().post(`/api/v1/results/2026/${INFO}/accept`).set(hrss()).send({ checks: { materials: true, scope: true, procedure: true, quality: true }, remarks: '材料齐全，程序规范' }).expect(200);
      expect(res.body).toMatchObject({ status: 'ACCEPTED', events: ['ResultsAccepted'] });
      const read = await sys.http().get(`/api/v1/results/2026/${INFO}`).set(bearer('centre-staff-chen')).expect(200);
      expect(read.body).toMatchObject({ status: 'ACCEPTED', acceptance: { acceptedOn: '2026-11-02', remarks: '材料齐全，程序规范' } });
      expect(read.body.passed).toHaveLength(55);
      await sys.http().get(`/api/v1/results/2026/${INFO}`).set(bearer('auditor-he')).expect(200);
      await sys.http().get(`/api/v1/results/2026/${INFO}`).set(bearer('centre-staff-zhou')).expect(403);
      await sys.http().get(`/api/v1/results/2026/${INFO}`).set(bearer('applicant-li-ming')).expect(403);
    });

    it('sends results back with reasons; the centre submits again and HRSS accepts', async () => {
      await refusedWithoutEvent(400, () => sys.http().post(`/api/v1/results/2026/${PERSONNEL}/send-back`).set(hrss()).send({ reasons: [] }));
      const res = await sys.http().post(`/api/v1/results/2026/${PERSONNEL}/send-back`).set(hrss()).send({ reasons: ['评委会投票记录缺少一名委员的回避说明'] }).expect(200);
      expect(res.body.status).toBe('SENT_BACK');
      const read = await sys.http().get(`/api/v1/results/2026/${PERSONNEL}`).set(bearer('centre-staff-zhou')).expect(200);
      expect(read.body).toMatchObject({ status: 'SENT_BACK', sendBacks: [{ reasons: ['评委会投票记录缺少一名委员的回避说明'] }] });
      await seedSubmittedResults(sys, 2026, PERSONNEL, personnel);
      await sys.http().post(`/api/v1/results/2026/${PERSONNEL}/accept`).set(hrss()).send({ checks: { materials: true, scope: true, procedure: true, quality: true } }).expect(200);
    });
  });

  describe('公示 public notice', () => {
    it('is published by HRSS only, one notice per site, for 5 working days', async () => {
      await refusedWithoutEvent(403, () => sys.http().post(`/api/v1/results/2026/${INFO}/notices`).set(bearer('centre-staff-chen')).send({ startOn: '2026-11-02' }));
      const res = await sys.http().post(`/api/v1/results/2026/${INFO}/notices`).set(hrss()).send({ startOn: '2026-11-02' }).expect(201);
      expect(res.body.period).toEqual({ firstDay: '2026-11-02', lastDay: '2026-11-06' });
      expect(res.body.notices.map((n: { site: string }) => n.site).sort()).toEqual(['BJ_INFO_INDUSTRY_CENTRE', 'HRSS']);
      const again = await refusedWithoutEvent(409, () => sys.http().post(`/api/v1/results/2026/${INFO}/notices`).set(hrss()).send({ startOn: '2026-11-02' }));
      expect(again.code).toBe('NOTICE_ALREADY_PUBLISHED');
      const other = await sys.http().post(`/api/v1/results/2026/${PERSONNEL}/notices`).set(hrss()).send({}).expect(201);
      noticeIds.push(...res.body.notices.map((n: { noticeId: string }) => n.noticeId), ...other.body.notices.map((n: { noticeId: string }) => n.noticeId));
      expect(noticeIds).toHaveLength(3);
    });

    it('shows the public, without a token, masked ID numbers only and nothing private', async () => {
      const list = await sys.http().get('/api/v1/notices').expect(200);
      expect(list.body).toHaveLength(3);
      expect((await sys.http().get('/api/v1/notices?year=2026').expect(200)).body).toEqual(list.body);
      expect((await sys.http().get('/api/v1/notices?year=2027').expect(200)).body).toEqual([]);
      expect((await sys.http().get('/api/v1/notices?year=26').expect(400)).body.problems).toEqual([{ path: '/year', message: 'must be a year from 2020 to 2100, got "26"' }]);
      expect(list.body[0]).toMatchObject({ status: 'OPEN', period: { firstDay: '2026-11-02', lastDay: '2026-11-06' } });
      const everyone = [...info, ...personnel];
      let shown = 0;
      for (const id of noticeIds) {
        const json = await sys.http().get(`/api/v1/notices/${id}`).expect(200);
        const page = await sys.http().get(`/notices/${id}`).expect(200).expect('Content-Type', /html/);
        for (const text of [JSON.stringify(json.body), page.text]) {
          for (const c of everyone) expect(text).not.toContain(c.applicant.idNumber);
          expect(text).not.toMatch(/phone|13800000000|contact|score/i);
        }
        for (const e of json.body.entries) expect(e.maskedIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        expect(page.text).toContain('评审通过人员公示');
        shown += json.body.entries.length;
      }
      expect(shown).toBe(58);
      const centreNotice = await sys.http().get(`/api/v1/notices/${noticeIds[0]}`).expect(200);
      const liMing = [centreNotice, await sys.http().get(`/api/v1/notices/${noticeIds[1]}`)].flatMap((r) => r.body.entries).find((e: { name: string }) => e.name === '李明');
      expect(liMing).toMatchObject({ maskedIdNumber: '110105********0037', levelLabel: '工程师', directionLabel: '人工智能研究', employerName: '北京智源科技有限公司' });
      await sys.http().get('/notices/no-such-notice').expect(404);
    });

    it('takes objections from anyone; the contact stays internal; HRSS resolves them', async () => {
      const notice = (await sys.http().get(`/api/v1/notices/${noticeIds[0]}`).expect(200)).body;
      const entries = notice.entries.filter((e: { name: string }) => e.name !== '李明');
      upheldApplication = entries[0].applicationId;
      dismissedApplication = entries[1].applicationId;
      const upheld = await sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections`).send({ applicationId: upheldApplication, content: '该同志申报的主要论文系他人代写，请核查', contact: '13912345678' }).expect(201);
      const dismissed = await sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections`).set(bearer('applicant-wang-fang')).send({ applicationId: dismissedApplication, content: '该同志任职年限似乎不足，请核实' }).expect(201);
      await refusedWithoutEvent(400, () => sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections`).send({ applicationId: upheldApplication, content: '' }));

      const publicView = await sys.http().get(`/api/v1/notices/${noticeIds[0]}`).expect(200);
      expect(JSON.stringify(publicView.body)).not.toContain('13912345678');
      expect((await sys.http().get(`/notices/${noticeIds[0]}`)).text).not.toContain('13912345678');
      const internal = await sys.http().get(`/api/v1/results/2026/${INFO}`).set(hrss()).expect(200);
      const objections = internal.body.notices.find((n: { noticeId: string }) => n.noticeId === noticeIds[0]).objections;
      expect(objections).toEqual(expect.arrayContaining([expect.objectContaining({ objectionId: upheld.body.objectionId, contact: '13912345678', raisedBy: 'PUBLIC', status: 'OPEN' })]));

      await refusedWithoutEvent(403, () => sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections/${upheld.body.objectionId}/resolve`).set(bearer('centre-staff-chen')).send({ outcome: 'UPHELD', findings: '属实' }));
      await sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections/${upheld.body.objectionId}/resolve`).set(hrss()).send({ outcome: 'UPHELD', findings: '经调查核实，论文确系他人代写，反映情况属实' }).expect(200);
      await sys.http().post(`/api/v1/notices/${noticeIds[0]}/objections/${dismissed.body.objectionId}/resolve`).set(hrss()).send({ outcome: 'DISMISSED', findings: '经核实，任职年限符合条件' }).expect(200);
    });

    it('refuses to close a day early (422) and writes no event', async () => {
      at('2026-11-06T09:00:00Z'); // 17:00 on the last day
      const body = await refusedWithoutEvent(422, () => sys.http().post(`/api/v1/notices/${noticeIds[0]}/close`).set(hrss()));
      expect(body.code).toBe('NOTICE_PERIOD_NOT_OVER');
    });

    it('closes after the period: everyone but the upheld objection becomes ready for certification', async () => {
      at('2026-11-09T01:00:00Z');
      await refusedWithoutEvent(403, () => sys.http().post(`/api/v1/notices/${noticeIds[0]}/close`).set(bearer('auditor-he')));
      const ready: string[] = [];
      for (const id of noticeIds) {
        const res = await sys.http().post(`/api/v1/notices/${id}/close`).set(hrss()).expect(200);
        ready.push(...res.body.readyForCertification);
        if (id === noticeIds[0]) expect(res.body.withheld).toEqual([{ applicationId: upheldApplication, objectionIds: [expect.any(String)] }]);
      }
      expect(ready).toHaveLength(57);
      readyIds.push(...ready);
      expect(ready).not.toContain(upheldApplication);
      expect(ready).toEqual(expect.arrayContaining([liMingApplication, dismissedApplication]));
      const events = await sys.store.readAll();
      expect(events.filter((e) => e.type === 'ApplicantReadyForCertification')).toHaveLength(57);
      expect((await sys.http().get(`/api/v1/notices/${noticeIds[0]}`)).body.status).toBe('CLOSED');
    });
  });

  describe('发放证书 certificates', () => {
    it('refuses the applicant stopped by an upheld objection (422) and other roles (403), writing nothing', async () => {
      at('2026-11-16T02:00:00Z');
      const body = await refusedWithoutEvent(422, () => sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026, applicationIds: [upheldApplication] }));
      expect(body).toMatchObject({ code: 'NOT_READY_FOR_CERTIFICATION', problems: [{ path: '/applicationIds/0' }] });
      await refusedWithoutEvent(403, () => sys.http().post('/api/v1/certificates').set(bearer('centre-staff-chen')).send({ year: 2026 }));
      await refusedWithoutEvent(400, () => sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 'this year' }));
    });

    it('issues concurrent requests and then the rest of the session in one batch: unique numbers, one per applicant; a second issue is refused', async () => {
      const others = readyIds.filter((id) => id !== liMingApplication);
      const [a, b] = await Promise.all([
        sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026, applicationIds: others.slice(0, 5) }),
        sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026, applicationIds: others.slice(5, 10) }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const res = await sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026 }).expect(201);
      expect(res.body.count).toBe(47);
      const issuedNow = [...a.body.certificates, ...b.body.certificates, ...res.body.certificates];
      const numbers: string[] = issuedNow.map((c: { certificateNumber: string }) => c.certificateNumber);
      expect(new Set(numbers).size).toBe(57);
      expect(new Set(issuedNow.map((c: { applicationId: string }) => c.applicationId)).size).toBe(57);
      for (const n of numbers) expect(n).toMatch(/^BJAI-2026-G[1-4]-\d{6}-[\dX]$/);
      expect(numbers).toContain(formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 1 }));
      expect(numbers).toContain(formatCertificateNumber({ year: 2026, level: 'PROFESSORATE_SENIOR_ENGINEER', sequence: 3 }));
      expect(issuedNow.map((c: { applicationId: string }) => c.applicationId)).not.toContain(upheldApplication);

      const twice = await refusedWithoutEvent(409, () => sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026, applicationIds: [liMingApplication] }));
      expect(twice.code).toBe('CERTIFICATE_ALREADY_ISSUED');
      const none = await refusedWithoutEvent(422, () => sys.http().post('/api/v1/certificates').set(hrss()).send({ year: 2026 }));
      expect(none.code).toBe('NOTHING_TO_ISSUE');

      const all = await sys.http().get('/api/v1/certificates?year=2026').set(bearer('auditor-he')).expect(200);
      expect(all.body).toHaveLength(57);
      const own = await sys.http().get('/api/v1/certificates').set(bearer('applicant-li-ming')).expect(200);
      expect(own.body).toHaveLength(1);
      expect(own.body[0]).toMatchObject({ holderName: '李明', idNumberMasked: '110105********0037', level: 'ENGINEER', qualificationDate: '2026-10-20', issueDate: '2026-11-16', status: 'VALID' });
      liMingCertificate = own.body[0];
      expect((await sys.http().get('/api/v1/certificates').set(bearer('applicant-wang-fang')).expect(200)).body).toEqual([]);

      const issued = (await sys.store.readStream(`certificate-${liMingCertificate.certificateNumber}`))[0]!;
      expect(issued.type).toBe('CertificateIssued');
      expect(issued.data).toMatchObject({ applicantId: liMingApplication, applicationId: liMingApplication, verificationUrl: liMingCertificate.verificationUrl, sessionId: 'session-2026', content: { idNumber: LI_MING_ID, holderName: '李明' }, pdfSha256: liMingCertificate.pdfSha256, layout: 2 });
    });

    it('gives the PDF to its holder and HRSS, re-rendered byte for byte; 403 to another applicant', async () => {
      const res = await sys.http().get(`/api/v1/certificates/${liMingCertificate.certificateNumber}/pdf`).set(bearer('applicant-li-ming')).responseType('blob').expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      liMingPdf = res.body as Buffer;
      expect(liMingPdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(sha256(liMingPdf)).toBe(liMingCertificate.pdfSha256);
      const again = await sys.http().get(`/api/v1/certificates/${liMingCertificate.certificateNumber}/pdf`).set(hrss()).responseType('blob').expect(200);
      expect(Buffer.compare(again.body as Buffer, liMingPdf)).toBe(0);
      const other = await sys.http().get(`/api/v1/certificates/${liMingCertificate.certificateNumber}/pdf`).set(bearer('applicant-wang-fang')).expect(403);
      expect(other.body.code).toBe('NOT_THE_HOLDER');
      await sys.http().get(`/api/v1/certificates/${liMingCertificate.certificateNumber}/pdf`).set(bearer('employer-zhiyuan-tech')).expect(403);
      await sys.http().get(`/api/v1/certificates/${formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 999 })}/pdf`).set(hrss()).expect(404);
    });

    it('verifies: VALID with masked details, ALTERED for a changed PDF or signature, UNKNOWN for a made-up number', async () => {
      const { certificateNumber, signature } = liMingCertificate;
      expect(liMingCertificate.verificationUrl).toBe(`http://localhost:0/verify/${certificateNumber}?s=${signature}`);
      const valid = await sys.http().get(`/api/v1/verify/${certificateNumber}?s=${signature}`).expect(200);
      expect(valid.body).toMatchObject({ status: 'VALID', certificateNumber, certificate: { holderName: '李明', idNumberMasked: '110105********0037', qualificationName: '工程师', qualificationDate: '2026-10-20', issueDate: '2026-11-16' } });
      expect(JSON.stringify(valid.body)).not.toContain(LI_MING_ID);
      const page = await sys.http().get(`/verify/${certificateNumber}?s=${signature}`).expect(200);
      expect(page.text).toContain('证书有效');
      expect(page.text).toContain('110105********0037');
      expect(page.text).not.toContain(LI_MING_ID);

      const forged = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await sys.http().get(`/api/v1/verify/${certificateNumber}?s=${forged}`).expect(200)).body.status).toBe('ALTERED');

      const byFile = await sys.http().post('/api/v1/verify/pdf').attach('file', liMingPdf, 'certificate.pdf').expect(200);
      expect(byFile.body).toMatchObject({ status: 'VALID', certificateNumber });
      const altered = Buffer.from(liMingPdf);
      const at = altered.length - 400;
      altered[at] = altered[at] === 0x20 ? 0x21 : 0x20;
      const alteredAnswer = await sys.http().post('/api/v1/verify/pdf').attach('file', altered, 'certificate.pdf').expect(200);
      expect(alteredAnswer.body).toMatchObject({ status: 'ALTERED', certificateNumber });
      expect((await sys.http().post('/api/v1/verify/pdf').attach('file', Buffer.from('%PDF-1.3\n%%EOF\n'), 'other.pdf').expect(200)).body.status).toBe('UNKNOWN');
      await sys.http().post('/api/v1/verify/pdf').attach('file', Buffer.from('not a pdf'), 'x.pdf').expect(400);
      const tooLarge = await sys.http().post('/api/v1/verify/pdf').attach('file', Buffer.concat([liMingPdf, Buffer.alloc(5 * 1024 * 1024)]), 'certificate.pdf').expect(413);
      expect(tooLarge.body.problems).toEqual([{ path: '/file', message: 'must be at most 5 MiB (5,242,880 bytes)' }]);

      const garbled = (await sys.http().get(`/api/v1/verify/${'A'.repeat(5000)}`).expect(200)).body;
      expect(garbled).toMatchObject({ status: 'UNKNOWN', certificateNumber: `${'A'.repeat(40)}…`, detail: '证书编号格式不正确或校验位不符' });
      const madeUp = formatCertificateNumber({ year: 2026, level: 'SENIOR_ENGINEER', sequence: 424242 });
      expect((await sys.http().get(`/api/v1/verify/${madeUp}?s=${signature}`).expect(200)).body.status).toBe('UNKNOWN');
      expect((await sys.http().get('/api/v1/verify/BJAI-2026-G2-000001-0').expect(200)).body.status).toBe('UNKNOWN');
      expect((await sys.http().get(`/verify/${madeUp}`).expect(200)).text).toContain('查无此证');
    });

    it('opens, from the QR code scanned off the downloaded PDF, the verification page that says 证书有效', async () => {
      const scanned = scanQrCode(liMingPdf, { dpi: 96 }); // the PDF on a screen, read by a phone
      expect(scanned).toBe(liMingCertificate.verificationUrl);
      const { pathname, search } = new URL(scanned!);
      const page = await sys.http().get(`${pathname}${search}`).expect(200);
      expect(page.text).toContain('证书有效');
      expect(page.text).toContain('110105********0037');
    });

    it('publishes the issuer key (JWKS) so the signature verifies offline, and fails on an altered field', async () => {
      const jwks = await sys.http().get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys).toHaveLength(1);
      const [jwk] = jwks.body.keys;
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', notBefore: '2026-06-15' });
      expect(jwk.d).toBeUndefined();
      const issued = (await sys.store.readStream(`certificate-${liMingCertificate.certificateNumber}`))[0]!.data as { content: CertificateContent; keyId: string; signature: string };
      expect(issued.keyId).toBe(jwk.kid);
      // offline: the payload rebuilt from what is printed on the certificate, the key from the JWKS
      expect(await verifyOffline(signedPayloadOf(issued.content), issued.signature, jwks.body)).toEqual({ valid: true, keyId: jwk.kid });
      expect(await verifyOffline(signedPayloadOf({ ...issued.content, qualificationDate: '2025-10-20' }), issued.signature, jwks.body)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    });

    it('never serves a PDF that does not hash to the recorded value (500, logged)', async () => {
      const [issued] = await sys.store.readStream(`certificate-${liMingCertificate.certificateNumber}`);
      const data = issued!.data as { content: CertificateContent; pdfSha256: string };
      const forgedNumber = formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 900 });
      const forged = { ...data, certificateNumber: forgedNumber, content: { ...data.content, certificateNumber: forgedNumber }, pdfSha256: '0'.repeat(64) };
      const { globalPosition } = await sys.store.append(`certificate-${forgedNumber}`, [{ ...issued!, eventId: uuidV7Ids.next(), data: forged }], 0);
      await waitForProjections(sys, globalPosition);
      const res = await sys.http().get(`/api/v1/certificates/${forgedNumber}/pdf`).set(hrss()).expect(500);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.body.code).toBe('INTERNAL_ERROR');
    });

    it('serves a certificate in the layout its event records: one issued before layouts were numbered re-renders in layout 1', async () => {
      const [issued] = await sys.store.readStream(`certificate-${liMingCertificate.certificateNumber}`);
      const { layout, ...data } = issued!.data as { content: CertificateContent; verificationUrl: string; layout: number };
      expect(layout).toBe(2);
      const cases = [
        { sequence: 901, layout: undefined, renderedIn: 1 as const, status: 200 },
        { sequence: 902, layout: 1, renderedIn: 1 as const, status: 200 },
        { sequence: 903, layout: 2, renderedIn: 1 as const, status: 500 }, // recorded as layout 2, hashed from layout 1
      ];
      for (const c of cases) {
        const number = formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: c.sequence });
        const content = { ...data.content, certificateNumber: number };
        const pdfSha256 = sha256(await renderCertificatePdf(content, data.verificationUrl, c.renderedIn));
        const recorded = { ...data, certificateNumber: number, content, pdfSha256, ...(c.layout ? { layout: c.layout } : {}) };
        const { globalPosition } = await sys.store.append(`certificate-${number}`, [{ ...issued!, eventId: uuidV7Ids.next(), data: recorded }], 0);
        await waitForProjections(sys, globalPosition);
        const res = await sys.http().get(`/api/v1/certificates/${number}/pdf`).set(hrss()).responseType('blob').expect(c.status);
        if (c.status === 200) expect(sha256(res.body as Buffer)).toBe(pdfSha256);
      }
    });

    it('revokes (HRSS only): verification then says REVOKED with date and reason', async () => {
      const { certificateNumber, signature } = liMingCertificate;
      await refusedWithoutEvent(403, () => sys.http().post(`/api/v1/certificates/${certificateNumber}/revoke`).set(bearer('centre-staff-chen')).send({ reason: '弄虚作假' }));
      await refusedWithoutEvent(400, () => sys.http().post(`/api/v1/certificates/${certificateNumber}/revoke`).set(hrss()).send({}));
      at('2026-12-01T02:00:00Z');
      const res = await sys.http().post(`/api/v1/certificates/${certificateNumber}/revoke`).set(hrss()).send({ reason: '经查实，申报材料弄虚作假' }).expect(200);
      expect(res.body).toEqual({ certificateNumber, status: 'REVOKED', revokedAt: '2026-12-01', reason: '经查实，申报材料弄虚作假', barUntil: '2029-11-30' });
      const revoked = (await sys.store.readStream(`certificate-${certificateNumber}`))[1]!;
      expect(revoked).toMatchObject({ type: 'CertificateRevoked', data: { certificateNumber, applicationId: liMingApplication, revokedAt: '2026-12-01', barUntil: '2029-11-30', reason: '经查实，申报材料弄虚作假' } });
      const again = await refusedWithoutEvent(409, () => sys.http().post(`/api/v1/certificates/${certificateNumber}/revoke`).set(hrss()).send({ reason: '重复撤销' }));
      expect(again.code).toBe('CERTIFICATE_ALREADY_REVOKED');

      const answer = await sys.http().get(`/api/v1/verify/${certificateNumber}?s=${signature}`).expect(200);
      expect(answer.body).toMatchObject({ status: 'REVOKED', revokedAt: '2026-12-01', reason: '经查实，申报材料弄虚作假' });
      expect((await sys.http().post('/api/v1/verify/pdf').attach('file', liMingPdf, 'certificate.pdf').expect(200)).body.status).toBe('REVOKED');
      const page = await sys.http().get(`/verify/${certificateNumber}?s=${signature}`).expect(200);
      expect(page.text).toContain('证书已撤销');
      expect(page.text).toContain('经查实，申报材料弄虚作假');
    });

    it("bars the revoked holder: the declaration service refuses their new declaration (APPLICANT_BARRED)", async () => {
      at('2027-03-01T02:00:00Z');
      await sys.http().post('/api/v1/sessions').set(bearer('centre-staff-chen')).send(sessionDefinition(2027)).expect(201);
      at('2027-06-15T02:00:00Z');
      const drafted = await sys.http().post('/api/v1/declarations').set(bearer('applicant-li-ming')).send({ declaration: engineerDeclaration(), sessionYear: 2027 }).expect(201);
      const body = await refusedWithoutEvent(422, () => sys.http().post(`/api/v1/declarations/${drafted.body.declarationId}/submit`).set(bearer('applicant-li-ming')));
      expect(body.code).toBe('APPLICANT_BARRED');
    });
  });
});
