// npm run -s audit -- <command> [options]: the auditors' tools (see audit-cli.ts, docs/audit.md).
import { lowerPriorityForVerification } from '@bj/audit-service';
import { runAuditCli } from './audit-cli';

runAuditCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  now: () => new Date().toISOString(),
  interactive: process.stderr.isTTY === true,
  lowerPriority: () => void lowerPriorityForVerification(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
