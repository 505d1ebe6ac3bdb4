// The eligibility command: argument parsing, reading files, and output. I/O is injected so
// the whole command runs in tests without spawning a process.
import { parseArgs } from 'node:util';
import { evaluateEligibility, validateDeclaration, type EligibilityReport } from '@bj/eligibility';
import { isIsoDate, type Problem } from '@bj/kernel';
import { formatRefusalTable, formatReportTable } from './eligibility-table';

export interface CliIo {
  /** The file's text; throws (with a readable message) when it cannot be read. */
  readonly readFile: (path: string) => string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Today's calendar year (Beijing time), for the default cutoff. */
  readonly currentYear: () => number;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 2;

export const USAGE = `用法 usage: npm run -s eligibility -- [--cutoff YYYY-MM-DD] [--format json|table] FILE...

按《北京市工程技术系列(人工智能)专业技术资格评价基本标准条件》预审申报材料（JSON，declaration.schema.json）。
Pre-checks declarations against the eligibility rules (申报条件) and prints the report.

  --cutoff YYYY-MM-DD   年限计算截止日期 cutoff date (default: 31 December of the current year)
  --format json|table   json (default): one report, or an array in input order for several files
                        table: a readable Chinese summary for people
  -h, --help            show this help

Exit status: 0 every file evaluated (eligible or not); 2 a file refused (invalid, unreadable,
not JSON; its entry is {"file", "errors"}) or a bad option.
`;

export type FileOutcome =
  | { readonly file: string; readonly report: EligibilityReport; readonly text: string }
  | { readonly file: string; readonly errors: readonly Problem[]; readonly text: string };

type Options = { cutoff: string; format: 'json' | 'table'; files: string[] } | { help: true } | { error: string };

function parseOptions(args: readonly string[], currentYear: number): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { cutoff: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const cutoff = values.cutoff ?? `${currentYear}-12-31`;
  if (!isIsoDate(cutoff)) return { error: `--cutoff ${cutoff} 不是真实存在的日期，应为 YYYY-MM-DD (not a calendar date)` };
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'table') return { error: `--format ${format} 无效，应为 json 或 table (must be json or table)` };
  if (positionals.length === 0) return { error: '缺少申报材料文件 (no FILE given)' };
  return { cutoff, format, files: positionals };
}

function readDeclaration(file: string, io: CliIo): { input: unknown } | { errors: Problem[] } {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { errors: [{ path: '', message: `无法读取文件 (cannot read the file): ${reason}` }] };
  }
  try {
    return { input: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { errors: [{ path: '', message: `不是有效的 JSON (not valid JSON): ${reason}` }] };
  }
}

/** Validates and evaluates one file; a refusal is an outcome, never an exception. */
export function checkFile(file: string, cutoff: string, io: CliIo): FileOutcome {
  const read = readDeclaration(file, io);
  const validation = 'input' in read ? validateDeclaration(read.input) : { ok: false as const, problems: read.errors };
  if (!validation.ok) {
    return { file, errors: validation.problems, text: formatRefusalTable(file, validation.problems) };
  }
  const report = evaluateEligibility(validation.declaration, cutoff);
  return { file, report, text: formatReportTable(file, validation.declaration, report) };
}

/** Runs the command; returns the exit status. */
export function runEligibilityCli(args: readonly string[], io: CliIo): number {
  const options = parseOptions(args, io.currentYear());
  if ('help' in options) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if ('error' in options) {
    io.stderr(`错误 error: ${options.error}\n\n${USAGE}`);
    return EXIT_REFUSED;
  }
  const outcomes = options.files.map((file) => checkFile(file, options.cutoff, io));
  if (options.format === 'table') {
    io.stdout(`${outcomes.map((o) => o.text).join('\n\n')}\n`);
  } else {
    const entries = outcomes.map((o) => ('report' in o ? o.report : { file: o.file, errors: o.errors }));
    io.stdout(`${JSON.stringify(entries.length === 1 ? entries[0] : entries, null, 2)}\n`);
  }
  return outcomes.every((o) => 'report' in o) ? EXIT_OK : EXIT_REFUSED;
}
