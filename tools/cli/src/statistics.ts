// npm run -s statistics -- --year 2026 [--data-dir DIR] [--format json|csv|xlsx|pdf] [--out FILE]
//   [--level L] [--direction D] [--employer-kind K]
// The year's statistics rebuilt from the SQLite event log alone (DATA_DIR/events.sqlite, read
// from the first event), without the services: JSON or CSV to stdout, XLSX or PDF to a file.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDomainError, parseYear } from '@bj/kernel';
import { SqliteEventStore } from '@bj/event-store';
import { annualStatistics, emptyStatisticsLedger, parseStatisticsFilter, recordEvent, yearsIn } from '@bj/statistics-domain';
import { statisticsCsv, statisticsPdf, statisticsXlsx } from '@bj/statistics-service';

const USAGE = 'usage: npm run -s statistics -- --year YYYY [--data-dir DIR] [--format json|csv|xlsx|pdf] [--out FILE] [--level L] [--direction D] [--employer-kind K]';
const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const OPTIONS = ['--year', '--data-dir', '--format', '--out', '--level', '--direction', '--employer-kind'];
const BATCH = 5000;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`The annual statistics rebuilt from the event log.\n${USAGE}\n`);
      process.exit(0);
    }
    if (!OPTIONS.includes(flag) || argv[i + 1] === undefined) fail(`Unknown or incomplete option: ${flag}`);
    options[flag.slice(2)] = argv[++i];
  }
  return options;
}

async function main(argv: string[]) {
  const options = parse(argv);
  if (options['year'] === undefined) fail('--year is required');
  const year = parseYear(options['year'], '--year');
  const format = (options['format'] ?? 'json') as Format;
  if (!FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(options['format'])}`);
  if ((format === 'xlsx' || format === 'pdf') && !options['out']) fail(`--out FILE is required for --format ${format}`);
  const filter = parseStatisticsFilter({ level: options['level'], direction: options['direction'], employerKind: options['employer-kind'] });

  const dataDir = resolve(options['data-dir'] ?? process.env['DATA_DIR'] ?? 'data');
  const file = join(dataDir, 'events.sqlite');
  if (!existsSync(file)) fail(`--data-dir: no event log at ${file}`);
  const store = new SqliteEventStore(file);
  const ledger = emptyStatisticsLedger();
  let last = '';
  try {
    for (let after = 0; ; ) {
      const batch = await store.readAll({ after, limit: BATCH });
      for (const event of batch) {
        recordEvent(ledger, event);
        last = event.metadata.occurredAt;
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].globalPosition;
    }
  } finally {
    await store.close();
  }
  const years = yearsIn(ledger);
  if (!years.includes(year)) fail(`--year: the log at ${file} has no application of ${year}${years.length ? ` (it has ${years.join(', ')})` : ''}`);
  const stats = annualStatistics(ledger, year, filter);

  let body: string | Buffer;
  if (format === 'json') body = `${JSON.stringify(stats, null, 2)}\n`;
  else if (format === 'csv') body = statisticsCsv(stats);
  else if (format === 'xlsx') body = await statisticsXlsx(stats);
  else body = await statisticsPdf(stats, { generatedAt: last || undefined });

  if (options['out']) {
    writeFileSync(resolve(options['out']), body);
    process.stderr.write(`${year}: ${stats.totals.declared} declared, ${stats.totals.certified} certified (from ${stats.asOfPosition} events) → ${resolve(options['out'])}\n`);
  } else {
    process.stdout.write(body);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (isDomainError(e)) fail(`${e.message}${e.problems.length ? `: ${e.problems.map((p) => `${p.path} ${p.message}`).join('; ')}` : ''}`);
  fail(`Could not build the statistics: ${e instanceof Error ? e.message : String(e)}`);
});
