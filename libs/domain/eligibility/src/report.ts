// The eligibility report (资格预审结果): mirrors schema/eligibility-report.schema.json.
import type { Direction, Level } from '@bj/kernel';

export type FindingStatus = 'MET' | 'UNMET' | 'NEEDS_REVIEW';

export interface Finding {
  /** A clause code of ELIGIBILITY.md, e.g. `ENGINEER.EDU`, `SCOPE.EMPLOYER`. */
  readonly clause: string;
  readonly status: FindingStatus;
  /** One Chinese sentence naming the facts used. */
  readonly detail: string;
  /** Indexes (0-based) of the declaration's performance or achievement items that count. */
  readonly items?: readonly number[];
}

export interface EligibilityReport {
  /** True when no finding is UNMET (NEEDS_REVIEW never blocks). */
  readonly eligible: boolean;
  readonly targetLevel: Level;
  readonly direction: Direction;
  readonly cutoffDate: string;
  /** The first education/experience clause met in the order of ELIGIBILITY.md, or null. */
  readonly route: string | null;
  readonly findings: readonly Finding[];
}
