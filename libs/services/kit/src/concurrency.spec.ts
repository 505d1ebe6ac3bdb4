import { forEachConcurrently } from './concurrency';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachConcurrently', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await tick();
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, lets the started ones finish, then throws the first failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = forEachConcurrently([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('item 1 refused');
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow('item 1 refused');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([0]);
  });

  it('refuses a limit that is not a whole number of at least 1', async () => {
    await expect(forEachConcurrently([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});
