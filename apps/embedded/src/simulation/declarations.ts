import type { SimApplicant } from './population';

const paper = (title: string, date: string, role = 'FIRST_AUTHOR', venue = 'DOMESTIC_CORE_JOURNAL') => ({ kind: 'PAPER', role, venue, date, title });

/**
 * A declaration that meets the conditions of the applicant's level and direction (ELIGIBILITY.md),
 * or, for an applicant whose fate is to be found ineligible, one whose experience is short.
 */
export function declarationOf(a: SimApplicant): Record<string, unknown> {
  const base = {
    applicant: { name: a.name, idNumber: a.idNumber, phone: '1380000' + a.idNumber.slice(-4) },
    employer: { name: a.employer.name, creditCode: a.employer.creditCode, kind: a.employer.kind, inBeijing: true },
    direction: a.direction,
    targetLevel: a.level,
  };
  const research = a.direction === 'RESEARCH';
  if (a.fate === 'REJECTED_INELIGIBLE') {
    // a bachelor with under 5 years of AI work cannot be an ENGINEER (ENGINEER.EDU.3) — nor anything above
    return {
      ...base,
      education: [{ level: 'BACHELOR', graduatedOn: '2023-06-30' }],
      aiWorkPeriods: [{ from: '2023-07-01' }],
      performance: [research ? { kind: 'RESEARCH_PROJECT', role: 'PARTICIPANT', scale: 'NATIONAL', completedOn: '2025-06-01', title: '视觉大模型预训练' } : { kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2025-06-01', title: '智能客服系统建设' }],
      achievements: [paper('图像分割方法研究', '2024-09-01'), paper('小样本学习综述', '2025-03-01'), paper('多模态对齐', '2025-08-01')],
      targetLevel: a.level === 'ASSISTANT_ENGINEER' ? 'ENGINEER' : a.level,
    };
  }
  switch (a.level) {
    case 'ASSISTANT_ENGINEER':
      return { ...base, education: [{ level: 'BACHELOR', graduatedOn: '2023-06-30' }], aiWorkPeriods: [{ from: '2023-07-01', employer: a.employer.name, position: '算法工程师' }] };
    case 'ENGINEER':
      return {
        ...base,
        education: [
          { level: 'BACHELOR', graduatedOn: '2020-06-30' },
          { level: 'MASTER', graduatedOn: '2023-06-30' },
        ],
        aiWorkPeriods: [{ from: '2023-07-01', employer: a.employer.name, position: '算法工程师' }],
        performance: [
          research
            ? { kind: 'RESEARCH_PROJECT', role: 'PARTICIPANT', scale: 'PROVINCIAL_MINISTERIAL', completedOn: '2025-10-01', title: '大模型推理加速关键技术研究' }
            : { kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'MAIN_PARTICIPANT', completedOn: '2025-10-01', title: '智能质检平台建设' },
        ],
        achievements: [paper('稀疏注意力机制研究', '2024-05-01', 'FIRST_AUTHOR', 'PUBLIC_JOURNAL'), paper('多模态检索方法', '2025-03-01', 'CORRESPONDING_AUTHOR')],
      };
    case 'SENIOR_ENGINEER':
      return {
        ...base,
        education: [{ level: 'DOCTORATE', graduatedOn: '2021-06-30' }],
        aiWorkPeriods: [{ from: '2021-07-01', employer: a.employer.name, position: '高级研究员' }],
        performance: [
          research
            ? { kind: 'RESEARCH_PROJECT', role: 'HOST', scale: 'NATIONAL', completedOn: '2025-06-01', title: '可信人工智能基础理论研究' }
            : { kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2025-06-01', title: '城市交通智能调度系统' },
        ],
        achievements: [paper('可解释深度学习', '2022-09-01'), paper('联邦学习隐私保护', '2023-09-01'), paper('强化学习调度算法', '2024-09-01')],
      };
    case 'PROFESSORATE_SENIOR_ENGINEER':
      return {
        ...base,
        education: [{ level: 'BACHELOR', graduatedOn: '2005-06-30' }],
        aiWorkPeriods: [{ from: '2005-07-01', employer: a.employer.name, position: '首席科学家' }],
        titles: [{ grade: 'DEPUTY_SENIOR', sameSpeciality: true, obtainedOn: '2018-12-31', seriesName: '工程技术' }],
        performance: [
          research
            ? { kind: 'RESEARCH_PROJECT', role: 'HOST', scale: 'NATIONAL', peerRatedDomesticLeading: true, completedOn: '2024-12-01', title: '通用人工智能基础模型研究' }
            : { kind: 'UNIT_AI_ENGINEERING_PROJECT', role: 'HOST', completedOn: '2024-12-01', title: '全市政务智能中台' },
        ],
        achievements: [paper('大规模预训练模型', '2020-05-01'), paper('知识增强推理', '2022-05-01'), paper('具身智能综述', '2024-05-01', 'CORRESPONDING_AUTHOR')],
      };
  }
}
