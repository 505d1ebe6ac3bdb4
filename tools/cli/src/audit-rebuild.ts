// The projections the services register, in a Nest application context that is created but not
// started (so they are empty and nothing is written): the same modules as the embedded app.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@bj/auth';
import type { EventStore } from '@bj/event-store';
import { projectionsOf } from '@bj/audit-service';
import { DeclarationServiceModule } from '@bj/declaration-service';
import { ReviewServiceModule } from '@bj/review-service';
import { CertificationServiceModule } from '@bj/certification-service';
import { StatisticsServiceModule } from '@bj/statistics-service';
import { loadConfig, ServiceKitModule, type Projection } from '@bj/service-kit';

/** The service modules whose projections are rebuilt (those of apps/embedded). */
const SERVICE_MODULES = [DeclarationServiceModule, ReviewServiceModule, CertificationServiceModule, StatisticsServiceModule];

export interface ProjectionContext {
  readonly projections: Projection[];
  close(): Promise<void>;
}

export async function createProjectionContext(store: EventStore): Promise<ProjectionContext> {
  // A scratch data dir and an unused token key: the context serves no request and keeps no file.
  const scratch = mkdtempSync(join(tmpdir(), 'bj-audit-rebuild-'));
  const { publicKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const config = loadConfig({ DATA_DIR: scratch, AUTH_DEV_TOKENS: 'false', AUTH_PUBLIC_KEY: publicPem, PORT: '0' });
  const verifier = await TokenVerifier.fromPem(publicPem);

  @Module({ imports: [ServiceKitModule.forRoot({ config, store, verifier }), ...SERVICE_MODULES] })
  class RebuildModule {}

  // NestFactory.create (unlike createApplicationContext) does not initialise: no projection host, no reaction runs.
  const app = await NestFactory.create(RebuildModule, { logger: ['error'], abortOnError: false });
  return {
    projections: projectionsOf(app),
    close: async () => {
      // Not initialised, so no lifecycle hook ran; close releases the container only.
      await app.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** A one-line progress bar: [#####.....] 45% 1234/2741 events · 5120 ev/s */
export function progressBar(done: number, total: number, eventsPerSecond: number, width = 30): string {
  const ratio = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} events · ${eventsPerSecond} ev/s`;
}
