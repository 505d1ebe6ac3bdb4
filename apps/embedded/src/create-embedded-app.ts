import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadOrCreateDevIssuerKeys, TokenIssuer, TokenVerifier } from '@bj/auth';
import type { EventStore } from '@bj/event-store';
import { DeclarationServiceModule } from '@bj/declaration-service';
import { ReviewServiceModule } from '@bj/review-service';
import { CertificationServiceModule } from '@bj/certification-service';
import { AuditServiceModule } from '@bj/audit-service';
import { StatisticsServiceModule } from '@bj/statistics-service';
import { acceptRequests, EVENT_STORE, openEventStore, serveOpenApi, ServiceKitModule, systemClock, type AppConfig, type Clock, type IdGenerator } from '@bj/service-kit';
import { DEV_TOKEN_ISSUER, DevTokensController } from './dev-tokens.controller';

export interface EmbeddedOptions {
  readonly config: AppConfig;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: LoggerService | LogLevel[] | false;
}

export interface EmbeddedApp {
  readonly app: INestApplication;
  readonly store: EventStore;
  readonly issuer?: TokenIssuer;
}

/** Closes the event store when the app closes (app.close() or a signal), after every service stopped. */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({ providers: [EventStoreCloser] })
class EventStoreLifecycleModule {}

@Module({})
class DevTokensModule {
  static with(issuer: TokenIssuer): DynamicModule {
    return { module: DevTokensModule, controllers: [DevTokensController], providers: [{ provide: DEV_TOKEN_ISSUER, useValue: issuer }] };
  }
}

/**
 * The composition root of the embedded default: the three services in one process, on one
 * port, sharing one event store (a SQLite file under DATA_DIR unless EVENT_STORE=postgres).
 */
export async function createEmbeddedApp({ config, clock = systemClock, ids, logger }: EmbeddedOptions): Promise<EmbeddedApp> {
  const store = await openEventStore(config, clock);
  let verifier: TokenVerifier;
  let issuer: TokenIssuer | undefined;
  if (config.devTokens) {
    const keys = await loadOrCreateDevIssuerKeys(config.dataDir);
    verifier = await TokenVerifier.fromPem(keys.publicPem);
    issuer = await TokenIssuer.fromPem(keys.privatePem);
  } else {
    verifier = await TokenVerifier.fromPem(config.authPublicKeyPem as string);
  }

  @Module({
    imports: [
      ServiceKitModule.forRoot({ config, store, verifier, clock, ids }),
      DeclarationServiceModule,
      ReviewServiceModule,
      CertificationServiceModule,
      AuditServiceModule,
      StatisticsServiceModule,
      EventStoreLifecycleModule,
      ...(issuer ? [DevTokensModule.with(issuer)] : []),
    ],
  })
  class EmbeddedModule {}

  const app = await NestFactory.create<NestExpressApplication>(EmbeddedModule, { logger: logger === undefined ? ['log', 'warn', 'error'] : logger, abortOnError: false });
  acceptRequests(app);
  app.enableShutdownHooks();
  serveOpenApi(
    app,
    '北京市工程技术系列(人工智能)专业技术资格评价',
    'Declaration, review and certification services (embedded mode: all three in one process).',
  );
  return { app, store, issuer };
}
