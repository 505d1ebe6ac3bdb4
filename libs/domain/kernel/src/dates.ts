// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that no time zone shifts a day.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date in ISO form (rejects 2023-02-30). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** An instant as `Date.prototype.toISOString` writes it, the form every event's `occurredAt` takes. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:[0-5]\d:[0-5]\d(\.\d{3})?Z$/;
/** The last UTC hour (YYYY-MM-DDTHH) seen and its Beijing date: events come in runs of one hour. */
let lastHour = '';
let lastDate = '';

/**
 * The calendar date (Beijing time, UTC+8) of an ISO instant. For a UTC instant the date depends
 * only on its UTC hour, so the last hour's answer is kept: a replay asks for the date of every
 * event (1,000,000 of them: 1.7 s through `Date`), and the read models then share one string.
 */
export function beijingDate(instant: string): string {
  if (!UTC_INSTANT.test(instant)) return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const hour = instant.slice(0, 13);
  if (hour !== lastHour) {
    lastDate = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    lastHour = hour;
  }
  return lastDate;
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
