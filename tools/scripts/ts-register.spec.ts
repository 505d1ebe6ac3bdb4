// tools/scripts/ts-register.js, through run-ts.js as `npm start` uses it: a TypeScript entry
// runs, its JavaScript is cached, a start whose files are all cached never loads the
// transpiler, and an edited file is transpiled again rather than served stale.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

describe('ts-register (run-ts.js)', () => {
  let dir: string;
  let cacheDir: string;
  let entry: string;

  beforeEach(() => {
    // inside the checkout, so that the entry finds the project's node_modules
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'tmp', 'ts-register-'));
    cacheDir = join(dir, 'cache');
    entry = join(dir, 'entry.ts');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The entry's own output, and whether SWC's native binding was loaded into the process. */
  function run(): { out: string; transpilerLoaded: boolean } {
    const result = spawnSync(process.execPath, [join(ROOT, 'tools/scripts/run-ts.js'), entry], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, RUN_TS_CACHE_DIR: cacheDir },
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [out, loaded] = result.stdout.trim().split('\n');
    return { out, transpilerLoaded: loaded === 'true' };
  }

  function writeEntry(greeting: string): void {
    // decorator metadata and a @bj/* alias, as the services' files have them
    writeFileSync(
      entry,
      `import 'reflect-metadata';
       import { GENESIS_HASH } from '@bj/event-store';
       const Marked = (): ClassDecorator => () => undefined;
       @Marked()
       class Greeter { constructor(readonly word: string) {} }
       const params = Reflect.getMetadata('design:paramtypes', Greeter) as unknown[];
       process.stdout.write(\`\${new Greeter('${greeting}').word} \${params[0] === String} \${GENESIS_HASH.length}\\n\`);
       process.stdout.write(\`\${Object.keys(require.cache).some((f) => f.endsWith('.node') && f.includes('@swc'))}\\n\`);
      `,
    );
  }

  it('runs TypeScript with decorator metadata and the @bj/* aliases, and caches its JavaScript', () => {
    writeEntry('hello');
    const first = run();
    expect(first.out).toBe('hello true 64');
    expect(first.transpilerLoaded).toBe(true);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(1);
  });

  it('does not load the transpiler when every file is cached', () => {
    writeEntry('hello');
    run();
    const second = run();
    expect(second.out).toBe('hello true 64');
    expect(second.transpilerLoaded).toBe(false);
  });

  it('transpiles an edited file again instead of running the cached one', () => {
    writeEntry('hello');
    run();
    const files = readdirSync(cacheDir).length;
    writeEntry('goodbye');
    const edited = run();
    expect(edited.out).toBe('goodbye true 64');
    expect(edited.transpilerLoaded).toBe(true);
    expect(readdirSync(cacheDir)).toHaveLength(files); // the entry's cache file replaced, not added
  });
});
