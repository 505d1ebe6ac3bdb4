import { Injectable } from '@nestjs/common';

/** The paths of an OpenAPI document with the methods each answers (`get`, `post`, … and keys that are not methods). */
export type OpenApiPaths = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Endpoint {
  readonly pattern: RegExp;
  readonly methods: readonly string[];
}

/**
 * The service's endpoints, from its OpenAPI document (serveOpenApi loads it): which methods a
 * request path is answered with, so that a request with the wrong method is told which ones
 * the path takes (405 with `Allow`) rather than that nothing is there (404).
 */
@Injectable()
export class EndpointTable {
  private endpoints: readonly Endpoint[] = [];

  /** Loads the document's paths (`/api/v1/declarations/{id}`), replacing what was loaded before. */
  load(paths: OpenApiPaths): void {
    this.endpoints = Object.entries(paths).map(([template, operations]) => ({
      pattern: templatePattern(template),
      methods: METHODS.filter((method) => method in operations).map((method) => method.toUpperCase()),
    }));
  }

  /**
   * The methods `path` is answered with, sorted: those of the endpoints that have it, HEAD
   * wherever GET is (as Express answers it) and OPTIONS (as the error filter answers it); empty
   * when no endpoint has the path. Matched as Express routes it: case
   * apart, a trailing slash apart, a `{parameter}` standing for one segment.
   */
  methodsAt(path: string): string[] {
    const methods = new Set<string>();
    for (const endpoint of this.endpoints) {
      if (!endpoint.pattern.test(path)) continue;
      for (const method of endpoint.methods) methods.add(method);
    }
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  }
}

/** `/api/v1/declarations/{id}` as a pattern a request path matches. */
function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`, 'i');
}
