// Validation before evaluation: the JSON schema, then what a schema cannot say (check
// characters, the birth date inside the ID number, periods that end before they start).
// Every problem is reported with a JSON pointer and a Chinese + English reason; nothing throws.
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { textProblems, type Problem } from '@bj/kernel';
import { creditCodeCheckCharacter, idNumberBirthDate, idNumberCheckDigit } from './check-characters';
import type { Declaration } from './declaration';
import declarationSchemaJson from './schema/declaration.schema.json';
import reportSchemaJson from './schema/eligibility-report.schema.json';

export const declarationSchema: object = declarationSchemaJson;
export const eligibilityReportSchema: object = reportSchemaJson;

const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
addFormats(ajv, ['date']);
const checkDeclarationSchema = ajv.compile(declarationSchemaJson);
const checkReportSchema = ajv.compile(reportSchemaJson);

const ID_NUMBER = /^[0-9]{17}[0-9X]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DeclarationValidation =
  | { readonly ok: true; readonly declaration: Declaration }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Checks an untrusted value against the declaration schema and the identifier rules. Never throws. */
export function validateDeclaration(input: unknown): DeclarationValidation {
  try {
    const problems = [...schemaProblems(input), ...identifierAndPeriodProblems(input), ...blankNameProblems(input), ...unsoundTextProblems(input)];
    return problems.length === 0 ? { ok: true, declaration: input as Declaration } : { ok: false, problems: dedupe(problems) };
  } catch {
    return { ok: false, problems: [{ path: '', message: '申报材料无法读取（the declaration cannot be read as JSON data）' }] };
  }
}

/** Problems of a report against eligibility-report.schema.json (empty when it conforms). */
export function validateReport(report: unknown): Problem[] {
  return checkReportSchema(report) ? [] : (checkReportSchema.errors ?? []).map(toProblem);
}

function schemaProblems(input: unknown): Problem[] {
  return checkDeclarationSchema(input) ? [] : (checkDeclarationSchema.errors ?? []).map(toProblem);
}

function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toProblem(error: ErrorObject): Problem {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params['missingProperty']);
      return { path: `${at}/${pointerSegment(field)}`, message: `缺少必填字段 ${field}（missing required field）` };
    }
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const message = at.endsWith('/continuingEducationHours')
        ? `继续教育学时的年份应为 4 位数字，"${field}" 不是年份（the key must be a four-digit year）`
        : `不允许的字段 ${field}（unknown field）`;
      return { path: `${at}/${pointerSegment(field)}`, message };
    }
    case 'type':
      return at === ''
        ? { path: '', message: '申报材料应为 JSON 对象（the declaration must be a JSON object）' }
        : { path: at, message: `类型错误：应为 ${typeLabel(String(params['type']))}（must be ${String(params['type'])}）` };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String).join('、');
      return { path: at, message: `取值无效，应为以下之一：${allowed}（must be one of the listed values）` };
    }
    case 'format':
      return { path: at, message: '不是真实存在的日期，应为 YYYY-MM-DD（not a calendar date）' };
    case 'pattern':
      return { path: at, message: patternMessage(at) };
    case 'minLength':
      return Number(params['limit']) === 1
        ? { path: at, message: '不能为空（must not be empty）' }
        : { path: at, message: `至少 ${String(params['limit'])} 个字符（too short）` };
    case 'maxLength':
      return { path: at, message: `不能超过 ${String(params['limit'])} 个字符（too long）` };
    case 'minItems':
      return { path: at, message: `至少填写 ${String(params['limit'])} 项（at least ${String(params['limit'])} item required）` };
    case 'minimum':
      return { path: at, message: `不能小于 ${String(params['limit'])}（must be ≥ ${String(params['limit'])}）` };
    default:
      return { path: at, message: `不符合要求（${error.message ?? error.keyword}）` };
  }
}

function typeLabel(type: string): string {
  const labels: Record<string, string> = {
    string: '文本',
    boolean: '布尔值 true/false',
    object: '对象',
    array: '数组',
    integer: '整数',
    number: '数字',
  };
  return type
    .split(',')
    .map((t) => labels[t] ?? t)
    .join('或');
}

function patternMessage(path: string): string {
  if (path.endsWith('/idNumber')) {
    return '身份证号码格式错误：应为 18 位，前 17 位为数字，最后一位为数字或 X（must be 17 digits then a digit or X）';
  }
  if (path.endsWith('/creditCode')) {
    return '统一社会信用代码格式错误：应为 18 位数字或大写字母（不含 I、O、Z、S、V）（must be 18 characters of GB 32100）';
  }
  return '格式错误（does not match the required pattern）';
}

function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function identifierAndPeriodProblems(input: unknown): Problem[] {
  if (!isRecord(input)) return [];
  const problems: Problem[] = [];

  const applicant = input['applicant'];
  const idNumber = isRecord(applicant) ? applicant['idNumber'] : undefined;
  if (typeof idNumber === 'string' && ID_NUMBER.test(idNumber)) {
    const birthDate = idNumberBirthDate(idNumber);
    if (!isRealDate(birthDate)) {
      problems.push({
        path: '/applicant/idNumber',
        message: `身份证号码中的出生日期 ${birthDate} 不是真实存在的日期（the birth date in the ID number is not a calendar date）`,
      });
    }
    if (idNumberCheckDigit(idNumber.slice(0, 17)) !== idNumber[17]) {
      problems.push({
        path: '/applicant/idNumber',
        message: '身份证号码校验位错误：最后一位与前 17 位不符，请核对号码（GB 11643 check digit is wrong）',
      });
    }
  }

  const employer = input['employer'];
  const creditCode = isRecord(employer) ? employer['creditCode'] : undefined;
  if (typeof creditCode === 'string' && CREDIT_CODE.test(creditCode)) {
    if (creditCodeCheckCharacter(creditCode.slice(0, 17)) !== creditCode[17]) {
      problems.push({
        path: '/employer/creditCode',
        message: '统一社会信用代码校验码错误：最后一位与前 17 位不符，请核对代码（GB 32100 check character is wrong）',
      });
    }
  }

  const periods = input['aiWorkPeriods'];
  if (Array.isArray(periods)) {
    periods.forEach((period: unknown, i) => {
      if (!isRecord(period)) return;
      const { from, to } = period;
      if (typeof from === 'string' && typeof to === 'string' && isRealDate(from) && isRealDate(to) && to < from) {
        problems.push({
          path: `/aiWorkPeriods/${i}/to`,
          message: `结束日期 ${to} 早于开始日期 ${from}（the period ends before it starts）`,
        });
      }
    });
  }
  return problems;
}

const BLANK = '不能只含空白字符（must not be blank）';

/** Text that cannot be kept as it is (a lone surrogate) or holds a control character. */
function unsoundTextProblems(input: unknown): Problem[] {
  return textProblems(input).map((p) => ({ path: p.path, message: `含有无效字符（${p.message}）` }));
}

/** The names and titles the schema requires (minLength 1) must hold more than spaces. */
function blankNameProblems(input: unknown): Problem[] {
  if (!isRecord(input)) return [];
  const problems: Problem[] = [];
  const isBlank = (v: unknown) => typeof v === 'string' && v.length > 0 && v.trim() === '';
  for (const party of ['applicant', 'employer'] as const) {
    const record = input[party];
    if (isRecord(record) && isBlank(record['name'])) problems.push({ path: `/${party}/name`, message: BLANK });
  }
  for (const list of ['performance', 'achievements'] as const) {
    const items = input[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, i) => {
      if (isRecord(item) && isBlank(item['title'])) problems.push({ path: `/${list}/${i}/title`, message: BLANK });
    });
  }
  return problems;
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
