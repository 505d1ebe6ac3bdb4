// The declaration (申报材料) as typed data: mirrors schema/declaration.schema.json field by field.
import type { Direction, EducationLevel, EmployerKind, Grade, Level } from '@bj/kernel';

export type PerformanceKind =
  | 'RESEARCH_PROJECT' // 研究课题
  | 'PLAN_POLICY_OR_STANDARD' // 规划、政策、标准、规范
  | 'COMPLEX_AI_PROJECT' // 技术密集、难度高、复杂性强的人工智能项目
  | 'UNIT_AI_ENGINEERING_PROJECT' // 本单位人工智能领域工程项目
  | 'UNIT_AI_MANAGEMENT_RULES' // 本单位人工智能管理标准、战略发展规划、管理制度
  | 'AI_PROFESSIONAL_LEAD' // 人工智能(子)项目专业负责人
  | 'MAJOR_TECH_PROJECT' // 重大技术项目
  | 'KEY_TECH_BREAKTHROUGH' // 解决重大技术问题、掌握关键核心技术
  | 'NEW_PRODUCT_IN_PRODUCTION'; // 新产品、新设备、新工艺已投入生产

export type Scale = 'NATIONAL' | 'PROVINCIAL_MINISTERIAL' | 'BUREAU' | 'INDUSTRY' | 'UNIT';

export type PerformanceRole =
  | 'PARTICIPANT'
  | 'MAIN_PARTICIPANT'
  | 'HOST'
  | 'UNDERTAKER'
  | 'SUBPROJECT_LEAD'
  | 'FIELD_LEAD'
  | 'TECH_LEADER';

export type AchievementKind =
  | 'PAPER'
  | 'INVENTION_PATENT'
  | 'TECHNICAL_REPORT'
  | 'RESEARCH_REPORT'
  | 'DESIGN_DOCUMENT'
  | 'TECHNICAL_STANDARD'
  | 'MONOGRAPH';

export type AchievementRole =
  | 'FIRST_AUTHOR'
  | 'SECOND_AUTHOR'
  | 'CORRESPONDING_AUTHOR'
  | 'OTHER_AUTHOR'
  | 'PARTICIPANT'
  | 'IMPORTANT_RESPONSIBLE'
  | 'MAIN_RESPONSIBLE';

export type Venue = 'PUBLIC_JOURNAL' | 'DOMESTIC_CORE_JOURNAL';
export type Influence = 'UNIT' | 'INDUSTRY';

export type AwardKind =
  | 'SCITECH_AWARD'
  | 'CHINA_PATENT_AWARD'
  | 'NATIONAL_STANDARD_DRAFTER'
  | 'INDUSTRY_STANDARD_DRAFTER'
  | 'LOCAL_STANDARD_DRAFTER';
export type AwardScale = 'NATIONAL' | 'PROVINCIAL_MINISTERIAL' | 'BUREAU';
export type PatentAwardGrade = 'GOLD' | 'SILVER' | 'EXCELLENCE';

export interface Applicant {
  readonly name: string;
  readonly idNumber: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Employer {
  readonly name: string;
  readonly creditCode: string;
  readonly kind: EmployerKind;
  readonly inBeijing: boolean;
}

export interface Education {
  readonly level: EducationLevel;
  readonly graduatedOn: string;
  readonly institution?: string;
  readonly major?: string;
}

export interface AiWorkPeriod {
  readonly from: string;
  /** Inclusive; absent = still running (counted to the cutoff). */
  readonly to?: string;
  readonly employer?: string;
  readonly position?: string;
}

export interface TitleHeld {
  readonly grade: Grade;
  readonly sameSpeciality: boolean;
  readonly seriesName?: string;
  readonly obtainedOn: string;
  readonly certificateNumber?: string;
}

export interface PerformanceItem {
  readonly kind: PerformanceKind;
  readonly scale?: Scale;
  readonly role: PerformanceRole;
  readonly promulgated?: boolean;
  readonly inProduction?: boolean;
  readonly peerRatedDomesticLeading?: boolean;
  readonly completedOn: string;
  readonly title: string;
  readonly summary?: string;
  readonly evidence?: readonly string[];
}

export interface AchievementItem {
  readonly kind: AchievementKind;
  readonly role: AchievementRole;
  readonly venue?: Venue;
  readonly influence?: Influence;
  readonly date: string;
  readonly title: string;
  readonly evidence?: readonly string[];
}

export interface Award {
  readonly kind: AwardKind;
  readonly scale?: AwardScale;
  readonly grade?: PatentAwardGrade;
  readonly rank?: number;
  readonly date: string;
  readonly title?: string;
}

/** 申报材料: what an applicant submits (declaration.schema.json). */
export interface Declaration {
  readonly applicant: Applicant;
  readonly employer: Employer;
  readonly direction: Direction;
  readonly targetLevel: Level;
  readonly education: readonly Education[];
  readonly aiWorkPeriods: readonly AiWorkPeriod[];
  readonly titles?: readonly TitleHeld[];
  readonly performance?: readonly PerformanceItem[];
  readonly achievements?: readonly AchievementItem[];
  readonly awards?: readonly Award[];
  /** 继续教育学时 by calendar year, e.g. {"2025": 96}. */
  readonly continuingEducationHours?: Readonly<Record<string, number>>;
}
