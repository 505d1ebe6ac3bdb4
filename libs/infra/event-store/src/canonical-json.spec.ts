import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: '北京' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"北京","z":null}]},"b":1}',
    );
  });

  it('writes the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('reads back to an equal value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalized = JSON.parse(JSON.stringify(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(normalized);
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it.each([
    ['undefined member', { a: { b: undefined } }, '$.a.b', /undefined/],
    ['undefined in an array', [1, undefined], '$[1]', /undefined/],
    ['function', { f: () => 1 }, '$.f', /function/],
    ['NaN', { n: Number.NaN }, '$.n', /finite/],
    ['Infinity', [Infinity], '$[0]', /finite/],
    ['Date', { at: new Date(0) }, '$.at', /Date object is not plain JSON/],
    ['Map', { 'odd key': new Map() }, '$["odd key"]', /Map object/],
    ['bigint', { n: BigInt(1) }, '$.n', /bigint/],
  ])('refuses a %s, naming where', (_label, value, path, reason) => {
    const error = (() => {
      try {
        canonicalJson(value);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).path).toBe(path);
    expect((error as CanonicalJsonError).message).toMatch(reason);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/\$\.self: the value contains a cycle/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});
