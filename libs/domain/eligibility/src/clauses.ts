// The clause codes of ELIGIBILITY.md with a short Chinese name, for people reading a report.
import { LEVEL_RULES } from './rules';

const FINDING_LABEL: Readonly<Record<string, string>> = {
  'SCOPE.EMPLOYER': '适用范围：本市的单位',
  'SCOPE.AI_WORK': '从事人工智能专业技术工作',
  'ASSISTANT.EDU': '学历和专业工作经历',
  'ENGINEER.EDU': '学历和专业工作经历',
  'ENGINEER.PERF': '业绩条件（取得初级职称以来）',
  'ENGINEER.ACH': '成果条件（2 项及以上）',
  'SENIOR.EDU': '学历和专业工作经历（或破格条件）',
  'SENIOR.PERF': '业绩条件（取得中级职称以来）',
  'SENIOR.ACH': '成果条件（3 项及以上）',
  'PROFESSORATE.EDU': '学历和专业工作经历',
  'PROFESSORATE.PERF': '业绩条件（取得副高级职称后）',
  'PROFESSORATE.ACH': '成果条件（3 项及以上）',
  CONTINUING_EDUCATION: '按要求参加继续教育（每年不少于 90 学时）',
  BENEFIT: '经济社会效益、工作成效（由评审专家评议）',
};

const ROUTE_LABEL: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(LEVEL_RULES).flatMap((rules) => rules.routes.map((route) => [route.clause, route.label])),
);

/** Every clause code of ELIGIBILITY.md: findings and routes. */
export const CLAUSE_CODES: readonly string[] = [...Object.keys(FINDING_LABEL), ...Object.keys(ROUTE_LABEL)];

/** The Chinese name of a clause code, e.g. ENGINEER.EDU.2 → "硕士研究生毕业后，从事本专业技术工作满 2 年". */
export function clauseLabel(code: string): string {
  return FINDING_LABEL[code] ?? ROUTE_LABEL[code] ?? code;
}
