/**
 * The official working-day calendar (工作日): weekends and statutory holidays off, make-up
 * days (调休) on. Implementations throw DomainError `CALENDAR_YEAR_UNKNOWN` for a date in a
 * year whose official calendar is not loaded — never a silent guess.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
}

/** How a publicity period (公示) of N working days is counted; a setting of the session. */
export interface PublicityRule {
  readonly workingDays: number;
  /** true: the day of publication counts as day 1 when it is a working day. */
  readonly countPublicationDay: boolean;
}
