import { EndpointTable } from './endpoints';

describe('EndpointTable', () => {
  const table = new EndpointTable();
  table.load({
    '/api/v1/declarations': { get: {}, post: {}, parameters: [] },
    '/api/v1/declarations/{id}': { get: {}, put: {} },
    '/api/v1/declarations/{id}/submit': { post: {} },
    '/api/v1/statistics/{year}/export.csv': { get: {} },
    '/api/v1/meetings/{id}/open': { post: {} },
    '/api/v1/meetings/{id}/close': { post: {} },
  });

  it('gives the methods of every endpoint that has the path, with HEAD where GET is and OPTIONS, and skips keys that are not methods', () => {
    expect(table.methodsAt('/api/v1/declarations')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(table.methodsAt('/api/v1/declarations/decl-1')).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT']);
    expect(table.methodsAt('/api/v1/declarations/decl-1/submit')).toEqual(['OPTIONS', 'POST']);
  });

  it('matches as Express routes: a parameter is one whole segment, case and a trailing slash apart, literal dots', () => {
    expect(table.methodsAt('/API/V1/Declarations/')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(table.methodsAt('/api/v1/statistics/2026/export.csv')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(table.methodsAt('/api/v1/statistics/2026/exportxcsv')).toEqual([]);
    expect(table.methodsAt('/api/v1/declarations/a/b')).toEqual([]);
    expect(table.methodsAt('/api/v1/declarations//submit')).toEqual([]);
    expect(table.methodsAt('/api/v1/meetings/m-1')).toEqual([]);
  });

  it('knows no path before a document is loaded, and only the last one after', () => {
    const fresh = new EndpointTable();
    expect(fresh.methodsAt('/api/v1/declarations')).toEqual([]);
    fresh.load({ '/health': { get: {} } });
    fresh.load({ '/docs': { get: {} } });
    expect(fresh.methodsAt('/health')).toEqual([]);
    expect(fresh.methodsAt('/docs')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});
