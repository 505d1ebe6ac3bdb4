/** How many independent commands of one request are decided at once (their appends then share commits). */
export const COMMANDS_AT_ONCE = 16;

/**
 * Runs `task` on every item, at most `limit` at once, in the items' order of starting. After a
 * task fails no further one starts; the ones already started finish, then the first failure is
 * thrown. Commands on distinct streams run this way share their commits (group commit).
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`at most how many at once must be a whole number >= 1, got ${limit}`);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        await task(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
