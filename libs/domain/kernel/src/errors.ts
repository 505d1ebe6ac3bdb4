/** One problem with the input: where (a JSON path such as `/applicant/idNumber`) and why. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type DomainErrorKind =
  | 'INVALID' // the input breaks its schema or a format rule → 400
  | 'FORBIDDEN' // the actor may not do this to this resource → 403
  | 'NOT_FOUND' // no such resource (or not visible to the actor) → 404
  | 'CONFLICT' // a concurrent change or a duplicate → 409
  | 'RULE_VIOLATED'; // the command breaks a rule of the measures in the current state → 422

/**
 * An expected refusal. Carries a stable `code` (e.g. `PUBLICITY_NOT_FINISHED`), a readable
 * message and the problems by path. Refused commands write no event.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(problems: readonly Problem[], message = 'The input is invalid'): DomainError {
    return new DomainError('INVALID', 'INVALID_INPUT', message, problems);
  }
  static forbidden(message: string, code = 'FORBIDDEN'): DomainError {
    return new DomainError('FORBIDDEN', code, message);
  }
  static notFound(message: string, code = 'NOT_FOUND'): DomainError {
    return new DomainError('NOT_FOUND', code, message);
  }
  static conflict(message: string, code = 'CONFLICT'): DomainError {
    return new DomainError('CONFLICT', code, message);
  }
  static rule(code: string, message: string, problems: readonly Problem[] = []): DomainError {
    return new DomainError('RULE_VIOLATED', code, message, problems);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
