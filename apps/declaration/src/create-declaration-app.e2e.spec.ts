import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { InProcessBus } from '@bj/messaging';
import type { DistributedServiceApp } from '@bj/service-kit';
import { createDeclarationApp, loadDeclarationConfig } from './create-declaration-app';

// The declaration service's composition root in process (SQLite, in-process bus). Over the real broker
// and PostgreSQL, as a separate process: apps/review/src/distributed.int.spec.ts.
describe('createDeclarationApp', () => {
  let dir: string;
  let service: DistributedServiceApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-declaration-app-'));
    const { config, distributed } = loadDeclarationConfig({ PORT: '0', EVENT_STORE: 'sqlite', DATA_DIR: dir, AUTH_DEV_TOKENS: 'true' });
    service = await createDeclarationApp({ config, distributed, bus: new InProcessBus(), logger: false });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to port 3001, PostgreSQL and no dev tokens', () => {
    expect(() => loadDeclarationConfig({})).toThrow(/AUTH_PUBLIC_KEY .* is required/);
    expect(loadDeclarationConfig({ AUTH_PUBLIC_KEY: 'pem' }).config).toMatchObject({ port: 3001, eventStore: 'postgres', devTokens: false });
  });

  it('serves the declaration service alone, with health, messaging status and OpenAPI', async () => {
    const http = request(service.app.getHttpServer());
    expect((await http.get('/health').expect(200)).body.info.services).toEqual({ status: 'up', declaration: true });
    const paths = Object.keys((await http.get('/docs-json').expect(200)).body.paths);
    expect(paths).toContain('/health/messaging');
    expect(paths.some((p) => p.startsWith('/api/v1/sessions'))).toBe(false);
    const messaging = (await http.get('/health/messaging').expect(200)).body;
    expect(messaging).toMatchObject({ service: 'declaration', relay: { checkpointName: 'relay:declaration', consecutiveFailures: 0 }, reactions: { groupId: 'bj.declaration.reactions' } });
    expect(paths).toContain('/api/v1/declarations');
    await http.get('/api/v1/declarations').expect(401);
  });
});
