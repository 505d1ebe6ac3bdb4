// 回避: the conflicts of interest that keep an expert or a committee member away from an applicant.

export const ConflictTypes = ['SAME_EMPLOYER', 'RELATIVE', 'TEACHER_STUDENT', 'CO_AUTHOR', 'CO_PROJECT'] as const;
export type ConflictType = (typeof ConflictTypes)[number];
export const CONFLICT_LABEL: Record<ConflictType, string> = {
  SAME_EMPLOYER: '同一单位',
  RELATIVE: '亲属关系',
  TEACHER_STUDENT: '师生关系',
  CO_AUTHOR: '合作作者',
  CO_PROJECT: '同一项目成员',
};
export const isConflictType = (x: unknown): x is ConflictType => typeof x === 'string' && (ConflictTypes as readonly string[]).includes(x);

/** A relation a person declared about someone else: by ID number when known, otherwise by name. */
export interface DeclaredRelation {
  readonly type: Exclude<ConflictType, 'SAME_EMPLOYER'>;
  readonly personIdNumber?: string;
  readonly name?: string;
}

/** An expert or a committee member, as far as conflicts go. */
export interface ConflictHolder {
  readonly employerCreditCode?: string;
  readonly relations?: readonly DeclaredRelation[];
}

/** The applicant side of a conflict check. */
export interface ConflictSubject {
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly creditCode: string };
}

const sameId = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The conflict types (among those the session enforces) that link `holder` to `subject`, sorted.
 * A relation declared with an ID number matches on the ID number only; one declared with a
 * name only matches on the name (cautious: a namesake is kept away too).
 */
export function conflictsBetween(holder: ConflictHolder, subject: ConflictSubject, enforced: readonly ConflictType[]): ConflictType[] {
  const found = new Set<ConflictType>();
  if (enforced.includes('SAME_EMPLOYER') && holder.employerCreditCode && sameId(holder.employerCreditCode, subject.employer.creditCode)) {
    found.add('SAME_EMPLOYER');
  }
  for (const r of holder.relations ?? []) {
    if (!enforced.includes(r.type)) continue;
    const matches = r.personIdNumber ? sameId(r.personIdNumber, subject.applicant.idNumber) : !!r.name && r.name.trim() === subject.applicant.name.trim();
    if (matches) found.add(r.type);
  }
  return ConflictTypes.filter((t) => found.has(t));
}
