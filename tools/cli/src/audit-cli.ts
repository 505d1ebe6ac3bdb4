// npm run -s audit -- <command> [options]; see USAGE and docs/audit.md.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isDomainError, parseYear } from '@bj/kernel';
import { loadOfficialCalendar } from '@bj/calendar-tables';
import { parseAsOf, parseStateTarget, trailToCsv, type SessionAuditReport } from '@bj/audit-domain';
import {
  applicationTrailOf,
  auditSessionOf,
  AuditSourceError,
  CheckpointError,
  generateCheckpointKeyPair,
  LogBreakKinds,
  pointInTimeState,
  PostgresAuditLogSource,
  readCheckpointFile,
  readOnlyEventStore,
  readPrivateKeyFile,
  rebuildProjections,
  signCheckpoint,
  SqliteAuditLogSource,
  verifyLog,
  writeCheckpointFile,
  writeKeyPair,
  type AuditLogSource,
  type VerificationReport,
} from '@bj/audit-service';
import { createProjectionContext, progressBar } from './audit-rebuild';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
/** The audit found a problem: the log was tampered with, a checkpoint is not extended, the session breached a rule. */
export const EXIT_AUDIT_FAILED = 3;
/** Nothing is recorded for the declaration, application, session or certificate asked for. */
export const EXIT_NOT_FOUND = 4;

export const USAGE = `Usage: npm run -s audit -- <command> [options]

Where the log is (every command but keygen):
  --data-dir DIR              the embedded store DIR/events.sqlite (default: $DATA_DIR or ./data)
  --postgres URL --schema S   the PostgreSQL store in schema S

Commands:
  verify [--since-checkpoint FILE [--public-key PEM_FILE]] [--format json|text] [--priority low|normal]
        walk the whole log and prove it untouched; with a checkpoint, that it still extends it
  keygen --out KEY.pem        create an Ed25519 key pair (KEY.pem, KEY.pub.pem) for checkpoints
  checkpoint --key KEY.pem --out FILE [--priority low|normal]
        verify the log, then sign {position, headHash, time} of its head into FILE
        (both walks run at a low CPU priority, niceness 10, unless --priority normal: the
        services on the same host keep the CPU they ask for)
  state --as-of <ISO time | position> (--declaration ID | --application ID | --session YEAR | --certificate NUMBER)
        the state rebuilt from the events recorded up to that moment
  trail --application ID [--format json|csv]
        who did what, when, in which role, with the reasons (ballots only as counts)
  session --year YEAR [--format json|text]
        re-check the session's rules from its events
  rebuild
        rebuild every projection from the log (progress on stderr)

Exit: 0 ok · 2 bad usage · 3 audit failed (tampered, checkpoint not extended, session breach) · 4 not found · 1 internal error
`;

export interface AuditIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** The signing time of a checkpoint. */
  readonly now: () => string;
  /** Whether stderr is a terminal (the progress bar redraws in place). */
  readonly interactive?: boolean;
  /** Lowers the process's CPU priority before a walk of the whole log (verify, checkpoint), unless --priority normal. */
  readonly lowerPriority?: () => void;
}

class UsageError extends Error {}

const OPTIONS = {
  'data-dir': { type: 'string' },
  postgres: { type: 'string' },
  schema: { type: 'string' },
  'since-checkpoint': { type: 'string' },
  'public-key': { type: 'string' },
  key: { type: 'string' },
  out: { type: 'string' },
  'as-of': { type: 'string' },
  declaration: { type: 'string' },
  application: { type: 'string' },
  session: { type: 'string' },
  certificate: { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string' },
  priority: { type: 'string' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parse>['values'];
function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
}

const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  verify: ['data-dir', 'postgres', 'schema', 'since-checkpoint', 'public-key', 'format', 'priority'],
  keygen: ['out'],
  checkpoint: ['data-dir', 'postgres', 'schema', 'key', 'out', 'priority'],
  state: ['data-dir', 'postgres', 'schema', 'as-of', 'declaration', 'application', 'session', 'certificate'],
  trail: ['data-dir', 'postgres', 'schema', 'application', 'format'],
  session: ['data-dir', 'postgres', 'schema', 'year', 'format'],
  rebuild: ['data-dir', 'postgres', 'schema'],
};

function requireOption(values: Values, name: keyof typeof OPTIONS, why: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required: ${why}`);
  return value;
}

function formatOf(values: Values, allowed: readonly string[]): string {
  const format = (values.format as string | undefined) ?? allowed[0];
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${allowed.join(' or ')}, got "${format}"`);
  return format;
}

async function openSource(values: Values, env: NodeJS.ProcessEnv): Promise<AuditLogSource> {
  if (values.postgres !== undefined || values.schema !== undefined) {
    if (values['data-dir'] !== undefined) throw new UsageError('give either --data-dir or --postgres with --schema, not both');
    const url = requireOption(values, 'postgres', 'the PostgreSQL connection URL, with --schema');
    const schema = requireOption(values, 'schema', 'the schema of the PostgreSQL event store');
    return PostgresAuditLogSource.open({ connectionString: url, schema });
  }
  const dir = resolve((values['data-dir'] as string | undefined) ?? env['DATA_DIR'] ?? 'data');
  return new SqliteAuditLogSource(join(dir, 'events.sqlite'));
}

function verificationText(report: VerificationReport): string {
  const lines = [
    `${report.intact ? 'INTACT' : 'TAMPERED'}  ${report.source}`,
    `  ${report.eventsChecked} events in ${report.streamsChecked} streams; head position ${report.headPosition}, hash ${report.headHash}`,
  ];
  if (report.checkpoint) lines.push(`  checkpoint at position ${report.checkpoint.position}: ${report.checkpoint.extended ? 'the log still extends it' : 'NOT extended'}`);
  if (!report.intact) {
    lines.push(`  ${report.breaksTotal} break(s): ${Object.entries(report.breaksByKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const b of report.breaks) {
      lines.push(`  - ${b.kind} at position ${b.globalPosition ?? '—'}${b.eventId ? `, event ${b.eventId}` : ''}${b.streamId ? `, stream ${b.streamId}${b.streamVersion ? ` v${b.streamVersion}` : ''}` : ''}: ${b.explanation}`);
    }
    if (report.breaks.length < report.breaksTotal) lines.push(`  … and ${report.breaksTotal - report.breaks.length} more`);
    lines.push('', 'Kinds:', ...Object.keys(report.breaksByKind).map((k) => `  ${k}: ${LogBreakKinds[k as keyof typeof LogBreakKinds]}`));
  }
  return `${lines.join('\n')}\n`;
}

function sessionText(report: SessionAuditReport): string {
  const lines = [`Session ${report.year}: ${report.passed ? 'PASSED' : 'FAILED'} (${report.eventsExamined} events examined${report.sessionFound ? '' : '; no SessionOpened found'})`, ''];
  for (const c of report.checks) lines.push(`  ${c.breaches === 0 ? 'ok  ' : 'FAIL'} ${c.rule.padEnd(24)} ${String(c.checked).padStart(5)} checked, ${c.breaches} breach(es) — ${c.description}`);
  if (report.breaches.length > 0) {
    lines.push('', 'Breaches:');
    for (const b of report.breaches) lines.push(`  - ${b.rule}/${b.code} at position ${b.globalPosition} (${b.streamId}, event ${b.eventId}): ${b.explanation}`);
  }
  return `${lines.join('\n')}\n`;
}

async function run(argv: readonly string[], io: AuditIo): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.stdout(USAGE);
    return values.help ? EXIT_OK : EXIT_USAGE;
  }
  const [command, ...extra] = positionals;
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`unknown command "${command}" (verify, keygen, checkpoint, state, trail, session, rebuild)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  for (const name of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (name !== 'help' && !allowed.includes(name)) throw new UsageError(`--${name} does not apply to ${command}`);
  }

  if (command === 'keygen') {
    const out = resolve(requireOption(values, 'out', 'the file of the new private key (PEM)'));
    const files = writeKeyPair(out, generateCheckpointKeyPair());
    io.stdout(`${JSON.stringify(files, null, 2)}\n`);
    return EXIT_OK;
  }

  // Check the arguments before opening the log.
  const format = command === 'trail' ? formatOf(values, ['json', 'csv']) : command === 'verify' || command === 'session' ? formatOf(values, ['json', 'text']) : 'json';
  let checkpoint;
  if (command === 'verify' && values['since-checkpoint']) {
    const publicKey = values['public-key'] ? readFileSync(requireExisting(values['public-key'] as string, '--public-key'), 'utf8') : undefined;
    checkpoint = readCheckpointFile(resolve(values['since-checkpoint'] as string), publicKey);
    if (!checkpoint.trustedKey) io.stderr('note: the checkpoint signature was checked with the key it carries; pass --public-key to check who signed it\n');
  } else if (values['public-key']) throw new UsageError('--public-key goes with --since-checkpoint');
  let signingKey: string | undefined;
  let out: string | undefined;
  if (command === 'checkpoint') {
    signingKey = readPrivateKeyFile(resolve(requireOption(values, 'key', 'the Ed25519 private key (PEM) that signs the checkpoint')));
    out = resolve(requireOption(values, 'out', 'the checkpoint file to write'));
  }
  const target = command === 'state' ? parseStateTarget({ declaration: values.declaration as string | undefined, application: values.application as string | undefined, session: values.session as string | undefined, certificate: values.certificate as string | undefined }) : null;
  if (target && 'error' in target) throw new UsageError(target.error);
  const asOf = command === 'state' ? parseAsOf(requireOption(values, 'as-of', 'an ISO time or a global position')) : null;
  if (asOf && 'error' in asOf) throw new UsageError(asOf.error);
  const applicationId = command === 'trail' ? requireOption(values, 'application', 'the application id') : null;
  const year = command === 'session' ? parseYear(requireOption(values, 'year', 'the session year'), '--year') : null;

  const priority = values.priority ?? 'low';
  if (priority !== 'low' && priority !== 'normal') throw new UsageError(`--priority: "${priority}" is not one of low, normal`);

  const source = await openSource(values, io.env);
  if ((command === 'verify' || command === 'checkpoint') && priority === 'low') io.lowerPriority?.();
  try {
    switch (command) {
      case 'verify': {
        const report = await verifyLog(source, { checkpoint: checkpoint ? { position: checkpoint.checkpoint.payload.position, headHash: checkpoint.checkpoint.payload.headHash } : undefined });
        io.stdout(format === 'text' ? verificationText(report) : `${JSON.stringify({ ...report, trustedKey: checkpoint?.trustedKey }, null, 2)}\n`);
        return report.intact ? EXIT_OK : EXIT_AUDIT_FAILED;
      }
      case 'checkpoint': {
        const report = await verifyLog(source);
        if (!report.intact) {
          io.stderr(verificationText(report));
          io.stderr('The log is not intact: no checkpoint was signed.\n');
          return EXIT_AUDIT_FAILED;
        }
        const signed = signCheckpoint({ position: report.headPosition, headHash: report.headHash, time: io.now(), log: source.description }, signingKey as string);
        writeCheckpointFile(out as string, signed);
        io.stdout(`${JSON.stringify(signed, null, 2)}\n`);
        return EXIT_OK;
      }
      case 'state': {
        const state = await pointInTimeState(readOnlyEventStore(source), target as Exclude<typeof target, null | { error: string }>, asOf as Exclude<typeof asOf, null | { error: string }>);
        io.stdout(`${JSON.stringify(state, null, 2)}\n`);
        return EXIT_OK;
      }
      case 'trail': {
        const trail = await applicationTrailOf(readOnlyEventStore(source), applicationId as string);
        io.stdout(format === 'csv' ? trailToCsv(trail) : `${JSON.stringify(trail, null, 2)}\n`);
        return EXIT_OK;
      }
      case 'session': {
        const report = await auditSessionOf(readOnlyEventStore(source), year as number, loadOfficialCalendar());
        io.stdout(format === 'text' ? sessionText(report) : `${JSON.stringify(report, null, 2)}\n`);
        return report.passed ? EXIT_OK : EXIT_AUDIT_FAILED;
      }
      case 'rebuild': {
        const store = readOnlyEventStore(source);
        const context = await createProjectionContext(store);
        try {
          io.stderr(`Rebuilding ${context.projections.length} projections: ${context.projections.map((p) => p.name).join(', ')}\n`);
          const report = await rebuildProjections(store, context.projections, {
            onProgress: (p) => {
              const rate = p.elapsedMs > 0 ? Math.round((p.events * 1000) / p.elapsedMs) : p.events;
              io.stderr(`${io.interactive ? '\r' : ''}${progressBar(p.position, p.head, rate)}${io.interactive ? '' : '\n'}`);
            },
          });
          if (io.interactive) io.stderr('\n');
          io.stdout(`${JSON.stringify(report, null, 2)}\n`);
          return report.failures.length === 0 ? EXIT_OK : EXIT_AUDIT_FAILED;
        } finally {
          await context.close();
        }
      }
    }
    throw new UsageError(`unknown command "${command}"`);
  } finally {
    await source.close();
  }
}

function requireExisting(file: string, option: string): string {
  try {
    readFileSync(file);
  } catch {
    throw new UsageError(`${option}: cannot read ${file}`);
  }
  return file;
}

/** Runs one audit command; returns the exit code. Errors are printed without a stack trace. */
export async function runAuditCli(argv: readonly string[], io: AuditIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof CheckpointError || e instanceof AuditSourceError) {
      io.stderr(`error: ${e.message}\n${e instanceof UsageError ? 'Run with --help for the usage.\n' : ''}`);
      return EXIT_USAGE;
    }
    if (isDomainError(e)) {
      io.stderr(`error: ${e.message}${e.problems.length ? `: ${e.problems.map((p) => `${p.path} ${p.message}`).join('; ')}` : ''}\n`);
      return e.kind === 'NOT_FOUND' ? EXIT_NOT_FOUND : EXIT_USAGE;
    }
    io.stderr(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
