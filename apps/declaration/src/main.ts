import { serveDistributedService } from '@bj/service-kit';
import { createDeclarationApp, loadDeclarationConfig } from './create-declaration-app';

// node tools/scripts/run-ts.js apps/declaration/src/main.ts   (or all three: npm run start:distributed)
void serveDistributedService(loadDeclarationConfig, (config, distributed) => createDeclarationApp({ config, distributed }));
