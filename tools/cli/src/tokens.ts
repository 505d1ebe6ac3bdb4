// npm run -s tokens -- [--role ROLE] [--user ID] [--data-dir DIR] [--ttl-hours N]
// Prints bearer tokens for the embedded mode's demo users, signed with the key pair that
// `npm start` uses (DATA_DIR/dev-token-issuer.*.pem, created on first use).
import { resolve } from 'node:path';
import { DEMO_USERS, loadOrCreateDevIssuerKeys, TokenIssuer } from '@bj/auth';
import { isRole, Roles } from '@bj/kernel';

function fail(message: string): never {
  process.stderr.write(`${message}\nusage: npm run -s tokens -- [--role ${Roles.join('|')}] [--user ID] [--data-dir DIR] [--ttl-hours N]\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') fail('Bearer tokens for the demo users of the embedded mode.');
    if (!['--role', '--user', '--data-dir', '--ttl-hours'].includes(flag) || argv[i + 1] === undefined) fail(`Unknown or incomplete option: ${flag}`);
    options[flag.slice(2)] = argv[++i];
  }
  if (options['role'] !== undefined && !isRole(options['role'])) fail(`--role must be one of ${Roles.join(', ')}`);
  const ttlHours = Number(options['ttl-hours'] ?? 12);
  if (!(ttlHours > 0)) fail('--ttl-hours must be a positive number');
  const users = DEMO_USERS.filter((u) => (!options['role'] || u.role === options['role']) && (!options['user'] || u.id === options['user']));
  if (users.length === 0) fail(`No demo user matches; the users are: ${DEMO_USERS.map((u) => `${u.id} (${u.role})`).join(', ')}`);
  const keys = await loadOrCreateDevIssuerKeys(resolve(options['data-dir'] ?? process.env['DATA_DIR'] ?? 'data'));
  const issuer = await TokenIssuer.fromPem(keys.privatePem);
  const out = await Promise.all(users.map(async (u) => ({ ...u, token: await issuer.issue(u, ttlHours * 3600) })));
  process.stdout.write(`${JSON.stringify(users.length === 1 && (options['user'] || options['role']) ? out[0] : out, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => fail(`Could not make tokens: ${e instanceof Error ? e.message : String(e)}`));
