// 附件 三、高级工程师, with the exceptional routes (破格申报) of 三(四).
import { award, degreeThenWork, isOneOf, nationalProvincialOrIndustry, provincialOrAbove, rankWithin, titleThenWork, type LevelRules } from './model';

export const SENIOR_ENGINEER_RULES: LevelRules = {
  level: 'SENIOR_ENGINEER',
  educationClause: 'SENIOR.EDU',
  routes: [
    degreeThenWork('SENIOR.EDU.1', 'DOCTORATE', 2, '博士研究生毕业后，从事本专业技术工作满 2 年'),
    degreeThenWork('SENIOR.EDU.2', 'MASTER', 7, '硕士研究生毕业后，从事本专业技术工作满 7 年'),
    titleThenWork(
      'SENIOR.EDU.3',
      { grade: 'INTERMEDIATE', minDegree: 'BACHELOR' },
      5,
      '大学本科及以上学历毕业、取得中级职称后，从事本专业技术工作满 5 年',
    ),
    titleThenWork(
      'SENIOR.EDU.4',
      { grade: 'DEPUTY_SENIOR', otherSpecialityOnly: true },
      3,
      '已取得非本系列（专业）副高级职称后，从事本专业技术工作满 3 年',
    ),
    award('SENIOR.EXCEPTION.1', '破格：获得省部级及以上科技奖项', (a) => a.kind === 'SCITECH_AWARD' && provincialOrAbove(a.scale)),
    award(
      'SENIOR.EXCEPTION.2',
      '破格：作为主要完成人（排名前三）获得中国专利银奖以上',
      (a) => a.kind === 'CHINA_PATENT_AWARD' && isOneOf('GOLD', 'SILVER')(a.grade) && rankWithin(a.rank, 3),
    ),
    award(
      'SENIOR.EXCEPTION.3',
      '破格：作为主要起草人编写国家标准（排名前五）或行业标准、地方标准（排名前三）',
      (a) =>
        (a.kind === 'NATIONAL_STANDARD_DRAFTER' && rankWithin(a.rank, 5)) ||
        (isOneOf('INDUSTRY_STANDARD_DRAFTER', 'LOCAL_STANDARD_DRAFTER')(a.kind) && rankWithin(a.rank, 3)),
    ),
  ],
  previousGrade: 'INTERMEDIATE',
  performance: {
    clause: 'SENIOR.PERF',
    byDirection: {
      RESEARCH: [
        {
          label: '作为主要参与人完成省部级及以上人工智能领域研究课题',
          accepts: (p) =>
            p.kind === 'RESEARCH_PROJECT' && provincialOrAbove(p.scale) && isOneOf('MAIN_PARTICIPANT', 'HOST', 'UNDERTAKER')(p.role),
        },
        {
          label: '作为主要参与人制定国家、省市、行业人工智能领域规划、政策、标准、规范并颁布实施',
          accepts: (p) =>
            p.kind === 'PLAN_POLICY_OR_STANDARD' &&
            nationalProvincialOrIndustry(p.scale) &&
            p.promulgated === true &&
            isOneOf('MAIN_PARTICIPANT', 'HOST')(p.role),
        },
      ],
      APPLICATION: [
        {
          label: '主持完成本单位人工智能领域工程项目的规划和实施工作',
          accepts: (p) => p.kind === 'UNIT_AI_ENGINEERING_PROJECT' && p.role === 'HOST',
        },
        {
          label: '作为人工智能领域专业负责人',
          accepts: (p) => p.kind === 'AI_PROFESSIONAL_LEAD' && p.role === 'FIELD_LEAD',
        },
      ],
    },
  },
  achievements: {
    clause: 'SENIOR.ACH',
    minCount: 3,
    accepted: [
      {
        label: '作为第一作者或通讯作者在国内核心期刊上发表论文',
        accepts: (a) => a.kind === 'PAPER' && isOneOf('FIRST_AUTHOR', 'CORRESPONDING_AUTHOR')(a.role) && a.venue === 'DOMESTIC_CORE_JOURNAL',
      },
      {
        label: '作为重要负责人完成在行业内具有较大影响的发明专利、技术报告、研究报告、设计文件、技术标准、专著编著等',
        accepts: (a) => a.kind !== 'PAPER' && isOneOf('IMPORTANT_RESPONSIBLE', 'MAIN_RESPONSIBLE')(a.role) && a.influence === 'INDUSTRY',
      },
    ],
  },
};
