// Child of `npm run bench`: the full replay of a log, as an audit or a restart does it.
//  1. boots the three services (declaration, review, certification) on the log, reactions off:
//     their ProjectionHost rebuilds every projection they register from the first event;
//  2. re-reads the whole log and verifies the hash chain (verifyHashChain, batch by batch);
//  3. (experiment, not part of the figure) verifies it again from the stored text (verify-stored-text.ts).
// Reports each phase's time and this process's peak RSS.
// Usage: node tools/scripts/run-ts.js tools/bench/replay.ts --log FILE
import { ConsoleLogger, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { dirname } from 'node:path';
import { loadOrCreateDevIssuerKeys, TokenVerifier } from '@bj/auth';
import { SqliteEventStore, verifyHashChain, GENESIS_HASH } from '@bj/event-store';
import { DeclarationServiceModule } from '@bj/declaration-service';
import { ReviewServiceModule } from '@bj/review-service';
import { CertificationServiceModule } from '@bj/certification-service';
import { loadConfig, ManualClock, ProjectionHost, ServiceKitModule } from '@bj/service-kit';
import { option, peakRssMiB, report } from './support';
import { verifyStoredText } from './verify-stored-text';

const VERIFY_BATCH = 10_000;

/** Counts the projections' failures (ProjectionHost logs each and carries on). */
class CountingLogger extends ConsoleLogger {
  static failures = 0;
  override error(message: unknown, ...rest: unknown[]): void {
    CountingLogger.failures++;
    if (CountingLogger.failures <= 3) super.error(message, ...(rest as []));
  }
}

async function main() {
  const log = option('log', 'tmp/bench/replay/events.sqlite');
  const started = performance.now();
  const store = new SqliteEventStore(log);
  const head = await store.headPosition();
  if (head === 0) throw new Error(`${log} holds no events: run replay-generate.ts first`);
  const config = loadConfig({ DATA_DIR: dirname(log), PORT: '0', AUTH_DEV_TOKENS: 'true' });
  const verifier = await TokenVerifier.fromPem((await loadOrCreateDevIssuerKeys(config.dataDir)).publicPem);
  const clock = new ManualClock('2026-12-31T01:00:00Z');

  @Module({
    imports: [
      ServiceKitModule.forRoot({ config, store, verifier, clock, reactionsFrom: 'external' }),
      DeclarationServiceModule,
      ReviewServiceModule,
      CertificationServiceModule,
    ],
  })
  class ReplayModule {}

  const bootStarted = performance.now();
  const app = await NestFactory.createApplicationContext(ReplayModule, { logger: new CountingLogger('Replay', { logLevels: ['error'] }) });
  Logger.overrideLogger(new CountingLogger('Replay', { logLevels: ['error'] }));
  await app.init(); // onApplicationBootstrap: ProjectionHost.start() replays the whole log
  const projectionSeconds = (performance.now() - bootStarted) / 1000;
  const host = app.get(ProjectionHost);
  if (host.handledPosition !== head) throw new Error(`projections stopped at ${host.handledPosition} of ${head}`);
  const projections = (host as unknown as { projections: { name: string }[] }).projections.map((p) => p.name);
  const rssAfterProjections = peakRssMiB();

  const verifyStarted = performance.now();
  let after = 0;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await store.readAll({ after, limit: VERIFY_BATCH });
    if (batch.length === 0) break;
    const broken = verifyHashChain(batch, prevHash);
    if (broken) throw new Error(`hash chain broken at ${broken.globalPosition}: ${broken.reason}`);
    prevHash = batch[batch.length - 1].hash;
    after = batch[batch.length - 1].globalPosition;
  }
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  await app.close();
  await store.close();
  const textStarted = performance.now();
  const fromText = verifyStoredText(log);
  if (fromText.broken !== null || fromText.events !== head) throw new Error(`the stored-text verification disagrees: broken at ${fromText.broken}, ${fromText.events} events`);
  const verifyStoredTextSeconds = (performance.now() - textStarted) / 1000;
  report({
    events: head,
    projections,
    projectionFailures: CountingLogger.failures,
    projectionSeconds,
    verifySeconds,
    verifyStoredTextSeconds,
    totalSeconds: (performance.now() - started) / 1000,
    replayAndVerifySeconds: projectionSeconds + verifySeconds,
    rssAfterProjectionsMiB: rssAfterProjections,
    peakRssMiB: peakRssMiB(),
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
