import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, type WorkingDayCalendar } from '@bj/kernel';
import type { EventStore } from '@bj/event-store';
import { EVENT_STORE, Roles, WORKING_DAY_CALENDAR } from '@bj/service-kit';
import type { SessionAuditReport } from '@bj/audit-domain';
import { auditSessionOf } from '../../audit-queries';

/** 年度评审复核: the session's rules re-checked from its events, every breach listed. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/sessions')
export class SessionAuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
  ) {}

  @Get(':year')
  @Roles('AUDITOR')
  audit(@Param('year') yearText: string): Promise<SessionAuditReport> {
    if (!/^\d{4}$/.test(yearText)) throw DomainError.invalid([{ path: '/year', message: `"${yearText}" is not a year (YYYY)` }]);
    return auditSessionOf(this.store, Number(yearText), this.calendar);
  }
}
