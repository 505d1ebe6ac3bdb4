// 附件 一、助理工程师: education and experience only; no performance or achievement conditions.
import { degreeThenWork, type LevelRules } from './model';

export const ASSISTANT_ENGINEER_RULES: LevelRules = {
  level: 'ASSISTANT_ENGINEER',
  educationClause: 'ASSISTANT.EDU',
  routes: [
    degreeThenWork('ASSISTANT.EDU.1', 'MASTER', undefined, '硕士研究生毕业后，从事本专业工作'),
    degreeThenWork('ASSISTANT.EDU.2', 'BACHELOR', 1, '大学本科毕业后，从事本专业工作满 1 年'),
    degreeThenWork('ASSISTANT.EDU.3', 'JUNIOR_COLLEGE', 3, '大学专科毕业后，从事本专业工作满 3 年'),
    degreeThenWork('ASSISTANT.EDU.4', 'SECONDARY_VOCATIONAL', 5, '中等职业学校毕业后，从事本专业专业技术工作满 5 年'),
  ],
};
