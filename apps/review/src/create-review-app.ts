import type { LoggerService } from '@nestjs/common';
import type { MessageBus } from '@bj/messaging';
import { ReviewServiceModule } from '@bj/review-service';
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

export const REVIEW_DEFAULT_PORT = 3002;

/** Configuration from the environment (docs/distributed.md): PostgreSQL event store and no dev tokens unless set otherwise. */
export function loadReviewConfig(env: NodeJS.ProcessEnv = process.env): { config: AppConfig; distributed: DistributedConfig } {
  return {
    config: loadConfig(env, { port: REVIEW_DEFAULT_PORT, eventStore: 'postgres', devTokens: false }),
    distributed: loadDistributedConfig('review', env),
  };
}

export interface ReviewAppOptions {
  readonly config: AppConfig;
  readonly distributed: DistributedConfig;
  /** Default: the system clock, or FAKE_NOW / CLOCK_OFFSET_DAYS when set (clockFromEnv). */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly bus?: MessageBus;
  readonly logger?: LoggerService | false;
}

/** The composition root of the review service as its own process (distributed mode). */
export function createReviewApp(options: ReviewAppOptions): Promise<DistributedServiceApp> {
  return createDistributedServiceApp({
    module: ReviewServiceModule,
    title: '评审服务 (review service)',
    description: 'The evaluation centres, expert panels and committees (distributed mode: this service alone).',
    ...options,
    clock: options.clock ?? clockFromEnv(),
  });
}
