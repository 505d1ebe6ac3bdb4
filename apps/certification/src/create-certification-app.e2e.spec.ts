import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { InProcessBus } from '@bj/messaging';
import type { DistributedServiceApp } from '@bj/service-kit';
import { createCertificationApp, loadCertificationConfig } from './create-certification-app';

// The certification service's composition root in process (SQLite, in-process bus). Over the real broker
// and PostgreSQL, as a separate process: apps/review/src/distributed.int.spec.ts.
describe('createCertificationApp', () => {
  let dir: string;
  let service: DistributedServiceApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-certification-app-'));
    const { config, distributed } = loadCertificationConfig({ PORT: '0', EVENT_STORE: 'sqlite', DATA_DIR: dir, AUTH_DEV_TOKENS: 'true' });
    service = await createCertificationApp({ config, distributed, bus: new InProcessBus(), logger: false });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to port 3003, PostgreSQL and no dev tokens', () => {
    expect(() => loadCertificationConfig({})).toThrow(/AUTH_PUBLIC_KEY .* is required/);
    expect(loadCertificationConfig({ AUTH_PUBLIC_KEY: 'pem' }).config).toMatchObject({ port: 3003, eventStore: 'postgres', devTokens: false });
  });

  it('serves the certification service alone, with health, messaging status and OpenAPI', async () => {
    const http = request(service.app.getHttpServer());
    expect((await http.get('/health').expect(200)).body.info.services).toEqual({ status: 'up', certification: true });
    const paths = Object.keys((await http.get('/docs-json').expect(200)).body.paths);
    expect(paths).toContain('/health/messaging');
    expect(paths.some((p) => p.startsWith('/api/v1/sessions'))).toBe(false);
    const messaging = (await http.get('/health/messaging').expect(200)).body;
    expect(messaging).toMatchObject({ service: 'certification', relay: { checkpointName: 'relay:certification', consecutiveFailures: 0 } });
  });
});
