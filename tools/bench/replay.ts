// Child of `npm run bench`: the full replay of a log, as an audit or a restart does it, on two
// cores at once:
//  - here, boots the services of the embedded mode (declaration, review, certification and
//    statistics) on the log, reactions off: their ProjectionHost rebuilds every projection they
//    register from the first event, as `npm start` does;
//  - meanwhile, in a second process (replay-verify.ts), the auditor's verification of the whole
//    log (hash chain, positions, stream versions, event ids).
// Reports each one's time, the wall time of both, and the peak RSS of each process and their sum.
// Usage: node tools/scripts/run-ts.js tools/bench/replay.ts --log FILE
import { ConsoleLogger, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { dirname } from 'node:path';
import { loadOrCreateDevIssuerKeys, TokenVerifier } from '@bj/auth';
import { SqliteEventStore } from '@bj/event-store';
import { DeclarationServiceModule } from '@bj/declaration-service';
import { ReviewServiceModule } from '@bj/review-service';
import { CertificationServiceModule } from '@bj/certification-service';
import { StatisticsServiceModule } from '@bj/statistics-service';
import { loadConfig, ManualClock, ProjectionHost, ServiceKitModule } from '@bj/service-kit';
import { AUDIT_NODE_FLAGS, option, peakRssMiB, report, runChild } from './support';

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
      StatisticsServiceModule,
    ],
  })
  class ReplayModule {}

  const bootStarted = performance.now();
  const verification = runChild<{ seconds: number; eventsChecked: number; peakRssMiB: number }>('tools/bench/replay-verify.ts', ['--log', log], [], AUDIT_NODE_FLAGS);
  const app = await NestFactory.createApplicationContext(ReplayModule, { logger: new CountingLogger('Replay', { logLevels: ['error'] }) });
  Logger.overrideLogger(new CountingLogger('Replay', { logLevels: ['error'] }));
  await app.init(); // onApplicationBootstrap: ProjectionHost.start() replays the whole log
  const projectionSeconds = (performance.now() - bootStarted) / 1000;
  const host = app.get(ProjectionHost);
  if (host.handledPosition !== head) throw new Error(`projections stopped at ${host.handledPosition} of ${head}`);
  const projections = host.projections.map((p) => p.name);
  const rssAfterProjections = peakRssMiB();
  // what the read models hold, after a full collection (node --expose-gc), apart from V8's slack
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapMiB = process.memoryUsage().heapUsed / 1024 / 1024;

  await app.close();
  await store.close();
  const verified = await verification;
  if (verified.eventsChecked !== head) throw new Error(`the verification checked ${verified.eventsChecked} events of ${head}`);
  const wallSeconds = (performance.now() - bootStarted) / 1000;
  report({
    events: head,
    projections,
    projectionFailures: CountingLogger.failures,
    projectionSeconds,
    verifySeconds: verified.seconds,
    /** Both at once, from the start of the rebuild to the end of the later of the two. */
    replayAndVerifySeconds: wallSeconds,
    totalSeconds: (performance.now() - started) / 1000,
    rssAfterProjectionsMiB: rssAfterProjections,
    liveHeapMiB,
    projectionPeakRssMiB: peakRssMiB(),
    verifyPeakRssMiB: verified.peakRssMiB,
    /** The two processes' peaks added: an upper bound of the memory the replay needs. */
    peakRssMiB: peakRssMiB() + verified.peakRssMiB,
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
