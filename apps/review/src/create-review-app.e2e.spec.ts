import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_USERS, loadOrCreateDevIssuerKeys, TokenIssuer } from '@bj/auth';
import { InProcessBus, type InboundMessage } from '@bj/messaging';
import { ManualClock, type DistributedServiceApp } from '@bj/service-kit';
import { createReviewApp, loadReviewConfig } from './create-review-app';
import { sessionDefinition } from './testing/distributed-fixtures';

// The review service's composition root in process (SQLite, in-process bus): what it serves and
// that its relay publishes its own streams. The real broker and PostgreSQL: distributed.int.spec.ts.
describe('createReviewApp', () => {
  let dir: string;
  let bus: InProcessBus;
  let service: DistributedServiceApp;
  let staffToken: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bj-review-app-'));
    const { config, distributed } = loadReviewConfig({ PORT: '0', EVENT_STORE: 'sqlite', DATA_DIR: dir, AUTH_DEV_TOKENS: 'true', RELAY_POLL_MS: '20' });
    bus = new InProcessBus();
    service = await createReviewApp({ config, distributed, bus, clock: new ManualClock('2026-05-20T02:00:00Z'), logger: false });
    const issuer = await TokenIssuer.fromPem((await loadOrCreateDevIssuerKeys(dir)).privatePem);
    staffToken = await issuer.issue(DEMO_USERS.find((u) => u.id === 'centre-staff-chen')!);
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to port 3002, PostgreSQL and no dev tokens', () => {
    expect(() => loadReviewConfig({})).toThrow(/AUTH_PUBLIC_KEY .* is required/);
    expect(loadReviewConfig({ AUTH_PUBLIC_KEY: 'pem' }).config).toMatchObject({ port: 3002, eventStore: 'postgres', devTokens: false });
  });

  it('serves the review service alone, with health, messaging status and OpenAPI', async () => {
    const http = request(service.app.getHttpServer());
    expect((await http.get('/health').expect(200)).body.info.services).toEqual({ status: 'up', review: true });
    const docs = (await http.get('/docs-json').expect(200)).body;
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/v1/sessions', '/health/messaging']));
    expect(Object.keys(docs.paths).some((p) => p.startsWith('/api/v1/declarations'))).toBe(false);
    const messaging = (await http.get('/health/messaging').expect(200)).body;
    expect(messaging).toMatchObject({ service: 'review', relay: { checkpointName: 'relay:review' }, reactions: { groupId: 'bj.review.reactions', consuming: true } });
    await http.get('/api/v1/sessions/2026').expect(401);
  });

  it('publishes what the review service writes to its topic', async () => {
    const http = request(service.app.getHttpServer());
    await http.post('/api/v1/sessions').set('Authorization', `Bearer ${staffToken}`).send(sessionDefinition(2026)).expect(201);
    const received: InboundMessage[] = [];
    const reader = bus.createConsumer();
    reader.subscribe({ groupId: 'test-reader', topics: ['bj.annual-session'], deadLetterTopic: 'test-reader.dlq', handler: async (m) => void received.push(m) });
    await reader.start();
    try {
      for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await reader.stop();
    }
    expect(received.map((m) => [m.key, m.headers['type']])).toEqual([['annual-session-2026', 'SessionOpened']]);
  });
});
