// npm run -s eligibility -- [--cutoff YYYY-MM-DD] [--format json|table] FILE...
// The eligibility pre-check (申报条件) of declaration files; see eligibility-cli.ts for the options.
import { readFileSync } from 'node:fs';
import { beijingDate } from '@bj/kernel';
import { runEligibilityCli } from './eligibility-cli';

const EXIT_INTERNAL_ERROR = 1;

try {
  process.exitCode = runEligibilityCli(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    currentYear: () => Number(beijingDate(new Date().toISOString()).slice(0, 4)),
  });
} catch (e) {
  process.stderr.write(`内部错误 internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = EXIT_INTERNAL_ERROR;
}
