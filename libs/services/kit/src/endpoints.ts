import { Injectable } from '@nestjs/common';

/** The paths of an OpenAPI document with the methods each answers (`get`, `post`, … and keys that are not methods). */
export type OpenApiPaths = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Endpoint {
  /** How many `/`-separated segments the path has (a cheap test before the pattern's). */
  readonly segments: number;
  readonly pattern: RegExp;
  readonly methods: readonly string[];
  /** By method: the media types its request body may be (`application/json`); none when the operation declares no body. */
  readonly bodyTypes: ReadonlyMap<string, readonly string[]>;
}

/** The media types an OpenAPI operation's `requestBody.content` lists. */
function bodyTypesOf(operation: unknown): string[] {
  const content = (operation as { requestBody?: { content?: unknown } } | undefined)?.requestBody?.content;
  return typeof content === 'object' && content !== null ? Object.keys(content).map((type) => type.toLowerCase()) : [];
}

/**
 * The service's endpoints, from its OpenAPI document (serveOpenApi loads it): which methods a
 * request path is answered with, so that a request with the wrong method is told which ones
 * the path takes (405 with `Allow`) rather than that nothing is there (404), and which media
 * types each one's body may be, so that a body of another type is refused as such (415)
 * rather than read as no body at all.
 */
@Injectable()
export class EndpointTable {
  private endpoints: readonly Endpoint[] = [];

  /** Loads the document's paths (`/api/v1/declarations/{id}`), replacing what was loaded before. */
  load(paths: OpenApiPaths): void {
    this.endpoints = Object.entries(paths).map(([template, operations]) => {
      const methods = METHODS.filter((method) => method in operations);
      return {
        segments: segmentCount(template),
        pattern: templatePattern(template),
        methods: methods.map((method) => method.toUpperCase()),
        bodyTypes: new Map(methods.map((method) => [method.toUpperCase(), bodyTypesOf(operations[method])])),
      };
    });
  }

  /**
   * The media types a request body may be for `method` at `path`, as the endpoints' documents
   * declare them; empty when no endpoint takes the method there or none declares a body.
   */
  bodyTypesAt(method: string, path: string): string[] {
    const types = new Set<string>();
    for (const endpoint of this.having(path)) for (const type of endpoint.bodyTypes.get(method.toUpperCase()) ?? []) types.add(type);
    return [...types];
  }

  /**
   * The methods `path` is answered with, sorted: those of the endpoints that have it, HEAD
   * wherever GET is (as Express answers it) and OPTIONS (as the error filter answers it); empty
   * when no endpoint has the path. Matched as Express routes it: case apart, a trailing slash
   * apart, a `{parameter}` standing for one segment.
   */
  methodsAt(path: string): string[] {
    const methods = new Set<string>();
    for (const endpoint of this.having(path)) for (const method of endpoint.methods) methods.add(method);
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  }

  /** The endpoints whose template `path` matches. */
  private having(path: string): Endpoint[] {
    const segments = segmentCount(path);
    return this.endpoints.filter((endpoint) => endpoint.segments === segments && endpoint.pattern.test(path));
  }
}

/** The segments of a path or template, a trailing slash apart. */
function segmentCount(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length - 1; i++) if (path.charCodeAt(i) === 47) count++;
  return count;
}

/** `/api/v1/declarations/{id}` as a pattern a request path matches. */
function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`, 'i');
}
