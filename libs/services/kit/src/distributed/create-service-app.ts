import { Controller, Get, Inject, Injectable, Logger, Module, type DynamicModule, type INestApplication, type LoggerService, type OnModuleDestroy, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import { loadOrCreateDevIssuerKeys, TokenVerifier } from '@bj/auth';
import type { EventStore } from '@bj/event-store';
import { KafkaBus, type MessageBus } from '@bj/messaging';
import { Public } from '../access';
import { loadConfig, type AppConfig } from '../config';
import { clockFromEnv } from '../env-clock';
import { acceptRequests, serveOpenApi } from '../http';
import { openEventStore } from '../open-event-store';
import { ProjectionHost } from '../projection-host';
import { ReactionHost } from '../reaction-host';
import { systemClock, type Clock, type IdGenerator } from '../runtime';
import { ServiceKitModule } from '../service-kit.module';
import { loadDistributedConfig, type DistributedConfig } from './distributed-config';
import { KafkaReactionConsumer, type KafkaReactionsStatus } from './kafka-reactions';
import { OutboxRelay, type OutboxRelayStatus } from './outbox-relay';
import { allEventTopics, reactionDeadLetterTopic, reactionGroupId, type DistributedServiceName } from './topology';

export interface DistributedServiceOptions {
  /** The one service module this process serves, e.g. DeclarationServiceModule. */
  readonly module: Type<unknown>;
  readonly title: string;
  readonly description: string;
  readonly config: AppConfig;
  readonly distributed: DistributedConfig;
  /** Default: KafkaBus.fromEnv() with KAFKA_CLIENT_ID defaulting to `bj-<service>`. */
  readonly bus?: MessageBus;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: LoggerService | false;
}

export interface DistributedServiceApp {
  /** Initialised (projections replayed, relay and reaction consumer started); call listen(port). */
  readonly app: INestApplication;
  /**
   * Stops the reaction consumer (leaving its group), the relay (after the round in flight), the
   * Kafka clients, Nest, and then the store. main.ts calls it on SIGINT/SIGTERM. (app.close()
   * alone stops the messaging too, but leaves the store's pool open.)
   */
  close(): Promise<void>;
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly relay: OutboxRelay;
  /** Absent when the service registers no reactions. */
  readonly reactions?: KafkaReactionConsumer;
}

/** What GET /health/messaging reports. */
export interface MessagingStatus {
  readonly service: string;
  readonly relay: OutboxRelayStatus;
  readonly reactions: KafkaReactionsStatus | null;
}

const MESSAGING_STATUS = Symbol('MESSAGING_STATUS');
const STOP_MESSAGING = Symbol('STOP_MESSAGING');

/** Stops the consumer and the relay first when Nest closes, while the store and the read models still work. */
@Injectable()
class MessagingLifecycle implements OnModuleDestroy {
  constructor(@Inject(STOP_MESSAGING) private readonly stop: () => Promise<void>) {}
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}

@ApiTags('health')
@Controller('health/messaging')
class MessagingStatusController {
  constructor(@Inject(MESSAGING_STATUS) private readonly status: () => MessagingStatus) {}

  /** The outbox relay's position and failures, and the reaction consumer's state. */
  @Get()
  @Public()
  get(): MessagingStatus {
    return this.status();
  }
}

@Module({})
class MessagingStatusModule {
  static with(status: () => MessagingStatus, stop: () => Promise<void>): DynamicModule {
    return {
      module: MessagingStatusModule,
      controllers: [MessagingStatusController],
      providers: [{ provide: MESSAGING_STATUS, useValue: status }, { provide: STOP_MESSAGING, useValue: stop }, MessagingLifecycle],
    };
  }
}

/**
 * The composition root of one service process in distributed mode: the service's module and the
 * kit over the shared event store (PostgreSQL), reactions fed from Kafka (`reactionsFrom:
 * 'external'`), the outbox relay publishing this service's streams, OpenAPI at /docs, health at
 * /health and /health/messaging. See docs/distributed.md.
 */
export async function createDistributedServiceApp(options: DistributedServiceOptions): Promise<DistributedServiceApp> {
  const { config, distributed } = options;
  const clock = options.clock ?? systemClock;
  const log = new Logger(`${distributed.service}-service`);
  const store = await openEventStore(config, clock);
  const verifier = config.devTokens
    ? await TokenVerifier.fromPem((await loadOrCreateDevIssuerKeys(config.dataDir)).publicPem)
    : await TokenVerifier.fromPem(config.authPublicKeyPem as string);
  const bus = options.bus ?? KafkaBus.fromEnv({ ...process.env, KAFKA_CLIENT_ID: process.env['KAFKA_CLIENT_ID'] ?? `bj-${distributed.service}` });
  const relay = new OutboxRelay({
    store,
    publisher: bus,
    service: distributed.service,
    ownedStreamPrefixes: distributed.ownedStreamPrefixes,
    topicPrefix: distributed.topicPrefix,
    pollIntervalMs: distributed.relayPollMs,
    logger: log,
  });
  let reactions: KafkaReactionConsumer | undefined;
  let messagingStopped: Promise<void> | undefined;
  const stopMessaging = () =>
    (messagingStopped ??= (async () => {
      await reactions?.stop();
      await relay.stop();
      await bus.close();
    })());

  @Module({
    imports: [
      ServiceKitModule.forRoot({ config, store, verifier, clock, ids: options.ids, reactionsFrom: 'external' }),
      options.module,
      MessagingStatusModule.with(() => ({ service: distributed.service, relay: relay.status(), reactions: reactions?.status() ?? null }), stopMessaging),
    ],
  })
  class DistributedServiceModule {}

  const app = await NestFactory.create<NestExpressApplication>(DistributedServiceModule, {
    logger: options.logger === undefined ? ['log', 'warn', 'error'] : options.logger,
    abortOnError: false,
  });
  acceptRequests(app);
  serveOpenApi(app, options.title, options.description);
  // init first: the read models replay the log before any reaction may read them
  await app.init();
  relay.start();
  const reactionHost = app.get(ReactionHost);
  if (reactionHost.count > 0) {
    reactions = new KafkaReactionConsumer({
      bus,
      reactions: reactionHost,
      projections: app.get(ProjectionHost),
      groupId: reactionGroupId(distributed.topicPrefix, distributed.service),
      topics: allEventTopics(distributed.topicPrefix),
      deadLetterTopic: reactionDeadLetterTopic(distributed.topicPrefix, distributed.service),
      retry: distributed.reactionRetry,
      logger: log,
    });
    reactions.start();
  }
  const close = async () => {
    await stopMessaging();
    await app.close();
    await store.close();
  };
  return { app, close, store, bus, relay, reactions };
}

/** What one service process differs in: its module, its name, its port and its OpenAPI words. */
export interface ServiceProcess {
  readonly service: DistributedServiceName;
  readonly module: Type<unknown>;
  readonly defaultPort: number;
  readonly title: string;
  readonly description: string;
}

export type ServiceAppOptions = Omit<DistributedServiceOptions, 'module' | 'title' | 'description'>;

/** A service process's configuration from the environment: PostgreSQL event store and no dev tokens unless set otherwise. */
export function loadServiceConfig(spec: ServiceProcess, env: NodeJS.ProcessEnv = process.env): { config: AppConfig; distributed: DistributedConfig } {
  return {
    config: loadConfig(env, { port: spec.defaultPort, eventStore: 'postgres', devTokens: false }),
    distributed: loadDistributedConfig(spec.service, env),
  };
}

/** The composition root of one service as its own process; the clock defaults to clockFromEnv (FAKE_NOW / CLOCK_OFFSET_DAYS). */
export function createServiceApp(spec: ServiceProcess, options: ServiceAppOptions): Promise<DistributedServiceApp> {
  return createDistributedServiceApp({ module: spec.module, title: spec.title, description: spec.description, ...options, clock: options.clock ?? clockFromEnv() });
}
