#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: SWC transpiles on load (with the
// decorator metadata NestJS needs) and the @bj/* aliases of tsconfig.base.json resolve.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
require('reflect-metadata');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: run-ts.js <entry.ts> [args...]\n');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees itself as argv[1]
require(path.resolve(root, entry));
