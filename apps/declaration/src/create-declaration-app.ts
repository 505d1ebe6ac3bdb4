import type { LoggerService } from '@nestjs/common';
import type { MessageBus } from '@bj/messaging';
import { DeclarationServiceModule } from '@bj/declaration-service';
import {
  clockFromEnv,
  createDistributedServiceApp,
  loadConfig,
  loadDistributedConfig,
  type AppConfig,
  type Clock,
  type DistributedConfig,
  type DistributedServiceApp,
  type IdGenerator,
} from '@bj/service-kit';

export const DECLARATION_DEFAULT_PORT = 3001;

/** Configuration from the environment (docs/distributed.md): PostgreSQL event store and no dev tokens unless set otherwise. */
export function loadDeclarationConfig(env: NodeJS.ProcessEnv = process.env): { config: AppConfig; distributed: DistributedConfig } {
  return {
    config: loadConfig(env, { port: DECLARATION_DEFAULT_PORT, eventStore: 'postgres', devTokens: false }),
    distributed: loadDistributedConfig('declaration', env),
  };
}

export interface DeclarationAppOptions {
  readonly config: AppConfig;
  readonly distributed: DistributedConfig;
  /** Default: the system clock, or FAKE_NOW / CLOCK_OFFSET_DAYS when set (clockFromEnv). */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly bus?: MessageBus;
  readonly logger?: LoggerService | false;
}

/** The composition root of the declaration service as its own process (distributed mode). */
export function createDeclarationApp(options: DeclarationAppOptions): Promise<DistributedServiceApp> {
  return createDistributedServiceApp({
    module: DeclarationServiceModule,
    title: '申报服务 (declaration service)',
    description: 'Applicants and employers: declarations, the employer publicity and recommendation (distributed mode: this service alone).',
    ...options,
    clock: options.clock ?? clockFromEnv(),
  });
}
