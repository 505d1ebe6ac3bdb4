import type { Actor } from '@bj/kernel';

/**
 * Demo users of every role for the embedded mode (`npm run tokens`). The employers' credit
 * codes carry valid GB 32100 check characters; the applicants belong to those units.
 */
export const DEMO_USERS: readonly Actor[] = [
  { id: 'applicant-li-ming', role: 'APPLICANT', name: '李明', creditCode: '91110108MA01A2B3CF' },
  { id: 'applicant-wang-fang', role: 'APPLICANT', name: '王芳', creditCode: '91110108MA01A2B3CF' },
  { id: 'applicant-zhao-lei', role: 'APPLICANT', name: '赵磊', creditCode: '12110000400012345U' },
  { id: 'employer-zhiyuan-tech', role: 'EMPLOYER', name: '北京智源科技有限公司', creditCode: '91110108MA01A2B3CF' },
  { id: 'employer-bj-ai-institute', role: 'EMPLOYER', name: '北京人工智能研究院', creditCode: '12110000400012345U' },
  { id: 'centre-staff-chen', role: 'CENTRE_STAFF', name: '陈静', centre: 'BJ_INFO_INDUSTRY_CENTRE' },
  { id: 'centre-staff-sun', role: 'CENTRE_STAFF', name: '孙伟', centre: 'BJ_INFO_INDUSTRY_CENTRE' },
  { id: 'centre-staff-zhou', role: 'CENTRE_STAFF', name: '周敏', centre: 'BJ_PERSONNEL_EXAM_OFFICE' },
  { id: 'expert-1', role: 'EXPERT', name: '专家甲' },
  { id: 'committee-member-1', role: 'COMMITTEE_MEMBER', name: '委员甲', centre: 'BJ_INFO_INDUSTRY_CENTRE' },
  { id: 'hrss-officer-liu', role: 'HRSS_OFFICER', name: '刘洋' },
  { id: 'auditor-he', role: 'AUDITOR', name: '何审' },
];
