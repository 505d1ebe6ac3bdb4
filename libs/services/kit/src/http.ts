import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { echo, textProblems } from '@bj/kernel';
import { RequestRefusedError, type ErrorBody } from './error-filter';
import { EndpointTable } from './endpoints';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * OpenAPI (Swagger UI at /docs, JSON at /docs-json) with bearer auth; its paths are what the
 * EndpointTable knows (a wrong method on a known path is a 405, not a 404, and a body of a type
 * the endpoint does not read a 415).
 */
export function serveOpenApi(app: INestApplication, title: string, description: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.get(EndpointTable).load({ ...document.paths, '/docs': { get: {} }, '/docs-json': { get: {} } });
}

/** The largest JSON request body the services accept (a declaration with its documents' metadata is far smaller). */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

interface BodyParserError {
  readonly status: number;
  /** body-parser's reason, e.g. `entity.too.large`; none when the body did not decode as its Content-Encoding (zlib's error, with zlib's `code`). */
  readonly type?: string;
  /** zlib's code (`Z_DATA_ERROR`, `ERR__ERROR_FORMAT_PADDING_2`, …) for a body that did not decode. */
  readonly code?: string;
  readonly message: string;
  readonly length?: unknown;
  readonly limit?: unknown;
  /** The text that failed to parse (entity.parse.failed). */
  readonly body?: unknown;
}

/**
 * body-parser's errors are http-errors with a client status and a `type` naming the reason, but
 * for a body that does not decode as its Content-Encoding (gzip, deflate, br), which is zlib's
 * own error given the status 400, with zlib's `code` and no `type`.
 */
function isBodyParserError(e: unknown): e is BodyParserError {
  const { status, type, code } = (e ?? {}) as { status?: unknown; type?: unknown; code?: unknown };
  return e instanceof Error && (typeof type === 'string' || typeof code === 'string') && typeof status === 'number' && status >= 400 && status < 500;
}

/** A request refused as a whole (its body or its path, not one field): the problem is at the path ''. */
function refused(statusCode: number, code: string, message: string, problem = message): ErrorBody {
  return { statusCode, code, message, problems: [{ path: '', message: problem }] };
}

/** What a body the JSON parser refused is answered with, by body-parser's reason; `encoding` is the request's Content-Encoding. */
function refusal(error: BodyParserError, encoding: unknown): ErrorBody {
  if (error.type === undefined) {
    // zlib's code, not its message: http-errors keeps the message only when zlib's error is of its own realm (not so under jest)
    const problem = `is not the ${echo(String(encoding).toLowerCase())} data its Content-Encoding declares (${error.code})`;
    return refused(400, 'MALFORMED_ENCODING', `The request body ${problem}`, problem);
  }
  switch (error.type) {
    case 'entity.parse.failed': {
      // the parser takes only objects and arrays; JSON.parse's message would call `42` invalid JSON
      const text = typeof error.body === 'string' ? error.body.trim() : '';
      if (text !== '' && text[0] !== '{' && text[0] !== '[') {
        const problem = `must be a JSON object, not the bare value ${echo(text)}`;
        return refused(400, 'MALFORMED_JSON', `The request body ${problem}`, problem);
      }
      return refused(400, 'MALFORMED_JSON', `The request body is not valid JSON: ${error.message}`, error.message);
    }
    case 'entity.too.large': {
      const limit = `${Number(error.limit).toLocaleString('en')} bytes`;
      return refused(413, 'PAYLOAD_TOO_LARGE', typeof error.length === 'number' ? `The request body is ${error.length.toLocaleString('en')} bytes; at most ${limit} are accepted` : `The request body is over the limit of ${limit}`);
    }
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return refused(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body cannot be read: ${error.message}; send UTF-8 JSON`, error.message);
    case 'request.aborted':
      return refused(400, 'REQUEST_ABORTED', 'The request body was cut off before its end', error.message);
    default:
      return refused(error.status, 'BAD_REQUEST', `The request body was refused: ${error.message}`, error.message);
  }
}

/**
 * What every service does with a request before any endpoint sees it: answers without an
 * `X-Powered-By` banner, refuses a path that is not sound percent-encoding
 * (malformedPathRefusal) and a body of a type its endpoint does not read
 * (unsupportedBodyRefusal), then parses a JSON body up to JSON_BODY_LIMIT_BYTES. What the parser
 * refuses (not JSON, over the limit, in a charset it cannot read, cut off) reaches the error
 * filter as a RequestRefusedError with its reason, and so does a parsed body that is an array
 * (arrayBodyRefusal) or holds unsound text (badTextRefusal). Otherwise Nest would turn only
 * malformed JSON (a SyntaxError) and a malformed path (a URIError, "Failed to decode param")
 * into a bare 400 and hand the rest on as they are, and a body over the limit would be
 * answered as an internal error.
 */
export function acceptRequests(app: NestExpressApplication): void {
  // no banner naming the framework (a security review's finding: 信息泄露)
  app.disable('x-powered-by');
  app.use(refusing((request: { path: string }) => malformedPathRefusal(request.path)));
  const endpoints = app.get(EndpointTable);
  app.use(refusing((request: BodyRequest) => unsupportedBodyRefusal(request, endpoints)));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use((error: unknown, request: BodyRequest, _response: unknown, next: (error: unknown) => void) =>
    next(isBodyParserError(error) ? new RequestRefusedError(refusal(error, request.headers['content-encoding'])) : error),
  );
  app.use(refusing((request: { body?: unknown }) => arrayBodyRefusal(request.body) ?? badTextRefusal(request.body)));
}

/** A middleware that hands the error filter what `check` refuses a request with, and lets the rest through. */
function refusing<R>(check: (request: R) => ErrorBody | undefined) {
  return (request: R, _response: unknown, next: (error?: unknown) => void): void => {
    const refused = check(request);
    next(refused ? new RequestRefusedError(refused) : undefined);
  };
}

/**
 * A request path with a segment whose percent-encoding does not decode to UTF-8 text
 * (`/declarations/%E4%B8`, `/sessions/%zz`), refused as MALFORMED_PATH naming the segment;
 * undefined when every segment decodes. Express would decode it only when a route's parameter
 * holds it, and answer "Failed to decode param" without saying what is wrong.
 */
export function malformedPathRefusal(path: string): ErrorBody | undefined {
  if (!path.includes('%')) return undefined;
  for (const [index, segment] of path.split('/').entries()) {
    if (!segment.includes('%')) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      const problem = `segment ${index} of the path, ${echo(segment)}, is not valid percent-encoding: each % must begin %XX, and the bytes must be UTF-8`;
      return refused(400, 'MALFORMED_PATH', `The request path cannot be read: ${problem}`, problem);
    }
  }
  return undefined;
}

/** What unsupportedBodyRefusal reads of a request. */
export interface BodyRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * A request body of a media type its endpoint does not read (as `endpoints` has it from the
 * OpenAPI document), or with no Content-Type, refused as UNSUPPORTED_MEDIA_TYPE naming the
 * types it takes; undefined when the type is one of them, when the request carries no body, or
 * when the endpoint declares none (or there is no such endpoint, which routing answers).
 * Otherwise the JSON parser would skip a JSON body sent as `text/plain`, and the endpoint would
 * answer that the fields are missing.
 */
export function unsupportedBodyRefusal(request: BodyRequest, endpoints: Pick<EndpointTable, 'bodyTypesAt'>): ErrorBody | undefined {
  const { 'content-type': contentType, 'content-length': length, 'transfer-encoding': chunked } = request.headers;
  if (chunked === undefined && !(Number(length) > 0)) return undefined;
  const types = endpoints.bodyTypesAt(request.method, request.path);
  if (types.length === 0) return undefined;
  const mediaType = typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
  if (types.includes(mediaType)) return undefined;
  const takes = `${request.method} ${echo(request.path)} takes ${types.join(' or ')}`;
  const problem = mediaType === '' ? `has no Content-Type; ${takes}` : `is ${echo(mediaType)}; ${takes}`;
  return refused(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body ${problem}`, problem);
}

/**
 * A JSON body that is an array, refused as MALFORMED_JSON as a bare value is: every endpoint's
 * body is an object (the declaration round-trip e2e test checks the OpenAPI document for it), and
 * the parser takes arrays, so `[{"declaration": …}]` would otherwise be answered as if the
 * object's fields were missing.
 */
export function arrayBodyRefusal(body: unknown): ErrorBody | undefined {
  if (!Array.isArray(body)) return undefined;
  const problem = `must be a JSON object, not an array (of ${body.length.toLocaleString('en')} item${body.length === 1 ? '' : 's'})`;
  return refused(400, 'MALFORMED_JSON', `The request body ${problem}`, problem);
}

/**
 * A body whose strings hold what no text field should (a lone surrogate, which the log would
 * store as U+FFFD, or a control character), refused as INVALID naming each field; undefined
 * when its text is sound. Runs on every parsed body, so no endpoint stores text that reads back
 * differently after a restart.
 */
export function badTextRefusal(body: unknown): ErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const problems = textProblems(body);
  return problems.length === 0 ? undefined : { statusCode: 400, code: 'INVALID_INPUT', message: `The request body holds text that cannot be accepted: ${problems[0].path} ${problems[0].message}`, problems };
}
