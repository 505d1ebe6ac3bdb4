import { Catch, HttpException, HttpStatus, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { echo, isDomainError, type DomainErrorKind, type Problem } from '@bj/kernel';
import { WrongExpectedVersionError } from '@bj/event-store';
import { UnauthenticatedError } from './access';
import { EndpointTable } from './endpoints';

const STATUS: Record<DomainErrorKind, number> = {
  INVALID: HttpStatus.BAD_REQUEST,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  RULE_VIOLATED: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  problems: Problem[];
}

/** A request refused before any endpoint saw it (its path or its body, see acceptRequests), answered with `body`. */
export class RequestRefusedError extends Error {
  override readonly name = 'RequestRefusedError';
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/** Every error becomes a clear JSON body naming the field and the reason; never a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly endpoints: EndpointTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<ResponseLine>();
    const request = http.getRequest<RequestLine>();
    if (isNoSuchEndpoint(exception, request)) return this.answerUnrouted(request, response);
    const body = errorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(body.statusCode).json(body);
  }

  /**
   * A request no route took: 404 when no endpoint has its path; when one has it, the methods it
   * takes in `Allow`, with 405 for a wrong method and 204 for OPTIONS (as Express would answer
   * OPTIONS, had Nest not ended its routing with a 404).
   */
  private answerUnrouted(request: RequestLine, response: ResponseLine): void {
    const methods = this.endpoints.methodsAt(request.path ?? request.url);
    if (methods.length === 0) return void response.status(404).json(noSuchEndpoint(request));
    response.setHeader('Allow', methods.join(', '));
    if (request.method === 'OPTIONS') return void response.status(204).end();
    response.status(405).json(wrongMethod(request, methods));
  }
}

interface ResponseLine {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void; end(): void };
}

interface RequestLine {
  readonly method: string;
  readonly url: string;
  /** The path without the query (Express). */
  readonly path?: string;
}

/** Nest's answer to a request no route matches: a NotFoundException reading `Cannot <method> <url>` (the annual-session e2e test fails if Nest words it otherwise). */
function isNoSuchEndpoint(e: unknown, request: RequestLine | undefined): request is RequestLine {
  return e instanceof NotFoundException && request !== undefined && e.message === `Cannot ${request.method} ${request.url}`;
}

/** A request no endpoint answers: the method and path (cut to 40 characters, as every echo) and where the endpoints are listed. */
function noSuchEndpoint(request: RequestLine): ErrorBody {
  return { statusCode: 404, code: 'NO_SUCH_ENDPOINT', message: `No endpoint answers ${request.method} ${echo(request.path ?? request.url)}; the endpoints are listed at /docs`, problems: [] };
}

/** A request whose path some endpoint has, with a method none answers it with (the response's `Allow` header lists them too). */
function wrongMethod(request: RequestLine, methods: readonly string[]): ErrorBody {
  return { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: `No endpoint answers ${request.method} ${echo(request.path ?? request.url)}; that path is answered with ${methods.join(', ')}`, problems: [] };
}

/** The response body for an error, as every endpoint answers it (a batch answers it per item). */
export function errorBody(e: unknown): ErrorBody {
  if (isDomainError(e)) return { statusCode: STATUS[e.kind], code: e.code, message: e.message, problems: [...e.problems] };
  if (e instanceof UnauthenticatedError) return { statusCode: 401, code: 'UNAUTHENTICATED', message: e.message, problems: [] };
  if (e instanceof WrongExpectedVersionError) return { statusCode: 409, code: 'CONCURRENT_CHANGE', message: e.message, problems: [] };
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const res = e.getResponse();
    const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? e.message);
    const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`;
    return { statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : message, problems: [] };
  }
  if (e instanceof RequestRefusedError) return e.body;
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An internal error occurred; it has been logged', problems: [] };
}
