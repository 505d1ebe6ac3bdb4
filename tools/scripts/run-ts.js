#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: ts-register.js transpiles on load with
// SWC (with the decorator metadata NestJS needs, the @bj/* aliases of tsconfig.base.json
// resolved) and keeps the JavaScript on disk for the next start.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
require('./ts-register');
require('reflect-metadata');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: run-ts.js <entry.ts> [args...]\n');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees itself as argv[1]
require(path.resolve(root, entry));
