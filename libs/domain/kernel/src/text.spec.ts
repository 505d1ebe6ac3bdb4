import { echo, textProblems } from './text';

describe('textProblems', () => {
  it('accepts ordinary text, Chinese, emoji (a surrogate pair) and the whitespace free text holds', () => {
    expect(textProblems({ name: '李明', note: '第一行\n第二行\t结束\r\n', mood: '🙂', list: ['a', 1, null, true] })).toEqual([]);
  });

  it('names a lone surrogate by its JSON pointer, its code point and its place', () => {
    expect(textProblems({ applicant: { name: '\ud800李' } }, '/declaration')).toEqual([
      { path: '/declaration/applicant/name', message: 'is not well-formed Unicode: a lone surrogate U+D800 at character 1' },
    ]);
    expect(textProblems(['ok', 'x\udc00'])).toEqual([{ path: '/1', message: 'is not well-formed Unicode: a lone surrogate U+DC00 at character 2' }]);
  });

  it('names control characters, and bad text in an object key', () => {
    expect(textProblems({ name: '李\u0000明', 'a/b\u0007': 'x' })).toEqual([
      { path: '/name', message: 'holds the control character U+0000 at character 2' },
      { path: '/a~1b\u0007', message: 'its name holds the control character U+0007 at character 4' },
    ]);
  });

  it('names each problem by its JSON pointer through arrays and escaped names, in document order', () => {
    expect(textProblems({ 'a~b': ['ok', { c: '\u0001', 'd/e': ['\ud800'] }], f: { g: 'x\u007f' } }, '/body')).toEqual([
      { path: '/body/a~0b/1/c', message: 'holds the control character U+0001 at character 1' },
      { path: '/body/a~0b/1/d~1e/0', message: 'is not well-formed Unicode: a lone surrogate U+D800 at character 1' },
      { path: '/body/f/g', message: 'holds the control character U+007F at character 2' },
    ]);
    // a string with both is named by its lone surrogate, wherever the control character is
    expect(textProblems('\u0002\udfff')).toEqual([{ path: '', message: 'is not well-formed Unicode: a lone surrogate U+DFFF at character 2' }]);
  });

  it('walks a body nested deeper than the call stack, and lists at most 20 problems', () => {
    let deep: unknown = '\u0001';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(textProblems(deep)).toHaveLength(1);
    expect(textProblems(Array.from({ length: 100 }, () => '\u0001'))).toHaveLength(20);
  });
});

describe('echo', () => {
  it('gives back short text whole and cuts what is longer than 40 characters, marking the cut', () => {
    expect(echo('6f1c2a4e-0b7d-4c55-9a31-2f8e7d6c5b4a')).toBe('6f1c2a4e-0b7d-4c55-9a31-2f8e7d6c5b4a');
    expect(echo('x'.repeat(5000))).toBe(`${'x'.repeat(40)}…`);
  });
});
