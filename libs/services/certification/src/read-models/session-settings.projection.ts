import { Injectable } from '@nestjs/common';
import { DomainError, type PublicityRule } from '@bj/kernel';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';

/** The settings of a year's session that HRSS needs: the publicity rule (公示) and the re-application bar. */
export interface SessionSettingsView {
  readonly year: number;
  readonly publicity: PublicityRule;
  readonly reapplicationBarYears: number;
}

/** Reads `SessionOpened` (streams `annual-session-<year>`): settings are data, fixed when the centre opens the session. */
@Injectable()
export class SessionSettingsProjection implements Projection {
  readonly eventTypes = ['SessionOpened'];
  readonly name = 'certification.session-settings';
  private readonly byYear = new Map<number, SessionSettingsView>();

  apply(event: ProjectedEvent): void {
    if (event.type !== 'SessionOpened' || !event.streamId.startsWith('annual-session-')) return;
    const d = event.data as { year: number; settings: { publicity: PublicityRule; reapplicationBarYears: number } };
    this.byYear.set(d.year, { year: d.year, publicity: d.settings.publicity, reapplicationBarYears: d.settings.reapplicationBarYears });
  }

  require(year: number): SessionSettingsView {
    const s = this.byYear.get(year);
    if (!s) throw DomainError.rule('NO_SESSION', `No evaluation session has been opened for ${year}`);
    return s;
  }
}
