import { EndpointTable } from './endpoints';
import { arrayBodyRefusal, malformedPathRefusal, unsupportedBodyRefusal } from './http';

describe('malformedPathRefusal', () => {
  it('lets through a path whose every segment decodes, or that holds no percent sign', () => {
    for (const path of ['/api/v1/declarations/decl-1', '/api/v1/declarations/%E4%B8%AD', '/api/v1/meetings/100%25', '/api/v1/a%2Fb/c', '/']) {
      expect(malformedPathRefusal(path)).toBeUndefined();
    }
  });

  it('refuses the first segment that does not decode, counting segments from 1 and cutting a long one to 40 characters', () => {
    expect(malformedPathRefusal('/api/%E4/x/%zz')).toEqual({
      statusCode: 400,
      code: 'MALFORMED_PATH',
      message: 'The request path cannot be read: segment 2 of the path, %E4, is not valid percent-encoding: each % must begin %XX, and the bytes must be UTF-8',
      problems: [{ path: '', message: 'segment 2 of the path, %E4, is not valid percent-encoding: each % must begin %XX, and the bytes must be UTF-8' }],
    });
    // an overlong encoding of "/" and a lone surrogate's bytes are not UTF-8
    expect(malformedPathRefusal('/a/%C0%AF')?.problems[0].message).toMatch(/^segment 2 of the path, %C0%AF, /);
    expect(malformedPathRefusal('/a/%ED%A0%80')?.problems[0].message).toMatch(/^segment 2 of the path, %ED%A0%80, /);
    expect(malformedPathRefusal(`/a/${'%'.repeat(100)}`)?.problems[0].message).toContain(`${'%'.repeat(40)}…,`);
  });
});

describe('unsupportedBodyRefusal', () => {
  const endpoints = new EndpointTable();
  endpoints.load({
    '/api/v1/declarations': { get: {}, post: { requestBody: { content: { 'application/json': {} } } } },
    '/api/v1/declarations/{id}/evidence': { post: { requestBody: { content: { 'multipart/form-data': {} } } } },
    '/api/v1/meetings/{id}/open': { post: {} },
  });
  const request = (method: string, path: string, headers: Record<string, string>) => ({ method, path, headers });

  it('lets through a body of a type the endpoint reads, whatever its parameters and case, and a request with no body', () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', { 'content-type': contentType, 'content-length': '2' }), endpoints)).toBeUndefined();
    }
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations/d-1/evidence', { 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' }), endpoints)).toBeUndefined();
    // no body: the endpoint answers what is missing
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', { 'content-type': 'text/plain', 'content-length': '0' }), endpoints)).toBeUndefined();
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', {}), endpoints)).toBeUndefined();
  });

  it('leaves alone an endpoint that declares no body, and a path or method no endpoint has (routing answers those)', () => {
    for (const [method, path] of [['POST', '/api/v1/meetings/m-1/open'], ['PUT', '/api/v1/declarations'], ['POST', '/api/v1/nothing']]) {
      expect(unsupportedBodyRefusal(request(method, path, { 'content-type': 'text/plain', 'content-length': '2' }), endpoints)).toBeUndefined();
    }
  });

  it('refuses another type, or none, naming what the endpoint takes', () => {
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', { 'content-type': 'text/plain;charset=UTF-8', 'content-length': '7' }), endpoints)).toEqual({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The request body is text/plain; POST /api/v1/declarations takes application/json',
      problems: [{ path: '', message: 'is text/plain; POST /api/v1/declarations takes application/json' }],
    });
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', { 'content-length': '7' }), endpoints)?.message).toBe('The request body has no Content-Type; POST /api/v1/declarations takes application/json');
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations/d-1/evidence', { 'content-type': 'application/json', 'content-length': '2' }), endpoints)?.message).toBe('The request body is application/json; POST /api/v1/declarations/d-1/evidence takes multipart/form-data');
    expect(unsupportedBodyRefusal(request('POST', '/api/v1/declarations', { 'content-type': `x/${'y'.repeat(100)}`, 'content-length': '2' }), endpoints)?.message).toContain(`is x/${'y'.repeat(38)}…;`);
  });
});

describe('arrayBodyRefusal', () => {
  it('refuses an array, counting its items, and lets anything else through', () => {
    expect(arrayBodyRefusal([1, 2])).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'The request body must be a JSON object, not an array (of 2 items)',
      problems: [{ path: '', message: 'must be a JSON object, not an array (of 2 items)' }],
    });
    for (const body of [{}, { items: [] }, undefined, null, 'x']) expect(arrayBodyRefusal(body)).toBeUndefined();
  });
});
