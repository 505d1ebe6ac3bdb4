import type { Level } from '@bj/kernel';
import { ASSISTANT_ENGINEER_RULES } from './assistant';
import { ENGINEER_RULES } from './engineer';
import type { LevelRules } from './model';
import { PROFESSORATE_SENIOR_ENGINEER_RULES } from './professorate';
import { SENIOR_ENGINEER_RULES } from './senior';

export * from './model';
export { ASSISTANT_ENGINEER_RULES, ENGINEER_RULES, SENIOR_ENGINEER_RULES, PROFESSORATE_SENIOR_ENGINEER_RULES };

/** The rules of each level (附件 一 to 四). */
export const LEVEL_RULES: Readonly<Record<Level, LevelRules>> = {
  ASSISTANT_ENGINEER: ASSISTANT_ENGINEER_RULES,
  ENGINEER: ENGINEER_RULES,
  SENIOR_ENGINEER: SENIOR_ENGINEER_RULES,
  PROFESSORATE_SENIOR_ENGINEER: PROFESSORATE_SENIOR_ENGINEER_RULES,
};
