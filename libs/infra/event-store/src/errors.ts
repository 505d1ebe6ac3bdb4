export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class IdempotencyConflictError extends Error {
  constructor(readonly streamId: string, readonly eventIds: readonly string[]) {
    super(`Some but not all of the events ${eventIds.join(', ')} are already stored in ${streamId}`);
    this.name = 'IdempotencyConflictError';
  }
}

/** One thing wrong with the arguments of a call: where (e.g. `events[0].metadata.actorId`) and why. */
export interface ArgumentProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The arguments of a call were malformed (bad stream id, event envelope, data that is not
 * plain JSON, or read range); nothing was written.
 */
export class EventStoreArgumentError extends Error {
  constructor(readonly problems: readonly ArgumentProblem[]) {
    super(`Invalid event store arguments: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'EventStoreArgumentError';
  }
}
