// npm run demo [-- --applicants N --year YYYY --data-dir DIR --stop-after STAGE]
// Runs a realistic simulated annual session on the embedded default, through the same HTTP
// endpoints and command handlers as real users, on a simulated clock; prints a summary per
// stage and leaves the data in DATA_DIR, so `npm start` then shows the session's results.
// --stop-after 'assign experts' (a stage's English or whole name) leaves the session there
// instead, for a walk-through of the stages after it (the experts' scoring, the vote …).
import { Logger } from '@nestjs/common';
import { loadConfig, ManualClock } from '@bj/service-kit';
import { LEVEL_LABEL, DIRECTION_LABEL } from '@bj/kernel';
import { createEmbeddedApp } from './create-embedded-app';
import { inProcessPort } from './simulation/in-process-port';
import { SIMULATED_STAGES, englishName, runSimulatedSession, simulatedStage, SimulationError } from './simulation/simulated-session';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const applicants = Number(option('applicants', '120'));
  const year = Number(option('year', '2026'));
  if (!Number.isInteger(applicants) || applicants < 12 || applicants > 20000) throw new SimulationError('--applicants must be a whole number from 12 to 20000');
  if (!Number.isInteger(year) || year < 2025 || year > 2026) throw new SimulationError('--year must be 2025 or 2026 (the years whose official calendar is loaded)');
  const stopAfterName = option('stop-after', process.argv.includes('--stop-after') ? '(nothing)' : '');
  const stopAfter = stopAfterName === '' ? undefined : simulatedStage(stopAfterName);
  if (stopAfterName !== '' && !stopAfter) {
    throw new SimulationError(`--stop-after must name a stage of the session, not "${stopAfterName}": ${SIMULATED_STAGES.map(englishName).join(', ')}`);
  }
  const dataDir = option('data-dir', process.env['DATA_DIR'] ?? 'data');
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, AUTH_DEV_TOKENS: 'true' });
  const clock = new ManualClock(`${year}-05-20T01:00:00Z`);
  const { app, issuer, store } = await createEmbeddedApp({ config, clock, logger: ['error'] });
  await app.init();
  if ((await store.headPosition()) > 0) {
    const existing = await store.readAll({ limit: 1 });
    process.stdout.write(`Note: ${dataDir} already holds ${await store.headPosition()} events (since ${existing[0]?.metadata.occurredAt.slice(0, 10)}); the demo adds a session to them.\n`);
  }
  process.stdout.write(`Simulating the ${year} session with ${applicants} applicants in ${config.dataDir}\n\n`);
  const started = Date.now();
  try {
    if (!issuer) throw new Error('the demo mints its own tokens: AUTH_DEV_TOKENS must be true');
    const result = await runSimulatedSession(inProcessPort(app, issuer, clock), { applicants, year, stopAfter, log: (line) => process.stdout.write(`  ${line}\n`) });
    if (stopAfter) {
      const last = result.stages[result.stages.length - 1];
      const next = SIMULATED_STAGES[SIMULATED_STAGES.indexOf(stopAfter) + 1];
      process.stdout.write(`\nStopped after ${stopAfter} (${last.date}): ${await store.headPosition()} events in the log; ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
      process.stdout.write(`The session stands there${next ? `; next comes ${next}` : ''}. To go on from that day: \`FAKE_NOW=${last.date}T02:00:00Z npm start\`, then http://localhost:${config.port}/docs — the centres' staff and HRSS of \`npm run -s tokens\` are the session's own, and its experts' tokens are \`npm run -s tokens -- --role EXPERT --user expert-01\` (to expert-${String(result.population.experts.length).padStart(2, '0')}).\n`);
      return;
    }
    process.stdout.write(`\nOutcome by level (申报级别):\n`);
    const levels = [...new Set(result.outcomes.map((o) => o.applicant.level))];
    for (const level of levels) {
      const of = result.outcomes.filter((o) => o.applicant.level === level);
      const count = (stage: string) => of.filter((o) => o.finalStage === stage).length;
      process.stdout.write(
        `  ${LEVEL_LABEL[level].padEnd(7, '　')} ${String(of.length).padStart(4)} declared · ${count('DECLINED_BY_EMPLOYER')} declined by employer · ${count('REJECTED_BY_CENTRE')} rejected by centre · ${count('WITHDRAWN')} withdrawn · ${count('FAILED_VOTE')} failed vote · ${count('WITHHELD_BY_NOTICE')} withheld by notice · ${count('CERTIFIED')} certified\n`,
      );
    }
    const certified = result.outcomes.filter((o) => o.certificateNumber);
    process.stdout.write(`\nFor example: ${certified.slice(0, 3).map((o) => `${o.applicant.name}（${LEVEL_LABEL[o.applicant.level]}，${DIRECTION_LABEL[o.applicant.direction]}）${o.certificateNumber}`).join('；')}\n`);
    process.stdout.write(`\n${await store.headPosition()} events in the log; ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    process.stdout.write(`Now run \`npm start\` and open http://localhost:${config.port}/docs — tokens: \`npm run -s tokens\`.\n`);
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  new Logger('Demo').error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
