// The eligibility pre-check (申报条件): a declaration and the session's cutoff date in,
// a report of findings, clause by clause, out. Pure: no clock, no I/O.
import { DomainError, isIsoDate, type Problem } from '@bj/kernel';
import type { Declaration } from './declaration';
import {
  achievementFinding,
  benefitFinding,
  continuingEducationFinding,
  educationFinding,
  employerInScope,
  evaluateRoute,
  factsOf,
  hasAiWork,
  performanceFinding,
  resultsWindow,
} from './findings';
import type { EligibilityReport, Finding } from './report';
import { LEVEL_RULES } from './rules';
import { validateDeclaration } from './validation';

function cutoffProblems(cutoff: unknown): Problem[] {
  return isIsoDate(cutoff)
    ? []
    : [{ path: '/cutoffDate', message: `截止日期 ${String(cutoff)} 不是真实存在的日期，应为 YYYY-MM-DD（the cutoff must be a calendar date）` }];
}

/**
 * Evaluates a validated declaration against the conditions of its target level.
 * Throws DomainError INVALID only when `cutoffDate` is not a calendar date.
 */
export function evaluateEligibility(declaration: Declaration, cutoffDate: string): EligibilityReport {
  const problems = cutoffProblems(cutoffDate);
  if (problems.length > 0) throw DomainError.invalid(problems, 'The cutoff date is not a calendar date');

  const rules = LEVEL_RULES[declaration.targetLevel];
  const facts = factsOf(declaration, cutoffDate);
  const outcomes = rules.routes.map((route) => evaluateRoute(route, facts));
  const window = resultsWindow(rules, facts, outcomes);

  const findings: Finding[] = [employerInScope(facts), hasAiWork(facts), educationFinding(rules, outcomes)];
  if (rules.performance) {
    const performance = performanceFinding(rules.performance, facts, window);
    findings.push(performance);
    if (rules.achievements) findings.push(achievementFinding(rules.achievements, facts, window));
    if (performance.status === 'MET') findings.push(benefitFinding(performance, facts));
  } else if (rules.achievements) {
    findings.push(achievementFinding(rules.achievements, facts, window));
  }
  findings.push(continuingEducationFinding(facts, window));

  return {
    eligible: findings.every((f) => f.status !== 'UNMET'),
    targetLevel: declaration.targetLevel,
    direction: declaration.direction,
    cutoffDate,
    route: outcomes.find((o) => o.met)?.clause ?? null,
    findings,
  };
}

export type ValidateAndEvaluateResult = { readonly report: EligibilityReport } | { readonly errors: readonly Problem[] };

/** Validates untrusted input, then evaluates it; a refusal lists every problem. Never throws. */
export function validateAndEvaluate(input: unknown, cutoffDate: string): ValidateAndEvaluateResult {
  const validation = validateDeclaration(input);
  const problems = [...cutoffProblems(cutoffDate), ...(validation.ok ? [] : validation.problems)];
  if (!validation.ok || problems.length > 0) return { errors: problems };
  return { report: evaluateEligibility(validation.declaration, cutoffDate) };
}
