import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../../..');

/** Runs lowerPriorityForVerification in a fresh process (a niceness, once raised, cannot be given back), started at `start`. */
function inChild(start: number): { before: number; returned: number | undefined; after: number } {
  const script = `
    require(${JSON.stringify(resolve(ROOT, 'tools/scripts/ts-register'))});
    const os = require('node:os');
    os.setPriority(${start});
    const before = os.getPriority();
    const returned = require(${JSON.stringify(resolve(__dirname, 'priority.ts'))}).lowerPriorityForVerification();
    process.stdout.write(JSON.stringify({ before, returned, after: os.getPriority() }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

describe('lowerPriorityForVerification', () => {
  it('given a process at the normal priority, when a walk of the log starts, then it runs at niceness 10', () => {
    expect(inChild(0)).toEqual({ before: 0, returned: 10, after: 10 });
  });

  it('given a process the operator already started lower (nice -n 15), when a walk starts, then its priority is not raised', () => {
    expect(inChild(15)).toEqual({ before: 15, returned: 15, after: 15 });
  });
});
