import { serveDistributedService } from '@bj/service-kit';
import { createReviewApp, loadReviewConfig } from './create-review-app';

// node tools/scripts/run-ts.js apps/review/src/main.ts   (or all three: npm run start:distributed)
void serveDistributedService(loadReviewConfig, (config, distributed) => createReviewApp({ config, distributed }));
