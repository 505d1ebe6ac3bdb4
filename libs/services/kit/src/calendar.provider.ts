import type { WorkingDayCalendar } from '@bj/kernel';
import { loadOfficialCalendar } from '@bj/calendar-tables';

export const WORKING_DAY_CALENDAR = Symbol('WORKING_DAY_CALENDAR');

let cached: WorkingDayCalendar | undefined;
/** The official working-day calendar (chinese-days plus the repo's year tables), loaded once per process. */
export function officialCalendar(): WorkingDayCalendar {
  cached ??= loadOfficialCalendar();
  return cached;
}
