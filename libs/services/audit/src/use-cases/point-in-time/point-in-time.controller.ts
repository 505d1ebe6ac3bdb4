import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@bj/kernel';
import type { EventStore } from '@bj/event-store';
import { EVENT_STORE, Roles } from '@bj/service-kit';
import { parseAsOf, parseStateTarget, trailToCsv, type ApplicationTrail, type PointInTimeState } from '@bj/audit-domain';
import { applicationTrailOf, pointInTimeState } from '../../audit-queries';

/** 时点状态与全程记录: an aggregate's state at any past moment; an application's trail (JSON or CSV). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class PointInTimeController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** One of declaration, application, session (year), certificate (number); asOf an ISO time or a global position (default: now). */
  @Get('state')
  @Roles('AUDITOR')
  state(
    @Query('asOf') asOfText?: string,
    @Query('declaration') declaration?: string,
    @Query('application') application?: string,
    @Query('session') session?: string,
    @Query('certificate') certificate?: string,
  ): Promise<PointInTimeState> {
    const target = parseStateTarget({ declaration, application, session, certificate });
    if ('error' in target) throw DomainError.invalid([{ path: '/query', message: target.error }]);
    let asOf;
    if (asOfText !== undefined) {
      const parsed = parseAsOf(asOfText);
      if ('error' in parsed) throw DomainError.invalid([{ path: '/query/asOf', message: parsed.error }]);
      asOf = parsed;
    }
    return pointInTimeState(this.store, target, asOf);
  }

  /** Who did what, when, in which role, with the reasons; ballots appear only as attendance and tallies. */
  @Get('applications/:id/trail')
  @Roles('AUDITOR')
  async trail(@Param('id') id: string, @Res({ passthrough: true }) response: Response, @Query('format') format = 'json'): Promise<ApplicationTrail | string> {
    if (format !== 'json' && format !== 'csv') throw DomainError.invalid([{ path: '/query/format', message: `must be json or csv, got "${format}"` }]);
    const trail = await applicationTrailOf(this.store, id);
    if (format === 'json') return trail;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="trail-${id.replace(/[^\w.-]/g, '_')}.csv"`);
    return trailToCsv(trail);
  }
}
