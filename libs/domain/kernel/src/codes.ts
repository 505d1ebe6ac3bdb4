// Value objects for the enumerations of shared/spec/declaration.schema.json and DOMAIN.md.
// Each list is the single source for its type, its validation and its Chinese label.

function oneOf<T extends readonly string[]>(values: T) {
  const set = new Set<string>(values);
  return { values, is: (x: unknown): x is T[number] => typeof x === 'string' && set.has(x) };
}

export const Levels = oneOf(['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER', 'PROFESSORATE_SENIOR_ENGINEER'] as const);
export type Level = (typeof Levels.values)[number];
export const LEVEL_LABEL: Record<Level, string> = {
  ASSISTANT_ENGINEER: '助理工程师',
  ENGINEER: '工程师',
  SENIOR_ENGINEER: '高级工程师',
  PROFESSORATE_SENIOR_ENGINEER: '正高级工程师',
};

export const Grades = oneOf(['JUNIOR', 'INTERMEDIATE', 'DEPUTY_SENIOR', 'FULL_SENIOR'] as const);
export type Grade = (typeof Grades.values)[number];
export const GRADE_LABEL: Record<Grade, string> = { JUNIOR: '初级', INTERMEDIATE: '中级', DEPUTY_SENIOR: '副高级', FULL_SENIOR: '正高级' };
export const GRADE_OF_LEVEL: Record<Level, Grade> = {
  ASSISTANT_ENGINEER: 'JUNIOR',
  ENGINEER: 'INTERMEDIATE',
  SENIOR_ENGINEER: 'DEPUTY_SENIOR',
  PROFESSORATE_SENIOR_ENGINEER: 'FULL_SENIOR',
};

export const Directions = oneOf(['RESEARCH', 'APPLICATION'] as const);
export type Direction = (typeof Directions.values)[number];
export const DIRECTION_LABEL: Record<Direction, string> = { RESEARCH: '人工智能研究', APPLICATION: '人工智能应用' };

export const EmployerKinds = oneOf(['STATE_OWNED_ENTERPRISE', 'PUBLIC_INSTITUTION', 'NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION'] as const);
export type EmployerKind = (typeof EmployerKinds.values)[number];
export const EMPLOYER_KIND_LABEL: Record<EmployerKind, string> = {
  STATE_OWNED_ENTERPRISE: '国有企业',
  PUBLIC_INSTITUTION: '事业单位',
  NON_PUBLIC_ENTERPRISE: '非公有制经济组织',
  SOCIAL_ORGANIZATION: '社会组织',
};

export const EducationLevels = oneOf(['SECONDARY_VOCATIONAL', 'JUNIOR_COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const);
export type EducationLevel = (typeof EducationLevels.values)[number];
export const EDUCATION_LABEL: Record<EducationLevel, string> = {
  SECONDARY_VOCATIONAL: '中等职业学校',
  JUNIOR_COLLEGE: '大学专科',
  BACHELOR: '大学本科',
  MASTER: '硕士研究生',
  DOCTORATE: '博士研究生',
};

/** The two evaluation centres (评审服务机构) and the committee each runs (四、评审机构). */
export const Centres = oneOf(['BJ_INFO_INDUSTRY_CENTRE', 'BJ_PERSONNEL_EXAM_OFFICE'] as const);
export type Centre = (typeof Centres.values)[number];
export const CENTRE_LABEL: Record<Centre, string> = {
  BJ_INFO_INDUSTRY_CENTRE: '北京信息产业考评服务中心',
  BJ_PERSONNEL_EXAM_OFFICE: '北京市人事考评办公室',
};
export const CENTRE_OF_LEVEL: Record<Level, Centre> = {
  ASSISTANT_ENGINEER: 'BJ_INFO_INDUSTRY_CENTRE',
  ENGINEER: 'BJ_INFO_INDUSTRY_CENTRE',
  SENIOR_ENGINEER: 'BJ_INFO_INDUSTRY_CENTRE',
  PROFESSORATE_SENIOR_ENGINEER: 'BJ_PERSONNEL_EXAM_OFFICE',
};
