import type { LoggerService } from '@nestjs/common';
import type { MessageBus } from '@bj/messaging';
import { CertificationServiceModule } from '@bj/certification-service';
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

export const CERTIFICATION_DEFAULT_PORT = 3003;

/** Configuration from the environment (docs/distributed.md): PostgreSQL event store and no dev tokens unless set otherwise. */
export function loadCertificationConfig(env: NodeJS.ProcessEnv = process.env): { config: AppConfig; distributed: DistributedConfig } {
  return {
    config: loadConfig(env, { port: CERTIFICATION_DEFAULT_PORT, eventStore: 'postgres', devTokens: false }),
    distributed: loadDistributedConfig('certification', env),
  };
}

export interface CertificationAppOptions {
  readonly config: AppConfig;
  readonly distributed: DistributedConfig;
  /** Default: the system clock, or FAKE_NOW / CLOCK_OFFSET_DAYS when set (clockFromEnv). */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly bus?: MessageBus;
  readonly logger?: LoggerService | false;
}

/** The composition root of the certification service as its own process (distributed mode). */
export function createCertificationApp(options: CertificationAppOptions): Promise<DistributedServiceApp> {
  return createDistributedServiceApp({
    module: CertificationServiceModule,
    title: '证书服务 (certification service)',
    description: 'Results, notices and electronic certificates (distributed mode: this service alone).',
    ...options,
    clock: options.clock ?? clockFromEnv(),
  });
}
