import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Configuration from environment variables (listed in the README). */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'postgres';
  readonly databaseUrl: string;
  readonly databaseSchema: string;
  /** Embedded mode creates its own token key pair and serves demo tokens; distributed mode needs AUTH_PUBLIC_KEY. */
  readonly devTokens: boolean;
  readonly authPublicKeyPem?: string;
  readonly publicBaseUrl: string;
  /** Worker threads that render certificate PDFs (0: on the main thread). */
  readonly certificateRenderWorkers?: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<AppConfig> = {}): AppConfig {
  const port = Number(env['PORT'] ?? defaults.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env['PORT']}"`);
  const eventStore = (env['EVENT_STORE'] ?? defaults.eventStore ?? 'sqlite') as AppConfig['eventStore'];
  if (eventStore !== 'sqlite' && eventStore !== 'postgres') throw new ConfigError(`EVENT_STORE must be "sqlite" or "postgres", got "${eventStore}"`);
  const devTokensEnv = env['AUTH_DEV_TOKENS'];
  const devTokens = devTokensEnv === undefined ? (defaults.devTokens ?? true) : devTokensEnv === 'true';
  const authPublicKeyPem = env['AUTH_PUBLIC_KEY']?.replace(/\\n/g, '\n');
  const workersEnv = env['CERTIFICATE_RENDER_WORKERS'];
  const certificateRenderWorkers = workersEnv === undefined ? (defaults.certificateRenderWorkers ?? Math.min(4, availableParallelism())) : Number(workersEnv);
  if (!Number.isInteger(certificateRenderWorkers) || certificateRenderWorkers < 0 || certificateRenderWorkers > 64) {
    throw new ConfigError(`CERTIFICATE_RENDER_WORKERS must be a whole number from 0 to 64, got "${workersEnv}"`);
  }
  if (!devTokens && !authPublicKeyPem) throw new ConfigError('AUTH_PUBLIC_KEY (the token issuer\'s Ed25519 public key, PEM) is required when AUTH_DEV_TOKENS is not "true"');
  return {
    port,
    dataDir: resolve(env['DATA_DIR'] ?? defaults.dataDir ?? 'data'),
    eventStore,
    databaseUrl: env['DATABASE_URL'] ?? defaults.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test',
    databaseSchema: env['DATABASE_SCHEMA'] ?? defaults.databaseSchema ?? 'event_store',
    devTokens,
    authPublicKeyPem,
    publicBaseUrl: env['PUBLIC_BASE_URL'] ?? defaults.publicBaseUrl ?? `http://localhost:${port}`,
    certificateRenderWorkers,
  };
}
