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
