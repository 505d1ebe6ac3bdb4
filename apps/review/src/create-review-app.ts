import { ReviewServiceModule } from '@bj/review-service';
import { createServiceApp, loadServiceConfig, type ServiceAppOptions, type ServiceProcess } from '@bj/service-kit';

export const REVIEW_DEFAULT_PORT = 3002;

/** The review service as its own process (distributed mode; docs/distributed.md). */
export const REVIEW_SERVICE: ServiceProcess = {
  service: 'review',
  module: ReviewServiceModule,
  defaultPort: REVIEW_DEFAULT_PORT,
  title: '评审服务 (review service)',
  description: 'The evaluation centres, expert panels and committees (distributed mode: this service alone).',
};

export const loadReviewConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(REVIEW_SERVICE, env);
export const createReviewApp = (options: ServiceAppOptions) => createServiceApp(REVIEW_SERVICE, options);
