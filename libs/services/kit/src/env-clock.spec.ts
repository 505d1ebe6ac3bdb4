import { ConfigError } from './config';
import { clockFromEnv } from './env-clock';
import { systemClock } from './runtime';

describe('clockFromEnv', () => {
  let real = Date.parse('2026-11-28T09:00:00Z');
  const realNow = () => real;

  it('is the system clock unless FAKE_NOW or CLOCK_OFFSET_DAYS is set', () => {
    expect(clockFromEnv({}, realNow)).toBe(systemClock);
    expect(clockFromEnv({ FAKE_NOW: ' ', CLOCK_OFFSET_DAYS: '' }, realNow)).toBe(systemClock);
  });

  it('FAKE_NOW: starts at that instant, then runs on with real time', () => {
    const clock = clockFromEnv({ FAKE_NOW: '2026-06-15T02:00:00Z' }, realNow);
    expect(clock.now()).toBe('2026-06-15T02:00:00.000Z');
    real += 90_000;
    expect(clock.now()).toBe('2026-06-15T02:01:30.000Z');
  });

  it('CLOCK_OFFSET_DAYS: the system clock moved by that many days', () => {
    real = Date.parse('2026-11-28T09:00:00Z');
    expect(clockFromEnv({ CLOCK_OFFSET_DAYS: '10' }, realNow).now()).toBe('2026-12-08T09:00:00.000Z');
    expect(clockFromEnv({ CLOCK_OFFSET_DAYS: '-1.5' }, realNow).now()).toBe('2026-11-26T21:00:00.000Z');
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => clockFromEnv({ FAKE_NOW: '15/06/2026' })).toThrow(new ConfigError('FAKE_NOW must be an ISO 8601 instant such as 2026-06-15T02:00:00Z, got "15/06/2026"'));
    expect(() => clockFromEnv({ CLOCK_OFFSET_DAYS: 'ten' })).toThrow(/CLOCK_OFFSET_DAYS must be a number of days/);
    expect(() => clockFromEnv({ FAKE_NOW: '2026-06-15T02:00:00Z', CLOCK_OFFSET_DAYS: '1' })).toThrow(/not both/);
  });
});
