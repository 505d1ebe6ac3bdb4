import { Injectable } from '@nestjs/common';
import { DomainError } from '@bj/kernel';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import type { SessionTerms } from '@bj/declaration-domain';
import type { PublicityRule } from '@bj/kernel';

export interface SessionSummary extends SessionTerms {
  readonly publicity: PublicityRule;
  readonly reapplicationBarYears: number;
}

/** The terms of each year's session (window, cutoff, publicity rule) as the centre opened it. */
@Injectable()
export class SessionTermsProjection implements Projection {
  readonly eventTypes = ['SessionOpened'];
  readonly name = 'session-terms';
  private readonly byYear = new Map<number, SessionSummary>();

  apply(event: ProjectedEvent): void {
    if (event.type !== 'SessionOpened') return;
    const d = event.data as {
      year: number;
      declarationWindow: { opensOn: string; closesOn: string };
      cutoffDate: string;
      settings: { publicity: PublicityRule; reapplicationBarYears: number };
    };
    this.byYear.set(d.year, {
      year: d.year,
      declarationWindow: d.declarationWindow,
      cutoffDate: d.cutoffDate,
      publicity: d.settings.publicity,
      reapplicationBarYears: d.settings.reapplicationBarYears,
    });
  }

  require(year: number): SessionSummary {
    const s = this.byYear.get(year);
    if (!s) throw DomainError.rule('NO_SESSION', `No evaluation session has been opened for ${year}`);
    return s;
  }

  latest(): SessionSummary | undefined {
    return [...this.byYear.values()].sort((a, b) => b.year - a.year)[0];
  }
}
