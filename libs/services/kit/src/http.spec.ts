import { malformedPathRefusal } from './http';

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
