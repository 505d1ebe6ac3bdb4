// The worker thread of the session benchmark's client (session-client.ts): plain JavaScript so
// that a Worker can start it; it loads TypeScript the way tools/scripts/run-ts.js does.
require('../../../../tools/scripts/ts-register');
require('./session-client.ts');
