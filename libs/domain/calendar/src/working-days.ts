import { addDays, DomainError, type PublicityRule, type WorkingDayCalendar } from '@bj/kernel';
import { requireIsoDate } from './official-calendar';

/** A publicity period (公示期): from the first counted working day to the end of the last one, both inclusive. */
export interface PublicityPeriod {
  readonly firstDay: string;
  readonly lastDay: string;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  let day = addDays(requireIsoDate(date), 1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The working day that comes `count` working days after `date` (count 0 gives `date` itself). */
export function addWorkingDays(date: string, count: number, calendar: WorkingDayCalendar): string {
  if (!Number.isInteger(count) || count < 0) {
    throw DomainError.invalid([{ path: '/count', message: `count must be a whole number ≥ 0, got ${count}` }]);
  }
  let day = requireIsoDate(date);
  for (let i = 0; i < count; i++) day = nextWorkingDay(day, calendar);
  return day;
}

/** How many working days lie in [first, last], both ends included (0 when last < first). */
export function workingDaysBetween(first: string, last: string, calendar: WorkingDayCalendar): number {
  requireIsoDate(first, 'first');
  requireIsoDate(last, 'last');
  let count = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count++;
  return count;
}

/**
 * The publicity period for a notice published on `start` (公示, "不少于N个工作日"): it ends at the
 * end of the Nth working day. Day 1 is `start` itself when `rule.countPublicationDay` is true
 * and `start` is a working day; otherwise counting starts the next working day.
 */
export function publicityPeriod(start: string, rule: PublicityRule, calendar: WorkingDayCalendar): PublicityPeriod {
  requireIsoDate(start, 'start');
  if (!Number.isInteger(rule.workingDays) || rule.workingDays < 1) {
    throw DomainError.invalid([{ path: '/rule/workingDays', message: `workingDays must be a whole number ≥ 1, got ${rule.workingDays}` }]);
  }
  const firstDay = rule.countPublicationDay && calendar.isWorkingDay(start) ? start : nextWorkingDay(start, calendar);
  return { firstDay, lastDay: addWorkingDays(firstDay, rule.workingDays - 1, calendar) };
}

/** True once the period is over: `asOfDate` (a Beijing calendar date) is after its last day. */
export function hasPublicityRun(period: PublicityPeriod, asOfDate: string): boolean {
  return requireIsoDate(asOfDate, 'asOfDate') > period.lastDay;
}
