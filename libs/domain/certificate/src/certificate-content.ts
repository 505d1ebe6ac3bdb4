import { DIRECTION_LABEL, Directions, DomainError, GRADE_LABEL, GRADE_OF_LEVEL, isIsoDate, LEVEL_LABEL, Levels, type Direction, type Level, type Problem } from '@bj/kernel';
import { isValidIdNumber } from './check-character';
import { parseCertificateNumber } from './certificate-number';

export const CERTIFICATE_TITLE = '北京市职称证书';
export const SERIES_NAME = '工程技术'; // 系列
export const SPECIALITY_NAME = '人工智能'; // 专业
export const ISSUING_AUTHORITY = '北京市人力资源和社会保障局'; // 发证机关

/** The committee that decides each level (四、评审机构 of the measures). */
export const COMMITTEE_NAME: Record<Level, string> = {
  ASSISTANT_ENGINEER: '北京市工程技术系列(人工智能)高级、中级评审委员会',
  ENGINEER: '北京市工程技术系列(人工智能)高级、中级评审委员会',
  SENIOR_ENGINEER: '北京市工程技术系列(人工智能)高级、中级评审委员会',
  PROFESSORATE_SENIOR_ENGINEER: '北京市工程技术系列正高级专业技术资格评审委员会',
};

/** Everything printed on a certificate (北京市职称证书); the holder's copy shows the ID number in full. */
export interface CertificateContent {
  readonly certificateNumber: string; // 证书编号
  readonly holderName: string; // 姓名
  readonly idNumber: string; // 身份证号码, full
  readonly series: string; // 系列: 工程技术
  readonly speciality: string; // 专业: 人工智能
  readonly direction: Direction;
  readonly directionName: string; // 方向: 人工智能研究 / 人工智能应用
  readonly level: Level;
  readonly gradeName: string; // 级别: 初级 / 中级 / 副高级 / 正高级
  readonly qualificationName: string; // 资格名称: 助理工程师 … 正高级工程师
  readonly committeeName: string; // 评审委员会
  readonly qualificationDate: string; // 取得资格时间, ISO date
  readonly issuingAuthority: string; // 发证机关
  readonly issueDate: string; // 发证日期, ISO date
}

/** What varies between certificates; the rest follows from the level and the measures. */
export interface CertificateFacts {
  readonly certificateNumber: string;
  readonly holderName: string;
  readonly idNumber: string;
  readonly direction: Direction;
  readonly level: Level;
  readonly qualificationDate: string;
  readonly issueDate: string;
}

/** Builds the printed content from the facts, filling the labels; throws INVALID with every problem. */
export function certificateContentOf(facts: CertificateFacts): CertificateContent {
  const problems: Problem[] = [];
  if (!Levels.is(facts.level)) problems.push({ path: '/level', message: `level must be one of ${Levels.values.join(', ')}` });
  if (!Directions.is(facts.direction)) problems.push({ path: '/direction', message: `direction must be one of ${Directions.values.join(', ')}` });
  if (problems.length) throw DomainError.invalid(problems, 'The certificate facts are invalid');
  const content: CertificateContent = {
    certificateNumber: facts.certificateNumber,
    holderName: facts.holderName,
    idNumber: facts.idNumber,
    series: SERIES_NAME,
    speciality: SPECIALITY_NAME,
    direction: facts.direction,
    directionName: DIRECTION_LABEL[facts.direction],
    level: facts.level,
    gradeName: GRADE_LABEL[GRADE_OF_LEVEL[facts.level]],
    qualificationName: LEVEL_LABEL[facts.level],
    committeeName: COMMITTEE_NAME[facts.level],
    qualificationDate: facts.qualificationDate,
    issuingAuthority: ISSUING_AUTHORITY,
    issueDate: facts.issueDate,
  };
  assertValidContent(content);
  return content;
}

/** The problems of a certificate's content, by path (empty when it is consistent). */
export function certificateContentProblems(content: CertificateContent, base = ''): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string, message: string) => problems.push({ path: `${base}/${field}`, message });
  let numberLevel: Level | undefined;
  try {
    numberLevel = parseCertificateNumber(content.certificateNumber, `${base}/certificateNumber`).level;
  } catch (e) {
    problems.push(...(e as DomainError).problems);
  }
  const name = typeof content.holderName === 'string' ? content.holderName.trim() : '';
  if (name.length < 1 || name.length > 50 || name !== content.holderName) at('holderName', 'holderName is required: 1 to 50 characters, no surrounding blanks');
  if (!isValidIdNumber(content.idNumber)) at('idNumber', 'idNumber must be an 18-character resident ID number with a valid check character');
  if (!Levels.is(content.level)) at('level', `level must be one of ${Levels.values.join(', ')}`);
  else {
    if (numberLevel && numberLevel !== content.level) at('certificateNumber', `the number's grade is for ${numberLevel}, the certificate is for ${content.level}`);
    if (content.qualificationName !== LEVEL_LABEL[content.level]) at('qualificationName', `must be ${LEVEL_LABEL[content.level]} for ${content.level}`);
    if (content.gradeName !== GRADE_LABEL[GRADE_OF_LEVEL[content.level]]) at('gradeName', `must be ${GRADE_LABEL[GRADE_OF_LEVEL[content.level]]} for ${content.level}`);
    if (content.committeeName !== COMMITTEE_NAME[content.level]) at('committeeName', `must be ${COMMITTEE_NAME[content.level]} for ${content.level}`);
  }
  if (!Directions.is(content.direction)) at('direction', `direction must be one of ${Directions.values.join(', ')}`);
  else if (content.directionName !== DIRECTION_LABEL[content.direction]) at('directionName', `must be ${DIRECTION_LABEL[content.direction]}`);
  if (content.series !== SERIES_NAME) at('series', `must be ${SERIES_NAME}`);
  if (content.speciality !== SPECIALITY_NAME) at('speciality', `must be ${SPECIALITY_NAME}`);
  if (content.issuingAuthority !== ISSUING_AUTHORITY) at('issuingAuthority', `must be ${ISSUING_AUTHORITY}`);
  if (!isIsoDate(content.qualificationDate)) at('qualificationDate', 'qualificationDate must be a date YYYY-MM-DD');
  if (!isIsoDate(content.issueDate)) at('issueDate', 'issueDate must be a date YYYY-MM-DD');
  else if (isIsoDate(content.qualificationDate) && content.issueDate < content.qualificationDate) at('issueDate', 'issueDate cannot be before qualificationDate');
  return problems;
}

export function assertValidContent(content: CertificateContent, base = ''): void {
  const problems = certificateContentProblems(content, base);
  if (problems.length) throw DomainError.invalid(problems, `The certificate content has ${problems.length} problem(s)`);
}

/** 2026-12-15 → 2026年12月15日, as printed. */
export function chineseDate(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
