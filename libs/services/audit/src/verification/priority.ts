import { getPriority, setPriority } from 'node:os';

/**
 * The niceness at which the auditor's walks of the whole log (verify, checkpoint) run unless
 * told otherwise. A verification is a background job: on a host that also serves, or that is
 * rebuilding its read models after a restart, the other work keeps the CPU it asks for and the
 * verification takes the rest, which is all of it on an idle host. Beside the start's rebuild of
 * 1,000,000 events on two cores, where the rebuild's collector threads want the core the
 * verification holds, both finished sooner in 16 runs of 20 in turns (docs/benchmarks.md).
 */
export const VERIFICATION_NICENESS = 10;

/**
 * Lowers the calling thread's CPU priority to VERIFICATION_NICENESS, never raising it: on Linux
 * a niceness is a thread's, and the verification runs on the main thread. Gives the niceness in
 * force afterwards, or undefined where the system refuses (the walk then runs as it is).
 */
export function lowerPriorityForVerification(): number | undefined {
  try {
    const current = getPriority();
    if (current < VERIFICATION_NICENESS) setPriority(VERIFICATION_NICENESS);
    return getPriority();
  } catch {
    return undefined;
  }
}
