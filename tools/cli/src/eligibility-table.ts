// The `--format table` rendering: a Chinese summary an applicant can read.
import { clauseLabel, type Declaration, type EligibilityReport, type FindingStatus } from '@bj/eligibility';
import { DIRECTION_LABEL, EMPLOYER_KIND_LABEL, LEVEL_LABEL, type Problem } from '@bj/kernel';

const MARK: Record<FindingStatus, string> = { MET: '✓', UNMET: '✗', NEEDS_REVIEW: '?' };
const RULE = '─'.repeat(60);

/** 110105199001010010 → 110105********0010 (DOMAIN.md: never show an ID number in full). */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '****';
}

export function formatReportTable(file: string, declaration: Declaration, report: EligibilityReport): string {
  const unmet = report.findings.filter((f) => f.status === 'UNMET');
  const review = report.findings.filter((f) => f.status === 'NEEDS_REVIEW');
  const conclusion = report.eligible
    ? `符合申报条件${review.length > 0 ? `（另有 ${review.length} 项须评审专家判断，不影响预审结论）` : ''}`
    : `不符合申报条件（未满足：${unmet.map((f) => clauseLabel(f.clause)).join('；')}）`;
  const route = report.route ? `${report.route} ${clauseLabel(report.route)}` : '无（未满足任一学历和专业工作经历条件）';
  const { applicant, employer } = declaration;

  const lines = [
    RULE,
    `申报资格预审  ${file}`,
    RULE,
    `申报人：${applicant.name}（身份证号 ${maskIdNumber(applicant.idNumber)}）`,
    `工作单位：${employer.name}（${EMPLOYER_KIND_LABEL[employer.kind]}${employer.inBeijing ? '，北京市' : '，不在北京市'}）`,
    `申报级别：${LEVEL_LABEL[report.targetLevel]}`,
    `申报方向：${DIRECTION_LABEL[report.direction]}`,
    `年限计算截止日期：${report.cutoffDate}`,
    '',
    `结论：${conclusion}`,
    `适用条件：${route}`,
    '',
    '逐项核查：',
    ...report.findings.flatMap((f) => [`  ${MARK[f.status]} ${clauseLabel(f.clause)} [${f.clause}]`, `      ${f.detail}`]),
    '',
    '图例：✓ 符合　✗ 不符合　? 须评审专家判断（不影响预审结论）',
    '说明：本结果为系统按申报材料自动预审，最终以评审机构审核为准。',
  ];
  return lines.join('\n');
}

const FIELD_LABEL: Record<string, string> = {
  applicant: '申报人',
  idNumber: '身份证号码',
  phone: '电话',
  email: '电子邮箱',
  employer: '工作单位',
  creditCode: '统一社会信用代码',
  inBeijing: '是否在北京市',
  direction: '申报方向',
  targetLevel: '申报级别',
  education: '学历',
  level: '学历层次',
  graduatedOn: '毕业日期',
  institution: '院校',
  major: '专业',
  aiWorkPeriods: '人工智能专业技术工作经历',
  from: '开始日期',
  to: '结束日期',
  position: '岗位',
  titles: '已取得职称',
  grade: '等级',
  sameSpeciality: '是否本系列（专业）',
  obtainedOn: '取得日期',
  performance: '业绩',
  achievements: '成果',
  awards: '奖项',
  completedOn: '完成日期',
  date: '日期',
  role: '角色',
  scale: '级别',
  title: '名称',
  continuingEducationHours: '继续教育学时',
  cutoffDate: '截止日期',
};

/** "/education/0/graduatedOn" → "学历 第 1 项 毕业日期". */
export function describePath(path: string): string {
  if (path === '') return '整个文件';
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments
    .map((s, i) => {
      if (/^\d+$/.test(s) && i > 0 && segments[i - 1] !== 'continuingEducationHours') return `第 ${Number(s) + 1} 项`;
      if (s === 'name') return segments[i - 1] === 'employer' ? '单位名称' : '姓名';
      if (s === 'kind') return '类别';
      return FIELD_LABEL[s] ?? s;
    })
    .join(' ');
}

export function formatRefusalTable(file: string, errors: readonly Problem[]): string {
  return [
    RULE,
    `申报资格预审  ${file}`,
    RULE,
    `结论：申报材料有误，未进行预审。请修改以下 ${errors.length} 处后重新提交：`,
    ...errors.map((e) => `  ✗ ${describePath(e.path)}（${e.path || '/'}）：${e.message}`),
  ].join('\n');
}
