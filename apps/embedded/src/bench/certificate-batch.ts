// Benchmark (not a test): the time HRSS waits for a whole session's certificates — one
// POST /api/v1/certificates for N ready applicants (render, sign, hash and record each).
// Usage: node tools/scripts/run-ts.js apps/embedded/src/bench/certificate-batch.ts [N=10000]
import { sessionDefinition, startTestSystem } from '../testing/fixtures';
import { seedSubmittedResults, syntheticCandidates } from '../testing/session-driver';
import { reportResult, runBench } from './bench-support';

async function main() {
  const n = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(n) || n < 1 || n > 12_000) throw new Error('N must be a whole number from 1 to 12000');
  const sys = await startTestSystem('2026-06-15T02:00:00Z');
  try {
    const hrss = { Authorization: `Bearer ${sys.tokenOf('hrss-officer-liu')}` };
    const info = 'BJ_INFO_INDUSTRY_CENTRE';
    await sys.http().post('/api/v1/sessions').set({ Authorization: `Bearer ${sys.tokenOf('centre-staff-chen')}` }).send(sessionDefinition(2026)).expect(201);
    sys.clock.set('2026-10-26T02:00:00Z');
    const seeding = performance.now();
    await seedSubmittedResults(sys, 2026, info, syntheticCandidates(n, ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER']));
    await sys.http().post(`/api/v1/results/2026/${info}/accept`).set(hrss).send({ checks: { materials: true, scope: true, procedure: true, quality: true } }).expect(200);
    const published = await sys.http().post(`/api/v1/results/2026/${info}/notices`).set(hrss).send({ startOn: '2026-11-02' }).expect(201);
    sys.clock.set('2026-11-09T02:00:00Z');
    for (const notice of published.body.notices as { noticeId: string }[]) await sys.http().post(`/api/v1/notices/${notice.noticeId}/close`).set(hrss).expect(200);
    process.stderr.write(`${n} applicants ready for certification in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);
    const started = performance.now();
    const res = await sys.http().post('/api/v1/certificates').set(hrss).send({ year: 2026 }).timeout(3_600_000).expect(201);
    const seconds = (performance.now() - started) / 1000;
    const figures = { certificates: res.body.count, seconds, perSecond: res.body.count / seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${figures.certificates} certificates in one batch: ${seconds.toFixed(1)} s (${figures.perSecond.toFixed(0)}/s), peak RSS ${figures.peakRssMiB.toFixed(0)} MiB\n`);
    reportResult(figures);
  } finally {
    await sys.stop();
  }
}

runBench(main);
