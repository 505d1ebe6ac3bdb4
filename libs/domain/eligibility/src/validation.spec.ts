import { DomainError } from '@bj/kernel';
import { evaluateEligibility, validateAndEvaluate } from './evaluate';
import { DeclarationBuilder, validCreditCode, validIdNumber } from './testing/declaration-builder';
import { validateDeclaration } from './validation';

const valid = () => DeclarationBuilder.for('ENGINEER').degree('MASTER', '2023-06-30').work('2023-07-01').build();

function problemsOf(input: unknown) {
  const result = validateDeclaration(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
}

describe('validateDeclaration', () => {
  it('accepts a valid declaration and returns it typed', () => {
    const declaration = valid();
    expect(validateDeclaration(declaration)).toEqual({ ok: true, declaration });
  });

  it.each([null, undefined, 42, 'text', [], [1, 2], true])('refuses %p as not an object, without throwing', (input) => {
    expect(problemsOf(input)).toEqual([{ path: '', message: expect.stringContaining('JSON 对象') }]);
  });

  it('refuses deep junk without throwing', () => {
    let junk: unknown = { x: 1 };
    for (let i = 0; i < 5000; i++) junk = { applicant: junk, education: [junk] };
    expect(problemsOf(junk).length).toBeGreaterThan(0);
  });

  it('refuses a value that throws when read, without throwing', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    expect(problemsOf(hostile)).toEqual([expect.objectContaining({ path: '' })]);
  });

  it('lists every missing required field by its path', () => {
    expect(problemsOf({}).map((p) => p.path)).toEqual(['/applicant', '/employer', '/direction', '/targetLevel', '/education', '/aiWorkPeriods']);
  });

  it('names an unknown field, a wrong enum value and a wrong type', () => {
    const declaration = { ...valid(), extra: 1, direction: 'ART', employer: { ...valid().employer, inBeijing: 'yes' } };
    expect(problemsOf(declaration)).toEqual([
      { path: '/extra', message: expect.stringContaining('不允许的字段') },
      { path: '/employer/inBeijing', message: expect.stringContaining('布尔值') },
      { path: '/direction', message: expect.stringContaining('RESEARCH、APPLICATION') },
    ]);
  });

  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-1-01', '20250101'])('refuses %s as a date', (date) => {
    const declaration = { ...valid(), education: [{ level: 'MASTER', graduatedOn: date }] };
    expect(problemsOf(declaration)).toEqual([{ path: '/education/0/graduatedOn', message: expect.stringContaining('不是真实存在的日期') }]);
  });

  it('accepts 29 February of a leap year', () => {
    expect(validateDeclaration({ ...valid(), education: [{ level: 'MASTER', graduatedOn: '2024-02-29' }] }).ok).toBe(true);
  });

  it('refuses an ID number whose check digit is wrong', () => {
    const id = validIdNumber('1990-01-01', 1);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(problemsOf({ ...valid(), applicant: { name: '甲', idNumber: wrong } })).toEqual([
      { path: '/applicant/idNumber', message: expect.stringContaining('校验位错误') },
    ]);
  });

  it('refuses an ID number whose birth date is no calendar day', () => {
    const id = validIdNumber('1990-02-30', 1);
    expect(problemsOf({ ...valid(), applicant: { name: '甲', idNumber: id } })).toEqual([
      { path: '/applicant/idNumber', message: expect.stringContaining('出生日期 1990-02-30') },
    ]);
  });

  it('refuses an ID number of the wrong shape, with one problem', () => {
    expect(problemsOf({ ...valid(), applicant: { name: '甲', idNumber: '11010519900101001x' } })).toEqual([
      { path: '/applicant/idNumber', message: expect.stringContaining('格式错误') },
    ]);
  });

  it('refuses a credit code whose check character is wrong', () => {
    const code = validCreditCode(7);
    const wrong = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    expect(problemsOf({ ...valid(), employer: { ...valid().employer, creditCode: wrong } })).toEqual([
      { path: '/employer/creditCode', message: expect.stringContaining('校验码错误') },
    ]);
  });

  it('refuses a credit code with a letter GB 32100 excludes', () => {
    expect(problemsOf({ ...valid(), employer: { ...valid().employer, creditCode: '9111010800000000IA' } })).toEqual([
      { path: '/employer/creditCode', message: expect.stringContaining('格式错误') },
    ]);
  });

  it('refuses a period that ends before it starts, and accepts a one-day period', () => {
    const declaration = { ...valid(), aiWorkPeriods: [{ from: '2024-01-01', to: '2024-01-01' }, { from: '2024-05-02', to: '2024-05-01' }] };
    expect(problemsOf(declaration)).toEqual([{ path: '/aiWorkPeriods/1/to', message: expect.stringContaining('早于开始日期') }]);
  });

  it('refuses names and titles of spaces only', () => {
    const declaration = valid();
    const blank = { ...declaration, applicant: { ...declaration.applicant, name: '  　' }, employer: { ...declaration.employer, name: ' ' } };
    expect(problemsOf(blank)).toEqual([
      { path: '/applicant/name', message: '不能只含空白字符（must not be blank）' },
      { path: '/employer/name', message: '不能只含空白字符（must not be blank）' },
    ]);
  });

  it('refuses text the log cannot keep as it is (a lone surrogate) and control characters', () => {
    const declaration = valid();
    expect(problemsOf({ ...declaration, applicant: { ...declaration.applicant, name: '\ud800李' } })).toEqual([
      { path: '/applicant/name', message: '含有无效字符（is not well-formed Unicode: a lone surrogate U+D800 at character 1）' },
    ]);
    expect(problemsOf({ ...declaration, employer: { ...declaration.employer, name: '北京\u0000公司' } })).toEqual([
      { path: '/employer/name', message: '含有无效字符（holds the control character U+0000 at character 3）' },
    ]);
  });

  it('lists every problem at once', () => {
    const declaration = {
      ...valid(),
      applicant: { name: '', idNumber: '110105199001010011' },
      aiWorkPeriods: [{ from: '2024-05-02', to: '2024-05-01' }],
      continuingEducationHours: { '2025': -1, next: 10 },
    };
    expect(problemsOf(declaration).map((p) => p.path)).toEqual([
      '/applicant/name',
      '/continuingEducationHours/next',
      '/continuingEducationHours/2025',
      '/applicant/idNumber',
      '/aiWorkPeriods/0/to',
    ]);
  });
});

describe('validateAndEvaluate', () => {
  it('returns the report of a valid declaration', () => {
    expect(validateAndEvaluate(valid(), '2026-12-31')).toEqual({ report: expect.objectContaining({ eligible: false, route: 'ENGINEER.EDU.2' }) });
  });

  it('returns the problems of an invalid one, never a report', () => {
    expect(validateAndEvaluate({}, '2026-12-31')).toEqual({ errors: expect.arrayContaining([{ path: '/applicant', message: expect.any(String) }]) });
  });

  it('refuses a cutoff that is no calendar day', () => {
    expect(validateAndEvaluate(valid(), '2026-02-30')).toEqual({ errors: [{ path: '/cutoffDate', message: expect.stringContaining('2026-02-30') }] });
    expect(() => evaluateEligibility(valid(), '31.12.2026')).toThrow(DomainError);
  });
});
