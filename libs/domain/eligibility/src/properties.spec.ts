// Properties over random declarations: valid ones never crash and always give a report that
// conforms to eligibility-report.schema.json; broken ones are refused at the broken field.
import fc from 'fast-check';
import { validateAndEvaluate } from './evaluate';
import { CLAUSE_CODES } from './clauses';
import type { Declaration } from './declaration';
import { cutoffDate, validDeclaration } from './testing/arbitraries';
import { validateDeclaration, validateReport } from './validation';
import { dayNumber, fromDayNumber } from './work-years';

describe('random valid declarations', () => {
  it('are accepted, never crash, and give a schema-valid, consistent report', () => {
    fc.assert(
      fc.property(validDeclaration, cutoffDate, (declaration, cutoff) => {
        expect(validateDeclaration(declaration)).toEqual({ ok: true, declaration });
        const result = validateAndEvaluate(declaration, cutoff);
        if (!('report' in result)) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
        const { report } = result;
        expect(validateReport(report)).toEqual([]);
        expect(report.eligible).toBe(report.findings.every((f) => f.status !== 'UNMET'));
        expect(report.cutoffDate).toBe(cutoff);
        for (const f of report.findings) {
          expect(CLAUSE_CODES).toContain(f.clause);
          expect(f.detail.length).toBeGreaterThan(0);
        }
        const education = report.findings.find((f) => f.clause.endsWith('.EDU'));
        expect(education?.status === 'MET').toBe(report.route !== null);
        const perf = report.findings.find((f) => f.clause.endsWith('.PERF'));
        const ach = report.findings.find((f) => f.clause.endsWith('.ACH'));
        for (const i of perf?.items ?? []) expect(declaration.performance![i].completedOn <= cutoff).toBe(true);
        for (const i of ach?.items ?? []) expect(declaration.achievements![i].date <= cutoff).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

type Json = Record<string, unknown>;
type Mutation = (d: Json, pick: number) => { path: string } | undefined;

const clone = (d: Declaration): Json => JSON.parse(JSON.stringify(d)) as Json;
const at = <T>(list: readonly T[], pick: number): [T, number] | undefined => (list.length === 0 ? undefined : [list[pick % list.length], pick % list.length]);

/** Every date field of a declaration as [holder, key, JSON pointer]. */
function dateFields(d: Json): [Json, string, string][] {
  const fields: [Json, string, string][] = [];
  const add = (list: unknown, key: string, base: string) =>
    ((list as Json[] | undefined) ?? []).forEach((item, i) => {
      if (typeof item[key] === 'string') fields.push([item, key, `${base}/${i}/${key}`]);
    });
  add(d['education'], 'graduatedOn', '/education');
  add(d['aiWorkPeriods'], 'from', '/aiWorkPeriods');
  add(d['aiWorkPeriods'], 'to', '/aiWorkPeriods');
  add(d['titles'], 'obtainedOn', '/titles');
  add(d['performance'], 'completedOn', '/performance');
  add(d['achievements'], 'date', '/achievements');
  add(d['awards'], 'date', '/awards');
  return fields;
}

const mutations: Record<string, Mutation> = {
  wrongIdCheckDigit: (d) => {
    const applicant = d['applicant'] as Json;
    const id = applicant['idNumber'] as string;
    const wrong = '0123456789X'.split('').find((c) => c !== id[17])!;
    applicant['idNumber'] = id.slice(0, 17) + wrong;
    return { path: '/applicant/idNumber' };
  },
  wrongCreditCheckCharacter: (d) => {
    const employer = d['employer'] as Json;
    const code = employer['creditCode'] as string;
    employer['creditCode'] = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    return { path: '/employer/creditCode' };
  },
  badCalendarDate: (d, pick) => {
    const chosen = at(dateFields(d), pick);
    if (!chosen) return undefined;
    const [[holder, key, path]] = chosen;
    const year = (holder[key] as string).slice(0, 4);
    holder[key] = [`${year}-02-30`, `${year}-04-31`, `${year}-13-01`, `${year}-00-10`][pick % 4];
    return { path };
  },
  missingRequiredField: (d, pick) => {
    const candidates: [Json, string, string][] = [
      [d, 'applicant', '/applicant'],
      [d, 'employer', '/employer'],
      [d, 'direction', '/direction'],
      [d, 'targetLevel', '/targetLevel'],
      [d, 'education', '/education'],
      [d, 'aiWorkPeriods', '/aiWorkPeriods'],
      [d['applicant'] as Json, 'name', '/applicant/name'],
      [d['applicant'] as Json, 'idNumber', '/applicant/idNumber'],
      [d['employer'] as Json, 'creditCode', '/employer/creditCode'],
      [d['employer'] as Json, 'inBeijing', '/employer/inBeijing'],
      [(d['education'] as Json[])[0], 'graduatedOn', '/education/0/graduatedOn'],
    ];
    const [[holder, key, path]] = at(candidates, pick)!;
    delete holder[key];
    return { path };
  },
  wrongEnumValue: (d, pick) => {
    const candidates: [Json, string, string][] = [
      [d, 'direction', '/direction'],
      [d, 'targetLevel', '/targetLevel'],
      [d['employer'] as Json, 'kind', '/employer/kind'],
      [(d['education'] as Json[])[0], 'level', '/education/0/level'],
    ];
    const [[holder, key, path]] = at(candidates, pick)!;
    holder[key] = 'NOT_A_VALUE';
    return { path };
  },
  periodEndsBeforeStart: (d, pick) => {
    const chosen = at((d['aiWorkPeriods'] as Json[]) ?? [], pick);
    if (!chosen) return undefined;
    const [period, i] = chosen;
    period['to'] = fromDayNumber(dayNumber(period['from'] as string) - 1 - (pick % 400));
    return { path: `/aiWorkPeriods/${i}/to` };
  },
};

describe('random broken declarations', () => {
  it.each(Object.keys(mutations))('%s: refused with a problem at the broken field', (name) => {
    fc.assert(
      fc.property(validDeclaration, fc.nat(), cutoffDate, (declaration, pick, cutoff) => {
        const broken = clone(declaration);
        const mutated = mutations[name](broken, pick);
        fc.pre(mutated !== undefined);
        const result = validateAndEvaluate(broken, cutoff);
        expect('errors' in result).toBe(true);
        const paths = 'errors' in result ? result.errors.map((p) => p.path) : [];
        expect(paths).toContain(mutated!.path);
      }),
      { numRuns: 150 },
    );
  });
});
