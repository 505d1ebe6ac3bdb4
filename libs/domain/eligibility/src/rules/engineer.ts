// 附件 二、工程师.
import { degreeThenWork, isOneOf, nationalProvincialOrIndustry, provincialOrAbove, titleThenWork, type LevelRules } from './model';

export const ENGINEER_RULES: LevelRules = {
  level: 'ENGINEER',
  educationClause: 'ENGINEER.EDU',
  routes: [
    degreeThenWork('ENGINEER.EDU.1', 'DOCTORATE', undefined, '博士研究生毕业后，从事本专业技术工作'),
    degreeThenWork('ENGINEER.EDU.2', 'MASTER', 2, '硕士研究生毕业后，从事本专业技术工作满 2 年'),
    degreeThenWork('ENGINEER.EDU.3', 'BACHELOR', 5, '大学本科毕业后，从事本专业技术工作满 5 年'),
    degreeThenWork('ENGINEER.EDU.4', 'JUNIOR_COLLEGE', 7, '大学专科毕业后，从事本专业技术工作满 7 年'),
    titleThenWork(
      'ENGINEER.EDU.5',
      { grade: 'JUNIOR', minDegree: 'JUNIOR_COLLEGE' },
      4,
      '大学专科及以上学历毕业、取得初级职称后，从事本专业技术工作满 4 年',
    ),
  ],
  previousGrade: 'JUNIOR',
  performance: {
    clause: 'ENGINEER.PERF',
    byDirection: {
      RESEARCH: [
        {
          label: '参与完成省部级及以上人工智能领域相关研究课题',
          accepts: (p) => p.kind === 'RESEARCH_PROJECT' && provincialOrAbove(p.scale),
        },
        {
          label: '参与制定国家、省市、行业人工智能领域规划、政策、标准、规范并颁布实施',
          accepts: (p) => p.kind === 'PLAN_POLICY_OR_STANDARD' && nationalProvincialOrIndustry(p.scale) && p.promulgated === true,
        },
      ],
      APPLICATION: [
        {
          label: '多次（2 项及以上）参与技术密集、难度高、复杂性强的人工智能项目',
          accepts: (p) => p.kind === 'COMPLEX_AI_PROJECT',
          minCount: 2,
        },
        {
          label: '参与完成本单位人工智能领域工程项目的规划和实施工作',
          accepts: (p) => p.kind === 'UNIT_AI_ENGINEERING_PROJECT',
        },
        {
          label: '制定本单位人工智能管理标准、战略发展规划、管理制度',
          accepts: (p) => p.kind === 'UNIT_AI_MANAGEMENT_RULES',
        },
        {
          label: '作为本单位人工智能子项目专业负责人',
          accepts: (p) => p.kind === 'AI_PROFESSIONAL_LEAD' && isOneOf('SUBPROJECT_LEAD', 'FIELD_LEAD')(p.role),
        },
      ],
    },
  },
  achievements: {
    clause: 'ENGINEER.ACH',
    minCount: 2,
    accepted: [
      {
        label: '作为第一、二作者或通讯作者在公开发行的学术刊物上发表论文',
        accepts: (a) =>
          a.kind === 'PAPER' &&
          isOneOf('FIRST_AUTHOR', 'SECOND_AUTHOR', 'CORRESPONDING_AUTHOR')(a.role) &&
          isOneOf('PUBLIC_JOURNAL', 'DOMESTIC_CORE_JOURNAL')(a.venue),
      },
      {
        label: '作为参与人完成在单位内具有较大影响的发明专利、技术报告、研究报告、设计文件、技术标准、专著编著等',
        accepts: (a) =>
          a.kind !== 'PAPER' &&
          isOneOf('PARTICIPANT', 'IMPORTANT_RESPONSIBLE', 'MAIN_RESPONSIBLE')(a.role) &&
          isOneOf('UNIT', 'INDUSTRY')(a.influence),
      },
    ],
  },
};
