export type * from './declaration';
export type { EligibilityReport, Finding, FindingStatus } from './report';
export { validateDeclaration, validateReport, declarationSchema, eligibilityReportSchema, type DeclarationValidation } from './validation';
export { evaluateEligibility, validateAndEvaluate, type ValidateAndEvaluateResult } from './evaluate';
export { CLAUSE_CODES, clauseLabel } from './clauses';
export { LEVEL_RULES, type LevelRules, type Route, type ItemRule } from './rules';
export { idNumberCheckDigit, idNumberBirthDate, creditCodeCheckCharacter } from './check-characters';
export { requiredDays, toYearsAndMonths, describeDays, mergePeriods, countDaysWithin, type DayPeriod, type YearsAndMonths } from './work-years';
export { describeAchievement, describeAward, describePerformance } from './labels';
