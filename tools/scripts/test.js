#!/usr/bin/env node
// `npm test`: type-check everything, lint (module boundaries included), then every jest suite
// (unit *.spec.ts, *.int.spec.ts against PostgreSQL/Kafka, *.e2e.spec.ts over HTTP).
// Extra arguments go to jest, e.g. `npm test -- libs/domain/eligibility`.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };

function step(title, cmd, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stdout.write(`\n✖ ${title} failed\n`);
    process.exit(r.status ?? 1);
  }
}

const jestArgs = process.argv.slice(2);
if (jestArgs.length === 0) {
  step('type-check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('lint (eslint, Nx module boundaries)', bin('nx'), ['run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static']);
}
step('tests (jest)', bin('jest'), ['--maxWorkers=2', ...jestArgs]);
