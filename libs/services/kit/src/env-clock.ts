import { ConfigError } from './config';
import { systemClock, type Clock } from './runtime';

/** A clock that runs with the system clock, shifted by a fixed number of milliseconds. */
export class ShiftedClock implements Clock {
  constructor(
    readonly offsetMs: number,
    private readonly realNow: () => number = Date.now,
  ) {}
  now(): string {
    return new Date(this.realNow() + this.offsetMs).toISOString();
  }
}

/**
 * The system clock, unless one of these is set explicitly (tests and demos of working-day periods;
 * never set them in production):
 *   FAKE_NOW=2026-06-15T02:00:00Z   the clock starts at that instant when the process starts, then runs on
 *   CLOCK_OFFSET_DAYS=10            the system clock moved by that many days (may be negative or fractional)
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env, realNow: () => number = Date.now): Clock {
  const fakeNow = env['FAKE_NOW']?.trim();
  const offsetDays = env['CLOCK_OFFSET_DAYS']?.trim();
  if (fakeNow && offsetDays) throw new ConfigError('Set FAKE_NOW or CLOCK_OFFSET_DAYS, not both');
  if (fakeNow) {
    const at = Date.parse(fakeNow);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(fakeNow) || Number.isNaN(at)) throw new ConfigError(`FAKE_NOW must be an ISO 8601 instant such as 2026-06-15T02:00:00Z, got "${fakeNow}"`);
    return new ShiftedClock(at - realNow(), realNow);
  }
  if (offsetDays) {
    const days = Number(offsetDays);
    if (!Number.isFinite(days)) throw new ConfigError(`CLOCK_OFFSET_DAYS must be a number of days, got "${offsetDays}"`);
    return new ShiftedClock(Math.round(days * 86_400_000), realNow);
  }
  return systemClock;
}
