// Child of the replay benchmark: the auditor's verification of the whole log, exactly as
// `npm run audit -- verify` runs it (the audit service's verifyLog: the hash chain from the stored
// text, positions, stream versions, unique event ids), in its own process so that it runs on the
// second core while the projections are rebuilt, at the CLI's default low priority (niceness 10).
// Reports its time and its own peak RSS.
// Usage: node tools/scripts/run-ts.js tools/bench/replay-verify.ts --log FILE
import { dirname } from 'node:path';
import { lowerPriorityForVerification, openConfiguredLogSource, verifyLog } from '@bj/audit-service';
import { option, peakRssMiB, report } from './support';

async function main() {
  const log = option('log', 'tmp/bench/replay/events.sqlite');
  lowerPriorityForVerification(); // as `npm run audit -- verify` does unless --priority normal
  const started = performance.now();
  const source = await openConfiguredLogSource({ eventStore: 'sqlite', dataDir: dirname(log), databaseUrl: '', databaseSchema: '' });
  try {
    const result = await verifyLog(source);
    if (!result.intact) throw new Error(`the log does not verify: ${result.breaksTotal} breaks, first ${JSON.stringify(result.breaks[0])}`);
    report({ seconds: (performance.now() - started) / 1000, eventsChecked: result.eventsChecked, streamsChecked: result.streamsChecked, peakRssMiB: peakRssMiB() });
  } finally {
    await source.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
