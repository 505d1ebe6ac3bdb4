// The worker thread of the session benchmark's client (session-client.ts): plain JavaScript so
// that a Worker can start it; it loads TypeScript the way tools/scripts/run-ts.js does.
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.resolve(__dirname, '../../../../tsconfig.base.json');
require('@swc-node/register');
require('./session-client.ts');
