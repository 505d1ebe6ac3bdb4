// Shared test data: actors, a committee per centre, a session definition, applicants.
import type { Actor, CommandContext, Role } from '@bj/kernel';
import type { Committee, CommitteeMember, ProfessionalPanel, SessionDefinition } from '../annual-session';

/** Who and when; `date` is a Beijing calendar date (the instant is 10:00 Beijing time). */
export function as(role: Role, id: string, date = '2026-06-01', extra: Partial<Actor> = {}): CommandContext {
  return { actor: { id, role, ...extra }, now: `${date}T02:00:00.000Z` };
}

export const staff = (date?: string) => as('CENTRE_STAFF', 'staff-1', date);
export const hrss = (date?: string) => as('HRSS_OFFICER', 'hrss-1', date);

export const EMPLOYER_A = '91110108MA01ABCDE1';
export const EMPLOYER_B = '91110105MA02FGHIJ2';
export const EMPLOYER_C = '12110000400000000X';

export function members(count: number, prefix = 'm'): CommitteeMember[] {
  return Array.from({ length: count }, (_, i) => ({ memberId: `${prefix}${String(i + 1).padStart(2, '0')}`, name: `委员${i + 1}` }));
}

export function committees(seniorMembers = 25, professorateMembers = 25): Committee[] {
  return [
    { committeeId: 'ai-senior', centre: 'BJ_INFO_INDUSTRY_CENTRE', levels: ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER'], members: members(seniorMembers) },
    { committeeId: 'eng-full-senior', centre: 'BJ_PERSONNEL_EXAM_OFFICE', levels: ['PROFESSORATE_SENIOR_ENGINEER'], members: members(professorateMembers, 'p') },
  ];
}

export const panels: ProfessionalPanel[] = [
  { panelId: 'ai-senior-research', committeeId: 'ai-senior', direction: 'RESEARCH' },
  { panelId: 'ai-senior-application', committeeId: 'ai-senior', direction: 'APPLICATION' },
  { panelId: 'full-senior-research', committeeId: 'eng-full-senior', direction: 'RESEARCH' },
  { panelId: 'full-senior-application', committeeId: 'eng-full-senior', direction: 'APPLICATION' },
];

export function sessionDefinition(overrides: Partial<SessionDefinition> = {}): SessionDefinition {
  return {
    year: 2026,
    declarationWindow: { opensOn: '2026-05-06', closesOn: '2026-06-30' },
    committees: committees(),
    panels,
    ...overrides,
  };
}

export const ZHANG = { name: '张伟', idNumber: '110105199001011234' };
export const LI = { name: '李娜', idNumber: '110108198505052345' };
