import nx from '@nx/eslint-plugin';

// Layers, enforced by tags (see docs/architecture.md):
//   type:domain  pure decide/evolve and rules: no framework, no driver, no I/O, no clock
//   type:infra   adapters (SQLite, PostgreSQL, Kafka, PDF, JWT, files)
//   type:service NestJS modules: thin shells around the domain
//   type:app     composition roots (embedded, or one service per process)
//   type:tool    command-line tools and benchmarks
const frameworkAndIo = [
  '@nestjs/*', 'express', 'rxjs', 'reflect-metadata',
  'pg', 'better-sqlite3', 'kafkajs', 'jose', 'pdfkit', 'qrcode', 'exceljs', 'uuid', 'chinese-days',
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path',
  'http', 'node:http', 'https', 'node:https', 'net', 'node:net',
  'child_process', 'node:child_process', 'os', 'node:os', 'worker_threads', 'node:worker_threads',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', 'tools/bench/node_modules', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: frameworkAndIo },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:infra'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:service'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:service'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:service'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
