export interface MessagingProblem {
  readonly path: string;
  readonly message: string;
}

/** A message or subscription that cannot be accepted; `problems` name each field and the reason. */
export class InvalidMessagingInputError extends Error {
  constructor(
    readonly what: 'message' | 'subscription' | 'configuration',
    readonly problems: readonly MessagingProblem[],
  ) {
    super(`Invalid ${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidMessagingInputError';
  }
}

/** The broker did not accept a publish (after the client's own retries). */
export class MessagePublishError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MessagePublishError';
  }
}

/** A consumer could not start (e.g. the broker is unreachable or the group could not be joined). */
export class ConsumerStartError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ConsumerStartError';
  }
}
