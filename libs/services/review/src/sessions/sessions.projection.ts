import { Injectable } from '@nestjs/common';
import { DomainError } from '@bj/kernel';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import { ANNUAL_SESSION_EVENT_TYPES, annualSessionInitialState, evolveAnnualSession, type AnnualSessionEvent, type AnnualSessionState } from '@bj/session-domain';

const PREFIX = 'annual-session-';

/** Each year's session as the centres opened it: committees, panels, expert pool, settings. */
@Injectable()
export class SessionsProjection implements Projection {
  readonly name = 'sessions';
  readonly eventTypes = ANNUAL_SESSION_EVENT_TYPES;
  private readonly byYear = new Map<number, AnnualSessionState>();

  apply(event: ProjectedEvent): void {
    if (!event.streamId.startsWith(PREFIX)) return;
    const year = Number(event.streamId.slice(PREFIX.length));
    this.byYear.set(year, evolveAnnualSession(this.byYear.get(year) ?? annualSessionInitialState(), event as unknown as AnnualSessionEvent));
  }

  get(year: number): AnnualSessionState | undefined {
    return this.byYear.get(year);
  }

  require(year: number): AnnualSessionState & { session: NonNullable<AnnualSessionState['session']> } {
    const s = this.byYear.get(year);
    if (!s?.session) throw DomainError.notFound(`No session has been opened for ${year}`, 'NO_SESSION');
    return s as AnnualSessionState & { session: NonNullable<AnnualSessionState['session']> };
  }

  years(): number[] {
    return [...this.byYear.keys()].sort();
  }
}
