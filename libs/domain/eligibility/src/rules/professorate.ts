// 附件 四、正高级工程师.
import { isOneOf, nationalProvincialOrIndustry, provincialOrAbove, titleThenWork, type LevelRules } from './model';

export const PROFESSORATE_SENIOR_ENGINEER_RULES: LevelRules = {
  level: 'PROFESSORATE_SENIOR_ENGINEER',
  educationClause: 'PROFESSORATE.EDU',
  routes: [
    titleThenWork(
      'PROFESSORATE.EDU.1',
      { grade: 'DEPUTY_SENIOR', minDegree: 'BACHELOR' },
      5,
      '大学本科及以上学历毕业、取得副高级职称后，从事本专业技术工作满 5 年',
    ),
    titleThenWork(
      'PROFESSORATE.EDU.2',
      { grade: 'FULL_SENIOR', otherSpecialityOnly: true },
      3,
      '已取得非本系列（专业）正高级职称后，从事本专业技术工作满 3 年',
    ),
  ],
  previousGrade: 'DEPUTY_SENIOR',
  performance: {
    clause: 'PROFESSORATE.PERF',
    byDirection: {
      RESEARCH: [
        {
          label: '主持或承担省部级及以上人工智能领域研究项目、课题，技术报告经同行专家评议具有国内领先水平',
          accepts: (p) =>
            p.kind === 'RESEARCH_PROJECT' &&
            provincialOrAbove(p.scale) &&
            isOneOf('HOST', 'UNDERTAKER')(p.role) &&
            p.peerRatedDomesticLeading === true,
        },
        {
          label: '主持制定国家、省市、行业人工智能领域规划、政策、标准、规范并颁布实施',
          accepts: (p) =>
            p.kind === 'PLAN_POLICY_OR_STANDARD' && nationalProvincialOrIndustry(p.scale) && p.promulgated === true && p.role === 'HOST',
        },
      ],
      APPLICATION: [
        {
          label: '主持或承担人工智能领域省部级及以上重大技术项目',
          accepts: (p) => p.kind === 'MAJOR_TECH_PROJECT' && provincialOrAbove(p.scale) && isOneOf('HOST', 'UNDERTAKER')(p.role),
        },
        {
          label: '解决人工智能重大技术问题或掌握关键核心技术，实现重大突破',
          accepts: (p) => p.kind === 'KEY_TECH_BREAKTHROUGH',
        },
        {
          label: '担任技术带头人研制开发人工智能领域新产品、新设备、新工艺，已投入生产，技术经济指标处于国内领先水平',
          accepts: (p) =>
            p.kind === 'NEW_PRODUCT_IN_PRODUCTION' && p.role === 'TECH_LEADER' && p.inProduction === true && p.peerRatedDomesticLeading === true,
        },
        {
          label: '主持完成本单位人工智能领域工程项目的规划和实施工作',
          accepts: (p) => p.kind === 'UNIT_AI_ENGINEERING_PROJECT' && p.role === 'HOST',
        },
      ],
    },
    forPanel: {
      RESEARCH: {
        label: '作为主要完成人发表的人工智能研究成果经同行专家评议具有较高学术价值',
        accepts: (p) => p.kind === 'RESEARCH_PROJECT' && isOneOf('HOST', 'MAIN_PARTICIPANT', 'UNDERTAKER')(p.role),
      },
    },
  },
  achievements: {
    clause: 'PROFESSORATE.ACH',
    minCount: 3,
    accepted: [
      {
        label: '作为第一作者或通讯作者在国内核心期刊上发表论文',
        accepts: (a) => a.kind === 'PAPER' && isOneOf('FIRST_AUTHOR', 'CORRESPONDING_AUTHOR')(a.role) && a.venue === 'DOMESTIC_CORE_JOURNAL',
      },
      {
        label: '作为主要负责人完成在行业内具有较大影响的发明专利、技术报告、研究报告、设计文件、技术标准、专著编著等',
        accepts: (a) => a.kind !== 'PAPER' && a.role === 'MAIN_RESPONSIBLE' && a.influence === 'INDUSTRY',
      },
    ],
  },
};
