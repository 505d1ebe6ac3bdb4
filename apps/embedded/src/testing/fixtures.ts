import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEMO_USERS } from '@bj/auth';
import type { Role } from '@bj/kernel';
import { ManualClock, loadConfig } from '@bj/service-kit';
import { createEmbeddedApp, type EmbeddedApp } from '../create-embedded-app';

export { engineerDeclaration, sessionDefinition, ZHIYUAN_CREDIT_CODE } from '@bj/test-fixtures';

export interface TestSystem extends EmbeddedApp {
  readonly clock: ManualClock;
  readonly http: () => ReturnType<typeof request>;
  tokenOf(userId: string): string;
  tokenFor(role: Role): string;
  eventCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startTestSystem(startAt = '2026-06-15T02:00:00Z'): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bj-e2e-'));
  const clock = new ManualClock(startAt);
  // the render workers may be set from outside (the certificate benchmark compares them)
  const workers = process.env['CERTIFICATE_RENDER_WORKERS'];
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ...(workers === undefined ? {} : { CERTIFICATE_RENDER_WORKERS: workers }) });
  const system = await createEmbeddedApp({ config, clock, logger: false });
  await system.app.init();
  const tokens = new Map<string, string>();
  const issuer = system.issuer ?? fail('the test system mints demo tokens: AUTH_DEV_TOKENS must be true');
  for (const user of DEMO_USERS) tokens.set(user.id, await issuer.issue(user));
  const app: INestApplication = system.app;
  return {
    ...system,
    clock,
    http: () => request(app.getHttpServer()),
    tokenOf: (id) => tokens.get(id) ?? fail(`no demo user ${id}`),
    tokenFor: (role) => tokens.get(DEMO_USERS.find((u) => u.role === role)?.id ?? '') ?? fail(`no demo user with role ${role}`),
    eventCount: () => system.store.headPosition(),
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}
