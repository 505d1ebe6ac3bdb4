// Shared jest settings: SWC transpiles TypeScript (with decorator metadata for NestJS);
// Nx's resolver maps the @bj/* path aliases of tsconfig.base.json.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: '@nx/jest/plugins/resolver',
  testMatch: ['**/?(*.)+(spec).ts'],
  rootDir: undefined,
  setupFiles: [path.join(__dirname, 'tools/jest/setup.js')],
};
