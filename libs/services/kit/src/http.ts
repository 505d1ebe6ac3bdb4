import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DomainError } from '@bj/kernel';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI (Swagger UI at /docs, JSON at /docs-json) with bearer auth. */
export function serveOpenApi(app: INestApplication, title: string, description: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** The largest JSON request body the services accept (a declaration with its documents' metadata is far smaller). */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A request body the JSON parser refused before any endpoint saw it: not JSON, over the
 * limit, in a charset or encoding it cannot read, or cut off. Carries body-parser's reason
 * (`type`, e.g. `entity.too.large`; `entity.not.object` for a bare value such as `42`, which
 * the parser takes for malformed), so the error filter can name it.
 */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** For a body over the limit: its length and the limit, in bytes. */
    readonly size?: { readonly length?: number; readonly limit: number },
  ) {
    super(message);
  }
}

interface BodyParserError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  readonly length?: unknown;
  readonly limit?: unknown;
  /** The text that failed to parse (entity.parse.failed). */
  readonly body?: unknown;
}

/** body-parser's errors are http-errors with a client status and a `type` naming the reason. */
function isBodyParserError(e: unknown): e is BodyParserError {
  const { status, type } = (e ?? {}) as { status?: unknown; type?: unknown };
  return e instanceof Error && typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * JSON request bodies up to JSON_BODY_LIMIT_BYTES. What the parser refuses reaches the error
 * filter as a RequestBodyError, so that it is answered with its reason. Otherwise Nest would
 * turn only malformed JSON (a SyntaxError) into a bare 400 and hand the rest on as they are,
 * and a body over the limit would be answered as an internal error.
 */
export function acceptJsonBodies(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use((error: unknown, _request: unknown, _response: unknown, next: (error: unknown) => void) => {
    if (!isBodyParserError(error)) return next(error);
    const size = error.type === 'entity.too.large' ? { limit: Number(error.limit), ...(typeof error.length === 'number' ? { length: error.length } : {}) } : undefined;
    // the parser takes only objects and arrays; JSON.parse's message would call `42` invalid JSON
    const text = typeof error.body === 'string' ? error.body.trim() : '';
    const bare = error.type === 'entity.parse.failed' && text !== '' && text[0] !== '{' && text[0] !== '[';
    if (bare) return next(new RequestBodyError(400, 'entity.not.object', `must be a JSON object, not the bare value ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`));
    next(new RequestBodyError(error.status, error.type, error.message, size));
  });
}

/** A session year from a path or query parameter, or INVALID naming `path`. */
export function parseYear(text: string, path = '/year'): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(String(text)) || year < 2020 || year > 2100) throw DomainError.invalid([{ path, message: `must be a year from 2020 to 2100, got ${JSON.stringify(text)}` }]);
  return year;
}

/** A query parameter that must be one of `values`, or INVALID naming `path` and the values. */
export function parseOneOf<T extends string>(text: string, values: readonly T[], path: string): T {
  if (!(values as readonly string[]).includes(text)) throw DomainError.invalid([{ path, message: `must be one of ${values.join(', ')}, got ${JSON.stringify(text)}` }]);
  return text as T;
}
