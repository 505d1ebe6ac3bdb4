import { serveDistributedService } from '@bj/service-kit';
import { createCertificationApp, loadCertificationConfig } from './create-certification-app';

// node tools/scripts/run-ts.js apps/certification/src/main.ts   (or all three: npm run start:distributed)
void serveDistributedService(loadCertificationConfig, (config, distributed) => createCertificationApp({ config, distributed }));
