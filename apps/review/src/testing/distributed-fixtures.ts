/** The requests of the distributed suite: a session as a centre opens it, and an ENGINEER declaration of 北京智源科技有限公司. */

const members = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ memberId: `${prefix}-${i + 1}`, name: `委员${i + 1}` }));

export function sessionDefinition(year: number) {
  return {
    year,
    declarationWindow: { opensOn: `${year}-06-01`, closesOn: `${year}-07-31` },
    committees: [
      { committeeId: `ai-${year}`, name: '北京市工程技术系列人工智能专业高级评审委员会', centre: 'BJ_INFO_INDUSTRY_CENTRE', levels: ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER'], members: members('ai-member', 25) },
      { committeeId: `eng-full-${year}`, name: '北京市工程技术系列正高级评审委员会', centre: 'BJ_PERSONNEL_EXAM_OFFICE', levels: ['PROFESSORATE_SENIOR_ENGINEER'], members: members('full-member', 25) },
    ],
    panels: [
      { panelId: `ai-${year}-research`, committeeId: `ai-${year}`, direction: 'RESEARCH' },
      { panelId: `ai-${year}-application`, committeeId: `ai-${year}`, direction: 'APPLICATION' },
      { panelId: `eng-full-${year}-research`, committeeId: `eng-full-${year}`, direction: 'RESEARCH' },
      { panelId: `eng-full-${year}-application`, committeeId: `eng-full-${year}`, direction: 'APPLICATION' },
    ],
  };
}

/** Master's degree, two years of AI research: eligible for ENGINEER by route ENGINEER.EDU.2. */
export function engineerDeclaration(title: string) {
  return {
    applicant: { name: '李明', idNumber: '110105199001010037', phone: '13800000000' },
    employer: { name: '北京智源科技有限公司', creditCode: '91110108MA01A2B3CF', kind: 'NON_PUBLIC_ENTERPRISE', inBeijing: true },
    direction: 'RESEARCH',
    targetLevel: 'ENGINEER',
    education: [
      { level: 'BACHELOR', graduatedOn: '2020-06-30' },
      { level: 'MASTER', graduatedOn: '2023-06-30' },
    ],
    aiWorkPeriods: [{ from: '2023-07-01' }],
    performance: [{ kind: 'RESEARCH_PROJECT', role: 'PARTICIPANT', completedOn: '2025-10-01', title, scale: 'PROVINCIAL_MINISTERIAL' }],
    achievements: [
      { kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2024-05-01', title: '稀疏注意力机制研究' },
      { kind: 'PAPER', role: 'CORRESPONDING_AUTHOR', venue: 'DOMESTIC_CORE_JOURNAL', date: '2025-03-01', title: '多模态检索方法' },
    ],
  };
}
