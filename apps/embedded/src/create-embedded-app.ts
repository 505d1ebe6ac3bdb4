import { Module, type DynamicModule, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadOrCreateDevIssuerKeys, TokenIssuer, TokenVerifier } from '@bj/auth';
import type { EventStore } from '@bj/event-store';
import { DeclarationServiceModule } from '@bj/declaration-service';
import { ReviewServiceModule } from '@bj/review-service';
import { CertificationServiceModule } from '@bj/certification-service';
import { AuditServiceModule } from '@bj/audit-service';
import { StatisticsServiceModule } from '@bj/statistics-service';
import { openEventStore, serveOpenApi, ServiceKitModule, systemClock, type AppConfig, type Clock, type IdGenerator } from '@bj/service-kit';
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
      ...(issuer ? [DevTokensModule.with(issuer)] : []),
    ],
  })
  class EmbeddedModule {}

  const app = await NestFactory.create<NestExpressApplication>(EmbeddedModule, { logger: logger === undefined ? ['log', 'warn', 'error'] : logger, abortOnError: false });
  app.useBodyParser('json', { limit: '2mb' });
  app.enableShutdownHooks();
  serveOpenApi(
    app,
    '北京市工程技术系列(人工智能)专业技术资格评价',
    'Declaration, review and certification services (embedded mode: all three in one process).',
  );
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await store.close();
  };
  return { app, store, issuer };
}
