// Lets Node require the project's TypeScript without a build step, as @swc-node/register
// does (SWC, the decorator metadata NestJS needs, the @bj/* aliases of tsconfig.base.json
// rewritten to relative paths), with one difference that matters for memory: each file's
// JavaScript is kept on disk (node_modules/.cache/run-ts), and SWC and TypeScript are loaded
// only when a file changed. A process whose files are all cached never loads them, which
// spares about 90 MiB of resident memory per process and per worker thread, and most of
// a start's time.
// Required by tools/scripts/run-ts.js and by the worker threads' plain-JavaScript entries.
'use strict';
const Module = require('node:module');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const TSCONFIG = path.join(ROOT, 'tsconfig.base.json');
const CACHE_DIR = process.env.RUN_TS_CACHE_DIR || path.join(ROOT, 'node_modules/.cache/run-ts');

const sha1 = (text) => createHash('sha1').update(text).digest('hex');
const versionOf = (pkg) => {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return 'absent';
  }
};

/**
 * Everything besides a file's own text that shapes its JavaScript: the checkout the @bj/*
 * aliases resolve into (two checkouts may share one cache through a linked node_modules), this
 * loader, the compiler options and the paths of tsconfig.base.json, and the transpiler's
 * versions. A change to any of them makes every cached file stale.
 */
const SALT = sha1(
  [
    ROOT,
    fs.readFileSync(__filename, 'utf8'),
    fs.readFileSync(TSCONFIG, 'utf8'),
    versionOf('@swc/core'),
    versionOf('@swc-node/core'),
    versionOf('@swc-node/register'),
    process.env.SWC_NODE_SOURCE_MAP_MODE || '',
  ].join('\0'),
);

let transpiler;
/** SWC with the options @swc-node/register derives from tsconfig.base.json; loaded on the first miss. */
function transpile(source, filename) {
  if (!transpiler) {
    const { transformSync } = require('@swc-node/core');
    const { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } = require('@swc-node/register/read-default-tsconfig');
    const options = { ...readDefaultTsConfig(TSCONFIG), module: 1 /* ts.ModuleKind.CommonJS */ };
    transpiler = { transformSync, options, tsCompilerOptionsToSwcConfig };
  }
  const { code, map } = transpiler.transformSync(source, filename, transpiler.tsCompilerOptionsToSwcConfig(transpiler.options, filename));
  // the map inline, for `node --enable-source-maps`; without the flag Node ignores it
  return map ? `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map, 'utf8').toString('base64')}` : code;
}

/**
 * One cache file per source file, named after its path and overwritten when it changes, so
 * the cache never grows beyond the sources. Its first line is the hash of what it was made
 * from; a file that does not start with the expected line is stale.
 */
function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const stamp = `//${sha1(SALT + '\0' + source)}\n`;
  const cacheFile = path.join(CACHE_DIR, `${sha1(filename)}.js`);
  try {
    const cached = fs.readFileSync(cacheFile, 'utf8');
    if (cached.startsWith(stamp)) return cached.slice(stamp.length);
  } catch {
    // not cached yet
  }
  const code = transpile(source, filename);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // written aside and renamed, so that processes starting together never read half a file
    const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(partial, stamp + code);
    fs.renameSync(partial, cacheFile);
  } catch {
    // a read-only tree still runs; it only transpiles every time
  }
  return code;
}

if (!Module._extensions['.ts']) {
  Module._extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compiled(filename), filename);
  };
}
