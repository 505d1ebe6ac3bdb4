import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { beijingDate } from '@bj/kernel';
import { CertificateSigner } from '@bj/documents';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@bj/service-kit';

export const CERTIFICATE_SIGNER = Symbol('CERTIFICATE_SIGNER');

/** The environment variables that hold the production key ring (read by CertificateSigner.fromEnv). */
export const SIGNING_KEYS_ENV = ['BJ_CERT_SIGNING_KEYS_DIR', 'BJ_CERT_SIGNING_KEYS'] as const;

/**
 * The issuer's Ed25519 key ring (@bj/documents CertificateSigner). Production: from
 * `BJ_CERT_SIGNING_KEYS_DIR` (a key ring folder) or `BJ_CERT_SIGNING_KEYS` (JSON, PEMs inline).
 * Embedded (neither set): the folder `<DATA_DIR>/certificate-keys`, its first key generated on
 * first use, valid from that day.
 */
export async function openCertificateSigner(dataDir: string, env: NodeJS.ProcessEnv, today: string): Promise<CertificateSigner> {
  if (SIGNING_KEYS_ENV.some((name) => env[name])) return CertificateSigner.fromEnv(env);
  const dir = join(dataDir, 'certificate-keys');
  if (existsSync(join(dir, 'keyring.json'))) return CertificateSigner.fromDirectory(dir);
  const signer = await CertificateSigner.generate({ notBefore: today });
  await signer.saveToDirectory(dir);
  return signer;
}

export const certificateSignerProvider: Provider = {
  provide: CERTIFICATE_SIGNER,
  inject: [APP_CONFIG, CLOCK],
  useFactory: (config: AppConfig, clock: Clock) => openCertificateSigner(config.dataDir, process.env, beijingDate(clock.now())),
};
