import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateIssuerKeyPair } from './token-issuer';

/**
 * The embedded mode's own token key pair, kept in the data directory so that tokens made by
 * `npm run tokens` are accepted by `npm start`. Created on first use.
 */
export async function loadOrCreateDevIssuerKeys(dataDir: string): Promise<{ privatePem: string; publicPem: string }> {
  const privatePath = join(dataDir, 'dev-token-issuer.key.pem');
  const publicPath = join(dataDir, 'dev-token-issuer.pub.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privatePem: readFileSync(privatePath, 'utf8'), publicPem: readFileSync(publicPath, 'utf8') };
  }
  mkdirSync(dataDir, { recursive: true });
  const pair = await generateIssuerKeyPair();
  writeFileSync(privatePath, pair.privatePem, { mode: 0o600 });
  writeFileSync(publicPath, pair.publicPem);
  return pair;
}
