// Chinese labels for the declaration's enumerations, used in the findings' sentences.
import { clip } from '@bj/kernel';
import type {
  AchievementItem,
  AchievementKind,
  AchievementRole,
  Award,
  AwardKind,
  Influence,
  PerformanceItem,
  PerformanceKind,
  PerformanceRole,
  Scale,
  Venue,
} from './declaration';

export const PERFORMANCE_KIND_LABEL: Record<PerformanceKind, string> = {
  RESEARCH_PROJECT: '研究课题',
  PLAN_POLICY_OR_STANDARD: '规划、政策、标准或规范',
  COMPLEX_AI_PROJECT: '技术密集、难度高、复杂性强的人工智能项目',
  UNIT_AI_ENGINEERING_PROJECT: '本单位人工智能工程项目',
  UNIT_AI_MANAGEMENT_RULES: '本单位人工智能管理标准或制度',
  AI_PROFESSIONAL_LEAD: '人工智能项目专业负责',
  MAJOR_TECH_PROJECT: '重大技术项目',
  KEY_TECH_BREAKTHROUGH: '重大技术问题或关键核心技术突破',
  NEW_PRODUCT_IN_PRODUCTION: '新产品、新设备或新工艺',
};

export const SCALE_LABEL: Record<Scale, string> = {
  NATIONAL: '国家级',
  PROVINCIAL_MINISTERIAL: '省部级',
  BUREAU: '厅局级',
  INDUSTRY: '行业',
  UNIT: '单位级',
};

export const PERFORMANCE_ROLE_LABEL: Record<PerformanceRole, string> = {
  PARTICIPANT: '参与',
  MAIN_PARTICIPANT: '主要参与人',
  HOST: '主持',
  UNDERTAKER: '承担',
  SUBPROJECT_LEAD: '子项目专业负责人',
  FIELD_LEAD: '专业负责人',
  TECH_LEADER: '技术带头人',
};

export const ACHIEVEMENT_KIND_LABEL: Record<AchievementKind, string> = {
  PAPER: '论文',
  INVENTION_PATENT: '发明专利',
  TECHNICAL_REPORT: '技术报告',
  RESEARCH_REPORT: '研究报告',
  DESIGN_DOCUMENT: '设计文件',
  TECHNICAL_STANDARD: '技术标准',
  MONOGRAPH: '专著编著',
};

export const ACHIEVEMENT_ROLE_LABEL: Record<AchievementRole, string> = {
  FIRST_AUTHOR: '第一作者',
  SECOND_AUTHOR: '第二作者',
  CORRESPONDING_AUTHOR: '通讯作者',
  OTHER_AUTHOR: '其他作者',
  PARTICIPANT: '参与人',
  IMPORTANT_RESPONSIBLE: '重要负责人',
  MAIN_RESPONSIBLE: '主要负责人',
};

export const VENUE_LABEL: Record<Venue, string> = {
  PUBLIC_JOURNAL: '公开发行的学术刊物',
  DOMESTIC_CORE_JOURNAL: '国内核心期刊',
};

export const INFLUENCE_LABEL: Record<Influence, string> = {
  UNIT: '在单位内有较大影响',
  INDUSTRY: '在行业内有较大影响',
};

export const AWARD_KIND_LABEL: Record<AwardKind, string> = {
  SCITECH_AWARD: '科技奖',
  CHINA_PATENT_AWARD: '中国专利奖',
  NATIONAL_STANDARD_DRAFTER: '国家标准起草',
  INDUSTRY_STANDARD_DRAFTER: '行业标准起草',
  LOCAL_STANDARD_DRAFTER: '地方标准起草',
};

const PATENT_AWARD_GRADE_LABEL = { GOLD: '金奖', SILVER: '银奖', EXCELLENCE: '优秀奖' } as const;

/** A title as the applicant wrote it, shortened for a sentence: 「…」. */
export function quoteTitle(title: string | undefined): string {
  const text = (title ?? '').trim() || '未命名';
  return `「${clip(text, 40)}」`;
}

/** "「题目」（研究课题，省部级，参与，2025-10-01）". */
export function describePerformance(item: PerformanceItem): string {
  const facts = [
    PERFORMANCE_KIND_LABEL[item.kind],
    item.scale ? SCALE_LABEL[item.scale] : undefined,
    PERFORMANCE_ROLE_LABEL[item.role],
    item.promulgated === true ? '已颁布实施' : undefined,
    item.inProduction === true ? '已投入生产' : undefined,
    item.peerRatedDomesticLeading === true ? '经评议国内领先' : undefined,
    item.completedOn,
  ].filter((x): x is string => x !== undefined);
  return `${quoteTitle(item.title)}（${facts.join('，')}）`;
}

/** "「题目」（论文，第一作者，国内核心期刊，2024-01-01）". */
export function describeAchievement(item: AchievementItem): string {
  const facts = [
    ACHIEVEMENT_KIND_LABEL[item.kind],
    ACHIEVEMENT_ROLE_LABEL[item.role],
    item.venue ? VENUE_LABEL[item.venue] : undefined,
    item.influence ? INFLUENCE_LABEL[item.influence] : undefined,
    item.date,
  ].filter((x): x is string => x !== undefined);
  return `${quoteTitle(item.title)}（${facts.join('，')}）`;
}

/** "中国专利银奖（排名第 2，2025-11-01）". */
export function describeAward(award: Award): string {
  const scale = award.scale ? SCALE_LABEL[award.scale] : '';
  const name =
    award.kind === 'CHINA_PATENT_AWARD'
      ? `中国专利${award.grade ? PATENT_AWARD_GRADE_LABEL[award.grade] : '奖'}`
      : award.kind === 'SCITECH_AWARD'
        ? `${scale}科技奖`
        : AWARD_KIND_LABEL[award.kind];
  const facts = [award.rank !== undefined ? `排名第 ${award.rank}` : '未填排名', award.date];
  return `${award.title ? `${quoteTitle(award.title)} ` : ''}${name}（${facts.join('，')}）`;
}
