import { GENESIS_HASH, verifyHashChain, type StoredEvent } from '@bj/event-store';
import { DEAD_LETTER_HEADERS, KafkaBus, type InboundMessage } from '@bj/messaging';
import { eventToMessage, reactionDeadLetterTopic, type MessagingStatus } from '@bj/service-kit';
import { engineerDeclaration, sessionDefinition } from './testing/distributed-fixtures';
import { DistributedSystem, eventually } from './testing/distributed-system';

// Distributed mode against a real Kafka broker and PostgreSQL: the declaration, review and
// certification services as three processes sharing one event store, their reactions fed through
// Kafka. Fails (never skips) when PostgreSQL is unreachable or no broker can be started.
jest.setTimeout(150_000);

const SUBMISSION_DAY = '2026-06-15T02:00:00Z'; // Monday, inside the 2026 declaration window
const AFTER_PUBLICITY = '2026-06-29T02:00:00Z'; // the 5-working-day publicity (端午 included) is over
const APPLICANT = 'applicant-li-ming';
const EMPLOYER = 'employer-zhiyuan-tech';

describe('distributed mode: three service processes, one PostgreSQL log, reactions over Kafka', () => {
  let sys: DistributedSystem;
  const declarations: string[] = [];

  const allEvents = () => sys.store.readAll({ limit: 100_000 });
  const reviewsOpened = async (declarationId: string) => (await allEvents()).filter((e) => e.type === 'ReviewOpened' && (e.data as { declarationId?: string }).declarationId === declarationId);
  const recommendationOf = async (declarationId: string) => (await sys.store.readStream(`declaration-${declarationId}`)).find((e) => e.type === 'EmployerRecommended') as StoredEvent;
  const waitForReview = (declarationId: string, timeoutMs = 30_000) =>
    eventually(`the review of ${declarationId} to open`, async () => (await sys.store.readStream(`centre-review-${declarationId}`)).length > 0, timeoutMs);
  const recommend = async (declarationId: string) => {
    const res = await sys.call('declaration', 'POST', `/api/v1/declarations/${declarationId}/recommend`, EMPLOYER, { opinion: '该同志业绩突出，材料属实，同意推荐' });
    expect(res).toMatchObject({ status: 200, body: { events: ['EmployerRecommended'] } });
  };
  const messaging = async (service: 'declaration' | 'review'): Promise<MessagingStatus> => (await fetch(`${sys.services[service].url}/health/messaging`)).json() as Promise<MessagingStatus>;
  const draftSubmitAndPublicise = async (title: string): Promise<string> => {
    const drafted = await sys.call('declaration', 'POST', '/api/v1/declarations', APPLICANT, { declaration: engineerDeclaration(title) });
    expect(drafted.status).toBe(201);
    const id = drafted.body['declarationId'] as string;
    const submitted = await sys.call('declaration', 'POST', `/api/v1/declarations/${id}/submit`, APPLICANT);
    expect(submitted).toMatchObject({ status: 200, body: { status: 'SUBMITTED', eligibility: { eligible: true } } });
    expect((await sys.call('declaration', 'POST', `/api/v1/declarations/${id}/publicity`, EMPLOYER, {})).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    sys = await DistributedSystem.start(SUBMISSION_DAY);
    // 评审机构 opens the year's session on the review service
    expect((await sys.call('review', 'POST', '/api/v1/sessions', 'centre-staff-chen', sessionDefinition(2026))).status).toBe(201);
    // the declaration service learns of it from the shared log
    await eventually('the declaration service to see the 2026 session', async () => {
      const drafted = await sys.call('declaration', 'POST', '/api/v1/declarations', APPLICANT, { declaration: engineerDeclaration('探测') });
      const submitted = await sys.call('declaration', 'POST', `/api/v1/declarations/${drafted.body['declarationId']}/submit`, APPLICANT);
      return submitted.status === 200;
    });
    for (let i = 1; i <= 9; i++) declarations.push(await draftSubmitAndPublicise(`大模型推理加速研究 ${i}`));
    // the publicity is over: the services run on, two weeks later (FAKE_NOW)
    await Promise.all([sys.services.declaration.stop(), sys.services.review.stop()]);
    await Promise.all([sys.services.declaration.start({ FAKE_NOW: AFTER_PUBLICITY }), sys.services.review.start({ FAKE_NOW: AFTER_PUBLICITY })]);
  }, 240_000);

  afterAll(async () => {
    await sys?.stop();
  }, 120_000);

  it('(a) a recommendation on the declaration service opens the review on the review service, through Kafka', async () => {
    const [id] = declarations;
    await recommend(id);
    await waitForReview(id);
    const recommended = await recommendationOf(id);
    const [opened] = await sys.store.readStream(`centre-review-${id}`);
    // the same ReviewOpened as in embedded mode: the snapshot of the submitted declaration and its pre-check
    expect(opened).toMatchObject({
      type: 'ReviewOpened',
      streamVersion: 1,
      data: {
        applicationId: id,
        declarationId: id,
        year: 2026,
        applicant: { name: '李明', idNumber: '110105199001010037' },
        employer: { name: '北京智源科技有限公司', creditCode: '91110108MA01A2B3CF', kind: 'NON_PUBLIC_ENTERPRISE' },
        level: 'ENGINEER',
        direction: 'RESEARCH',
        eligibility: { eligible: true, route: 'ENGINEER.EDU.2', unmetClauses: [] },
        employerOpinion: '该同志业绩突出，材料属实，同意推荐',
      },
      metadata: { actorId: 'system:review-service', causationId: recommended.eventId, correlationId: recommended.metadata.correlationId },
    });
    expect(opened.metadata.occurredAt.slice(0, 10)).toBe('2026-06-29');
    expect(opened.globalPosition).toBeGreaterThan(recommended.globalPosition);
    // the declaration service published its stream; the review service consumed it in its own group
    const status = await messaging('review');
    expect(status.reactions).toMatchObject({ consuming: true, groupId: `${sys.topicPrefix}.review.reactions` });
    expect(status.reactions?.topics).toEqual(expect.arrayContaining([`${sys.topicPrefix}.declaration`, `${sys.topicPrefix}.centre-review`]));
    expect((await messaging('declaration')).relay.publishedMessages).toBeGreaterThan(0);
  });

  it('(b) the review service killed with -9 in the middle and restarted: nothing lost, nothing applied twice', async () => {
    const batch = declarations.slice(1, 6);
    for (const id of batch.slice(0, 3)) await recommend(id);
    await sys.services.review.kill9();
    // recommendations go on while the review service is down
    for (const id of batch.slice(3)) await recommend(id);
    await sys.services.review.start();
    for (const id of batch) await waitForReview(id);
    for (const id of [declarations[0], ...batch]) {
      const opened = await reviewsOpened(id);
      expect(opened).toHaveLength(1);
      expect(opened[0].metadata.causationId).toBe((await recommendationOf(id)).eventId);
    }

    // a redelivered message (the relay is at least once) writes nothing new
    const before = await messaging('review');
    const head = await sys.store.headPosition();
    const bus = new KafkaBus({ brokers: [sys.broker.brokers], clientId: 'distributed-suite-redelivery' });
    try {
      await bus.publish([eventToMessage(await recommendationOf(batch[0]), `${sys.topicPrefix}.declaration`)]);
    } finally {
      await bus.close();
    }
    await eventually('the review service to handle the redelivered message', async () => (await messaging('review')).reactions!.handledMessages > before.reactions!.handledMessages);
    expect(await sys.store.headPosition()).toBe(head);
    expect(await reviewsOpened(batch[0])).toHaveLength(1);
  });

  it('(c) with the broker stopped the declaration service keeps accepting commands; everything is delivered once it is back', async () => {
    const [first, second] = declarations.slice(6, 8);
    await sys.broker.stop();
    try {
      const started = Date.now();
      await recommend(first);
      await recommend(second);
      const drafted = await sys.call('declaration', 'POST', '/api/v1/declarations', APPLICANT, { declaration: engineerDeclaration('断网期间的申报') });
      expect(drafted.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(10_000);
      await eventually('the relay to notice the lost broker', async () => (await messaging('declaration')).relay.consecutiveFailures > 0, 60_000);
      expect((await sys.store.readStream(`centre-review-${first}`)).length).toBe(0);
    } finally {
      await sys.broker.start();
    }
    await waitForReview(first, 90_000);
    await waitForReview(second, 30_000);
    expect(await reviewsOpened(first)).toHaveLength(1);
    expect(await reviewsOpened(second)).toHaveLength(1);
    await eventually('the relay to recover', async () => (await messaging('declaration')).relay.consecutiveFailures === 0);
  });

  it('(d) a poison message goes to the dead-letter topic and does not block the messages after it', async () => {
    const id = declarations[8];
    const streamId = `declaration-${id}`;
    const bus = new KafkaBus({ brokers: [sys.broker.brokers], clientId: 'distributed-suite-poison' });
    const deadLetters: InboundMessage[] = [];
    const dlq = bus.createConsumer();
    try {
      // same key as the declaration's own events: the same partition, right before its recommendation
      await bus.publish([{ topic: `${sys.topicPrefix}.declaration`, key: streamId, value: '{"eventId": "not an envelope', headers: { type: 'EmployerRecommended' } }]);
      await recommend(id);
      await waitForReview(id);
      expect(await reviewsOpened(id)).toHaveLength(1);

      dlq.subscribe({
        groupId: `${sys.topicPrefix}.suite.dlq-reader`,
        topics: [reactionDeadLetterTopic(sys.topicPrefix, 'review')],
        deadLetterTopic: `${sys.topicPrefix}.suite.dlq-reader.dlq`,
        handler: async (m) => void deadLetters.push(m),
      });
      await dlq.start();
      const poison = await eventually('the poison message in the review service dead-letter topic', async () => deadLetters.find((m) => m.key === streamId));
      expect(poison.value.toString()).toBe('{"eventId": "not an envelope');
      expect(poison.headers).toMatchObject({
        [DEAD_LETTER_HEADERS.originalTopic]: `${sys.topicPrefix}.declaration`,
        [DEAD_LETTER_HEADERS.consumerGroup]: `${sys.topicPrefix}.review.reactions`,
        [DEAD_LETTER_HEADERS.attempts]: '3',
        [DEAD_LETTER_HEADERS.errorName]: 'MalformedEventMessageError',
      });
      expect(deadLetters.filter((m) => m.key !== streamId)).toEqual([]);
    } finally {
      await dlq.stop();
      await bus.close();
    }
  });

  it('keeps one hash chain over everything the three services wrote', async () => {
    const events = await allEvents();
    expect(verifyHashChain(events, GENESIS_HASH)).toBeNull();
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });
});
