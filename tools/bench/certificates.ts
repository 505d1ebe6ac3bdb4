// Benchmark (not a test): renders certificates one after another on one core and prints the rates.
// Usage: node tools/scripts/run-ts.js tools/bench/certificates.ts [N=300] [WARM_UP=50]
// The first render reads the font. The next WARM_UP are the process's first certificates, while
// V8 is still compiling the renderer: their rate is printed on its own. The N after them are the
// rate a renderer sustains, as a worker that issues a year's certificates does.
import { certificateContentOf, formatCertificateNumber } from '@bj/certificate-domain';
import { renderCertificatePdf } from '@bj/documents';

const NAMES = ['王晓明', '李四', '张伟', '刘洋', '陈静', '欧阳娜娜', '赵磊', '孙丽'];

async function main() {
  const n = Number(process.argv[2] ?? 300);
  if (!Number.isInteger(n) || n < 1) throw new Error(`N must be a positive whole number, got ${process.argv[2]}`);
  const warmUp = Number(process.argv[3] ?? 50);
  if (!Number.isInteger(warmUp) || warmUp < 1) throw new Error(`WARM_UP must be a positive whole number, got ${process.argv[3]}`);
  const contentOf = (i: number) =>
    certificateContentOf({
      certificateNumber: formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: i + 1 }),
      holderName: NAMES[i % NAMES.length] ?? '张伟',
      idNumber: '11010519491231002X',
      direction: i % 2 ? 'RESEARCH' : 'APPLICATION',
      level: 'ENGINEER',
      qualificationDate: '2026-12-01',
      issueDate: '2026-12-20',
    });
  const url = (i: number) => `https://rsj.beijing.gov.cn/zcyz/verify/${contentOf(i).certificateNumber}?s=${'Ab9_-'.repeat(17)}${i % 10}`;
  const t0 = performance.now();
  await renderCertificatePdf(contentOf(0), url(0)); // warm-up: reads the fonts once
  const warm = performance.now() - t0;
  const coldStart = process.cpuUsage();
  for (let i = 0; i < warmUp; i++) await renderCertificatePdf(contentOf(n + i), url(n + i));
  const cold = process.cpuUsage(coldStart);
  let bytes = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i++) bytes += (await renderCertificatePdf(contentOf(i), url(i))).length;
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`first render (fonts loaded): ${warm.toFixed(0)} ms`);
  console.log(`the process's first ${warmUp} certificates after it: ${(warmUp / ((cold.user + cold.system) / 1e6)).toFixed(1)} certificates per CPU-second (not measured below)`);
  console.log(`${n} certificates in ${seconds.toFixed(2)} s wall: ${(n / seconds).toFixed(1)} certificates/second, ${(bytes / n / 1024).toFixed(1)} KiB each`);
  // CPU time of this process (user + system): the rate of one core, whatever else the machine runs
  console.log(`${cpuSeconds.toFixed(2)} s CPU: ${(n / cpuSeconds).toFixed(1)} certificates per CPU-second`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
