import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { runSimulatedSession, type SimulationResult } from './simulation/simulated-session';
import { inProcessPort } from './simulation/in-process-port';
import { declarationOf } from './simulation/declarations';
import { startTestSystem, type TestSystem } from './testing/fixtures';

// Issue 7, item 6: the annual statistics over HTTP after two simulated sessions (2025, 2026)
// in the same system, checked against what the simulation did to each applicant.
const APPLICANTS = 48;

/** Binary bodies with supertest: collect the raw bytes. */
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The text of every page, extracted with pdfjs-dist (ESM only: in a child process). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bj-stats-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const script = `
      import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
      import { readFileSync } from 'node:fs';
      const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[1])), verbosity: 0 }).promise;
      const pages = [];
      for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((x) => x.str).join(''));
      process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\\n') }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: process.cwd(), encoding: 'utf8' });
    const { pages, text } = JSON.parse(out) as { pages: number; text: string };
    return `${pages}\n${text}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('annual statistics over HTTP (embedded)', () => {
  let sys: TestSystem;
  const runs: Record<number, SimulationResult> = {};
  let revokedNumber: string;

  beforeAll(async () => {
    sys = await startTestSystem('2025-05-20T01:00:00Z');
    const port = inProcessPort(sys.app, sys.issuer!, sys.clock);
    runs[2025] = await runSimulatedSession(port, { applicants: 36, year: 2025 });
    runs[2026] = await runSimulatedSession(port, { applicants: APPLICANTS, year: 2026 });
    // one 2025 certificate revoked afterwards: the revocation counts in 2025's figures
    revokedNumber = runs[2025].outcomes.find((o) => o.certificateNumber)!.certificateNumber!;
    sys.clock.set('2026-12-01T01:00:00Z');
    await sys.http().post(`/api/v1/certificates/${revokedNumber}/revoke`).set('Authorization', `Bearer ${sys.tokenFor('HRSS_OFFICER')}`).send({ reason: '经查实，申报材料中的论文系代写，属弄虚作假' }).expect(200);
  }, 480_000);
  afterAll(() => sys?.stop());

  const get = (path: string, role: Parameters<TestSystem['tokenFor']>[0] = 'HRSS_OFFICER') => sys.http().get(path).set('Authorization', `Bearer ${sys.tokenFor(role)}`);
  const fates = (year: number, ...fs: string[]) => runs[year].outcomes.filter((o) => fs.includes(o.applicant.fate)).length;

  const declaredDocuments = (year: number) => runs[year].outcomes.map((o) => declarationOf(o.applicant) as { targetLevel: string; direction: string; employer: { kind: string } });

  function expectedTotals(year: number) {
    const n = runs[year].outcomes.length;
    const dropped = fates(year, 'DECLINED_BY_EMPLOYER', 'REJECTED_INELIGIBLE', 'WITHDRAWN');
    return {
      declared: n,
      recommended: n - fates(year, 'DECLINED_BY_EMPLOYER'),
      accepted: n - fates(year, 'DECLINED_BY_EMPLOYER', 'REJECTED_INELIGIBLE'),
      returned: fates(year, 'CORRECTED_THEN_CERTIFIED'),
      rejected: fates(year, 'REJECTED_INELIGIBLE'),
      panelReviewed: n - dropped,
      voted: n - dropped,
      passed: n - dropped - fates(year, 'FAILED_VOTE'),
      objected: fates(year, 'WITHHELD_BY_NOTICE'),
      objectionsUpheld: fates(year, 'WITHHELD_BY_NOTICE'),
      certified: runs[year].outcomes.filter((o) => o.certificateNumber).length,
      revoked: year === 2025 ? 1 : 0,
    };
  }

  it('counts every stage of each year as the simulation played it', async () => {
    for (const year of [2025, 2026]) {
      const { body } = await get(`/api/v1/statistics/${year}`).expect(200);
      expect(body.totals).toEqual(expectedTotals(year));
      expect(body.totals.declared).toBe(year === 2026 ? APPLICANTS : 36);
    }
  });

  it('gives rates, medians by business date, the score and vote-margin distributions and the change from 2025', async () => {
    const { body } = await get('/api/v1/statistics/2026').expect(200);
    const t = expectedTotals(2026);
    expect(body.rates).toEqual({ passRate: Math.round((t.passed / t.voted) * 10_000) / 10_000, certificationRate: Math.round((t.certified / t.declared) * 10_000) / 10_000 });
    const medians = Object.fromEntries(body.medianDays.map((d: { key: string; medianDays: number }) => [d.key, d.medianDays]));
    // submitted 06-10, recommended 08-10, accepted 08-20, panels 09-07, vote 10-20, certificates 11-05
    expect(medians).toEqual({ SUBMISSION_TO_RECOMMENDATION: 61, RECOMMENDATION_TO_ACCEPTANCE: 10, ACCEPTANCE_TO_PANEL_OPINION: 18, PANEL_OPINION_TO_VOTE: 43, VOTE_TO_CERTIFICATE: 16 });
    // the simulated panels score 81–83 (mean 82) or 40–42 (mean 41); 20 members present, 14 yes needed
    const bins = Object.fromEntries(body.scoreDistribution.filter((b: { count: number }) => b.count > 0).map((b: { from: number; count: number }) => [b.from, b.count]));
    expect(bins).toEqual({ 40: fates(2026, 'FAILED_VOTE'), 80: t.passed });
    const margins = Object.fromEntries(body.voteMarginDistribution.filter((b: { count: number }) => b.count > 0).map((b: { margin: number; count: number }) => [b.margin, b.count]));
    expect(margins).toEqual({ '-10': fates(2026, 'FAILED_VOTE'), 4: t.passed });
    const declared = body.yearOverYear.find((y: { stage: string }) => y.stage === 'declared');
    expect(declared).toMatchObject({ current: APPLICANTS, previous: 36, change: APPLICANTS - 36, changePercent: Math.round(((APPLICANTS - 36) / 36) * 1000) / 10 });
    expect(body.previousYear.totals).toEqual(expectedTotals(2025));
  });

  it('breaks down by level, direction and employer kind consistently with the totals', async () => {
    const { body } = await get('/api/v1/statistics/2026').expect(200);
    for (const key of ['byLevel', 'byDirection', 'byEmployerKind', 'cells'] as const) {
      const sum = body[key].reduce((n: number, b: { counts: { declared: number; certified: number } }) => n + b.counts.declared, 0);
      expect(sum).toBe(APPLICANTS);
    }
    // the level declared (an ineligible applicant aims one level too high)
    const declared = declaredDocuments(2026);
    const perLevel = Object.fromEntries(body.byLevel.map((b: { key: string; counts: { declared: number } }) => [b.key, b.counts.declared]));
    expect(perLevel).toEqual(Object.fromEntries(['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER', 'PROFESSORATE_SENIOR_ENGINEER'].map((l) => [l, declared.filter((d) => d.targetLevel === l).length])));
    const perKind = Object.fromEntries(body.byEmployerKind.map((b: { key: string; counts: { declared: number } }) => [b.key, b.counts.declared]));
    for (const [kind, n] of Object.entries(perKind)) expect(n).toBe(declared.filter((d) => d.employer.kind === kind).length);
    const filtered = await get('/api/v1/statistics/2026?level=ENGINEER&direction=RESEARCH').expect(200);
    expect(filtered.body.totals.declared).toBe(declared.filter((d) => d.targetLevel === 'ENGINEER' && d.direction === 'RESEARCH').length);
  });

  it('shows a centre its own levels only, and refuses applicants and bad filters', async () => {
    const chen = await sys.http().get('/api/v1/statistics/2026').set('Authorization', `Bearer ${sys.tokenOf('centre-staff-chen')}`).expect(200);
    expect(chen.body.byLevel.map((b: { key: string }) => b.key)).toEqual(['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER']);
    expect(chen.body.totals.declared).toBe(declaredDocuments(2026).filter((d) => d.targetLevel !== 'PROFESSORATE_SENIOR_ENGINEER').length);
    const zhou = await sys.http().get('/api/v1/statistics/2026?level=ENGINEER').set('Authorization', `Bearer ${sys.tokenOf('centre-staff-zhou')}`).expect(403);
    expect(zhou.body.code ?? JSON.stringify(zhou.body)).toMatch(/LEVEL_OF_OTHER_CENTRE/);
    await get('/api/v1/statistics/2026', 'AUDITOR').expect(200);
    await get('/api/v1/statistics/2026', 'APPLICANT').expect(403);
    await get('/api/v1/statistics/2026/report.pdf', 'EMPLOYER').expect(403);
    await sys.http().get('/api/v1/statistics/2026').expect(401);
    const bad = await get('/api/v1/statistics/2026?level=BOSS').expect(400);
    expect(JSON.stringify(bad.body)).toContain('/level');
    await get('/api/v1/statistics/26').expect(400);
  });

  it('exports CSV with Chinese headers and one row per combination and subtotal', async () => {
    const res = await get('/api/v1/statistics/2026/export.csv').expect(200).expect('Content-Type', /text\/csv/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('年度,汇总方式,层级,方向,单位性质,申报,单位推荐,受理,退回补正,不予受理,评议组评议,评委会表决,表决通过,公示异议,异议成立,发放证书,撤销证书,表决通过率,取证率');
    const t = expectedTotals(2026);
    expect(lines.at(-1)).toMatch(new RegExp(`^2026,合计,,,,${t.declared},${t.recommended},${t.accepted},`));
  });

  it('exports an XLSX workbook exceljs reads back, one sheet per breakdown', async () => {
    const res = await get('/api/v1/statistics/2026/export.xlsx').buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总览', '按层级', '按方向', '按单位性质', '明细', '环节用时', '得分分布', '表决差额分布', '同比']);
    const overview = book.getWorksheet('总览')!;
    expect(overview.getRow(2).values).toEqual([undefined, '指标', '2026年度', '2025年度']);
    expect(overview.getRow(3).values).toEqual([undefined, '申报', APPLICANTS, 36]);
    const levels = book.getWorksheet('按层级')!;
    expect(levels.getRow(2).getCell(1).value).toBe('层级');
    expect(levels.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(levels.rowCount).toBe(2 + 4);
  });

  it('renders the annual report as a PDF with its charts and commentary', async () => {
    const res = await get('/api/v1/statistics/2026/report.pdf').buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [pages, ...rest] = pdfText(pdf).split('\n');
    const text = rest.join('\n');
    expect(Number(pages)).toBe(5);
    for (const heading of ['2026年度统计报告', '摘要', '评审流程漏斗', '各环节用时', '按层级', '按方向', '按单位性质', '评议组综合得分分布', '表决差额分布', '同比变化']) expect(text).toContain(heading);
    expect(text).toContain(`2026年度共有${APPLICANTS}人申报`);
    expect(text).toContain('与2025年度相比');
  });
});
