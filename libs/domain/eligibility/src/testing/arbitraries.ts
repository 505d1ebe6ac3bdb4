// fast-check arbitraries: valid declarations (with computed check characters) and cutoffs.
import fc from 'fast-check';
import { Directions, EducationLevels, EmployerKinds, Grades, Levels } from '@bj/kernel';
import { CREDIT_CODE_CHARACTERS, creditCodeCheckCharacter } from '../check-characters';
import type { Declaration } from '../declaration';
import { dayNumber, fromDayNumber } from '../work-years';
import { validIdNumber } from './declaration-builder';

export const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(fromDayNumber);

const anyDate = dateBetween('1985-01-01', '2030-12-31');

const idNumber = fc
  .tuple(dateBetween('1950-01-01', '2005-12-31'), fc.integer({ min: 0, max: 999 }), fc.constantFrom('110105', '110108', '320102', '440305'))
  .map(([birth, sequence, region]) => validIdNumber(birth, sequence, region));

const creditChar = fc.constantFrom(...CREDIT_CODE_CHARACTERS.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
const creditCode = fc
  .tuple(fc.array(creditChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(creditChar, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => {
    const first17 = [...a, ...b, ...c].join('');
    return first17 + creditCodeCheckCharacter(first17);
  });

// a name or title as people type them: at least one character that is not a space
const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');

const period = fc
  .tuple(anyDate, fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }))
  .map(([from, length]) => (length === undefined ? { from } : { from, to: fromDayNumber(dayNumber(from) + length) }));

const performanceItem = fc.record(
  {
    kind: fc.constantFrom(
      'RESEARCH_PROJECT',
      'PLAN_POLICY_OR_STANDARD',
      'COMPLEX_AI_PROJECT',
      'UNIT_AI_ENGINEERING_PROJECT',
      'UNIT_AI_MANAGEMENT_RULES',
      'AI_PROFESSIONAL_LEAD',
      'MAJOR_TECH_PROJECT',
      'KEY_TECH_BREAKTHROUGH',
      'NEW_PRODUCT_IN_PRODUCTION',
    ),
    scale: fc.constantFrom('NATIONAL', 'PROVINCIAL_MINISTERIAL', 'BUREAU', 'INDUSTRY', 'UNIT'),
    role: fc.constantFrom('PARTICIPANT', 'MAIN_PARTICIPANT', 'HOST', 'UNDERTAKER', 'SUBPROJECT_LEAD', 'FIELD_LEAD', 'TECH_LEADER'),
    promulgated: fc.boolean(),
    inProduction: fc.boolean(),
    peerRatedDomesticLeading: fc.boolean(),
    completedOn: anyDate,
    title: text,
  },
  { requiredKeys: ['kind', 'role', 'completedOn', 'title'] },
);

const achievementItem = fc.record(
  {
    kind: fc.constantFrom('PAPER', 'INVENTION_PATENT', 'TECHNICAL_REPORT', 'RESEARCH_REPORT', 'DESIGN_DOCUMENT', 'TECHNICAL_STANDARD', 'MONOGRAPH'),
    role: fc.constantFrom('FIRST_AUTHOR', 'SECOND_AUTHOR', 'CORRESPONDING_AUTHOR', 'OTHER_AUTHOR', 'PARTICIPANT', 'IMPORTANT_RESPONSIBLE', 'MAIN_RESPONSIBLE'),
    venue: fc.constantFrom('PUBLIC_JOURNAL', 'DOMESTIC_CORE_JOURNAL'),
    influence: fc.constantFrom('UNIT', 'INDUSTRY'),
    date: anyDate,
    title: text,
  },
  { requiredKeys: ['kind', 'role', 'date', 'title'] },
);

const awardItem = fc.record(
  {
    kind: fc.constantFrom('SCITECH_AWARD', 'CHINA_PATENT_AWARD', 'NATIONAL_STANDARD_DRAFTER', 'INDUSTRY_STANDARD_DRAFTER', 'LOCAL_STANDARD_DRAFTER'),
    scale: fc.constantFrom('NATIONAL', 'PROVINCIAL_MINISTERIAL', 'BUREAU'),
    grade: fc.constantFrom('GOLD', 'SILVER', 'EXCELLENCE'),
    rank: fc.integer({ min: 1, max: 8 }),
    date: anyDate,
    title: text,
  },
  { requiredKeys: ['kind', 'date'] },
);

const title = fc.record(
  { grade: fc.constantFrom(...Grades.values), sameSpeciality: fc.boolean(), obtainedOn: anyDate, seriesName: text },
  { requiredKeys: ['grade', 'sameSpeciality', 'obtainedOn'] },
);

const continuingEducationHours = fc.dictionary(
  fc.integer({ min: 2010, max: 2030 }).map(String),
  fc.integer({ min: 0, max: 200 }),
  { maxKeys: 8 },
);

/** Declarations that pass validation: every field shape, check character and period is right. */
export const validDeclaration: fc.Arbitrary<Declaration> = fc.record(
  {
    applicant: fc.record({ name: text, idNumber }),
    employer: fc.record({ name: text, creditCode, kind: fc.constantFrom(...EmployerKinds.values), inBeijing: fc.boolean() }),
    direction: fc.constantFrom(...Directions.values),
    targetLevel: fc.constantFrom(...Levels.values),
    education: fc.array(fc.record({ level: fc.constantFrom(...EducationLevels.values), graduatedOn: anyDate }), { minLength: 1, maxLength: 3 }),
    aiWorkPeriods: fc.array(period, { maxLength: 4 }),
    titles: fc.array(title, { maxLength: 3 }),
    performance: fc.array(performanceItem, { maxLength: 5 }),
    achievements: fc.array(achievementItem, { maxLength: 6 }),
    awards: fc.array(awardItem, { maxLength: 2 }),
    continuingEducationHours,
  },
  { requiredKeys: ['applicant', 'employer', 'direction', 'targetLevel', 'education', 'aiWorkPeriods'] },
) as fc.Arbitrary<Declaration>;

export const cutoffDate = dateBetween('2015-01-01', '2030-12-31');
