// Every example of shared/spec/examples (copied to ./examples) gives the outcome expected.json names.
import { evaluateEligibility, validateAndEvaluate } from './evaluate';
import ex01 from './examples/ex01-assistant-bachelor.json';
import ex02 from './examples/ex02-assistant-too-early.json';
import ex03 from './examples/ex03-engineer-master.json';
import ex04 from './examples/ex04-engineer-bachelor-short.json';
import ex05 from './examples/ex05-senior-doctorate.json';
import ex06 from './examples/ex06-senior-exception-patent-award.json';
import ex07 from './examples/ex07-professorate-short-of-achievements.json';
import ex08 from './examples/ex08-invalid-id-check-digit.json';
import expected from './examples/expected.json';
import { validateDeclaration, validateReport } from './validation';

interface Expectation {
  readonly cutoff: string;
  readonly eligible?: boolean;
  readonly route?: string;
  readonly unmet?: readonly string[];
  readonly invalid?: boolean;
}

const examples: Record<string, unknown> = {
  'ex01-assistant-bachelor': ex01,
  'ex02-assistant-too-early': ex02,
  'ex03-engineer-master': ex03,
  'ex04-engineer-bachelor-short': ex04,
  'ex05-senior-doctorate': ex05,
  'ex06-senior-exception-patent-award': ex06,
  'ex07-professorate-short-of-achievements': ex07,
  'ex08-invalid-id-check-digit': ex08,
};
const cases = Object.entries(expected as Record<string, Expectation>);

describe('the examples of shared/spec/examples', () => {
  it('cover every example file', () => expect(Object.keys(examples).sort()).toEqual(cases.map(([name]) => name).sort()));

  it.each(cases)('%s', (name, expectation) => {
    const result = validateAndEvaluate(examples[name], expectation.cutoff);
    if (expectation.invalid) {
      expect(result).toEqual({ errors: [expect.objectContaining({ path: '/applicant/idNumber' })] });
      return;
    }
    if (!('report' in result)) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
    const { report } = result;
    expect(validateReport(report)).toEqual([]);
    expect(report.eligible).toBe(expectation.eligible);
    if (expectation.route !== undefined) expect(report.route).toBe(expectation.route);
    const unmet = report.findings.filter((f) => f.status === 'UNMET').map((f) => f.clause);
    expect(unmet).toEqual(expectation.unmet ?? []);
  });

  it('evaluates a validated declaration the same way', () => {
    const validation = validateDeclaration(ex03);
    if (!validation.ok) throw new Error('ex03 should be valid');
    expect(evaluateEligibility(validation.declaration, '2026-12-31')).toEqual(
      (validateAndEvaluate(ex03, '2026-12-31') as { report: unknown }).report,
    );
  });
});
