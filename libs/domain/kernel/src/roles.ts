export const Roles = [
  'APPLICANT', // 申报人
  'EMPLOYER', // 所在单位
  'CENTRE_STAFF', // 评审服务机构工作人员
  'EXPERT', // 评审专家
  'COMMITTEE_MEMBER', // 评审委员会委员
  'HRSS_OFFICER', // 市人力资源社会保障局
  'AUDITOR', // 审计
] as const;
export type Role = (typeof Roles)[number];
export const isRole = (x: unknown): x is Role => typeof x === 'string' && (Roles as readonly string[]).includes(x);

/** The authenticated person or organisation behind a command; lands in every event's metadata. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly name?: string;
  /** EMPLOYER: the unit's 统一社会信用代码; it sees only declarations that name it. */
  readonly creditCode?: string;
  /** CENTRE_STAFF, COMMITTEE_MEMBER: which centre they belong to. */
  readonly centre?: string;
}
