// npm run -s tokens -- [--role ROLE] [--user ID] [--centre CENTRE] [--data-dir DIR] [--ttl-hours N]
// Prints bearer tokens for the embedded mode's demo users, signed with the key pair that
// `npm start` uses (DATA_DIR/dev-token-issuer.*.pem, created on first use). --role with --user
// of someone who is not a demo user mints that person's token (an expert of a session that
// `npm run demo` left, `--role EXPERT --user expert-01`); a centre's staff or committee member
// needs --centre.
import { resolve } from 'node:path';
import { DEMO_USERS, loadOrCreateDevIssuerKeys, TokenIssuer } from '@bj/auth';
import { Centres, isRole, Roles, type Actor } from '@bj/kernel';

function fail(message: string): never {
  process.stderr.write(`${message}\nusage: npm run -s tokens -- [--role ${Roles.join('|')}] [--user ID] [--centre ${Centres.values.join('|')}] [--data-dir DIR] [--ttl-hours N]\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') fail('Bearer tokens for the demo users of the embedded mode.');
    if (!['--role', '--user', '--centre', '--data-dir', '--ttl-hours'].includes(flag) || argv[i + 1] === undefined) fail(`Unknown or incomplete option: ${flag}`);
    options[flag.slice(2)] = argv[++i];
  }
  if (options['role'] !== undefined && !isRole(options['role'])) fail(`--role must be one of ${Roles.join(', ')}`);
  const ttlHours = Number(options['ttl-hours'] ?? 12);
  if (!(ttlHours > 0)) fail('--ttl-hours must be a positive number');
  const centre = options['centre'];
  if (centre !== undefined && !Centres.is(centre)) fail(`--centre must be one of ${Centres.values.join(', ')}`);
  const demoUsers = DEMO_USERS.filter((u) => (!options['role'] || u.role === options['role']) && (!options['user'] || u.id === options['user']) && (!centre || u.centre === centre));
  const users: readonly Actor[] = demoUsers.length > 0 ? demoUsers : someoneElse(options['user'], options['role'], centre);
  if (users.length === 0) fail(`No demo user matches; the users are: ${DEMO_USERS.map((u) => `${u.id} (${u.role})`).join(', ')}; or give --role and --user of someone else`);
  const keys = await loadOrCreateDevIssuerKeys(resolve(options['data-dir'] ?? process.env['DATA_DIR'] ?? 'data'));
  const issuer = await TokenIssuer.fromPem(keys.privatePem);
  const out = await Promise.all(users.map(async (u) => ({ ...u, token: await issuer.issue(u, ttlHours * 3600) })));
  process.stdout.write(`${JSON.stringify(users.length === 1 && (options['user'] || options['role']) ? out[0] : out, null, 2)}\n`);
}

/** The person --user and --role name, when both are given and no demo user is that person; a centre's roles need their centre. */
function someoneElse(id: string | undefined, role: string | undefined, centre: string | undefined): Actor[] {
  if (id === undefined || role === undefined || !isRole(role) || id.trim() === '') return [];
  if ((role === 'CENTRE_STAFF' || role === 'COMMITTEE_MEMBER') && centre === undefined) fail(`--role ${role} needs --centre (${Centres.values.join(' or ')})`);
  return [{ id, role, ...(centre === undefined ? {} : { centre }) }];
}

main(process.argv.slice(2)).catch((e: unknown) => fail(`Could not make tokens: ${e instanceof Error ? e.message : String(e)}`));
