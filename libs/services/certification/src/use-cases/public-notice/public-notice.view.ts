import { beijingDate, CENTRE_LABEL, compareDates } from '@bj/kernel';
import type { NoticeView } from '../../read-models/session-results.projection';

/** A notice as anyone may see it: who passed, ID numbers masked; no objection, contact or score. */
export function publicNotice(n: NoticeView, today: string) {
  return {
    ...publicNoticeSummary(n, today),
    entries: n.entries.map((e) => ({
      applicationId: e.applicationId,
      name: e.name,
      maskedIdNumber: e.maskedIdNumber,
      employerName: e.employerName,
      level: e.level,
      levelLabel: e.levelLabel,
      direction: e.direction,
      directionLabel: e.directionLabel,
    })),
  };
}

export function publicNoticeSummary(n: NoticeView, today: string) {
  return {
    noticeId: n.noticeId,
    year: n.year,
    centre: n.centre,
    centreLabel: CENTRE_LABEL[n.centre],
    site: n.site,
    siteLabel: n.siteLabel,
    publishedOn: beijingDate(n.publishedAt),
    period: n.period,
    publicityRule: n.publicityRule,
    status: noticeStatus(n, today),
    closedOn: n.closed?.closedOn ?? null,
    entryCount: n.entries.length,
  };
}

/** OPEN while objections are taken, ENDED after its last day until HRSS closes it, CLOSED then. */
export function noticeStatus(n: NoticeView, today: string): 'UPCOMING' | 'OPEN' | 'ENDED' | 'CLOSED' {
  if (n.closed) return 'CLOSED';
  if (compareDates(today, n.period.firstDay) < 0) return 'UPCOMING';
  return compareDates(today, n.period.lastDay) <= 0 ? 'OPEN' : 'ENDED';
}
