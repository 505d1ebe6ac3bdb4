import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { parseYear, type Actor } from '@bj/kernel';
import type { SessionDefinition } from '@bj/session-domain';
import { CurrentActor, Roles } from '@bj/service-kit';
import { SessionsProjection } from '../../sessions/sessions.projection';
import { OpenSessionCommand } from './open-session.handler';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/v1/sessions')
export class OpenSessionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: SessionsProjection,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', description: 'year, declarationWindow {opensOn, closesOn}, cutoffDate?, committees, panels, settings?' } })
  open(@CurrentActor() actor: Actor, @Body() body: SessionDefinition) {
    return this.commands.execute(new OpenSessionCommand(actor, body));
  }

  /** The session's terms and settings; committee members' relations and the expert pool stay with the centres. */
  @Get(':year')
  @Roles('APPLICANT', 'EMPLOYER', 'CENTRE_STAFF', 'EXPERT', 'COMMITTEE_MEMBER', 'HRSS_OFFICER', 'AUDITOR')
  get(@CurrentActor() actor: Actor, @Param('year') yearText: string) {
    const { session, experts, declarationsClosedOn } = this.sessions.require(parseYear(yearText));
    const staff = actor.role === 'CENTRE_STAFF' || actor.role === 'AUDITOR' || actor.role === 'HRSS_OFFICER';
    return {
      year: session.year,
      declarationWindow: session.declarationWindow,
      cutoffDate: session.cutoffDate,
      declarationsClosedOn,
      settings: session.settings,
      committees: session.committees.map((c) => ({ committeeId: c.committeeId, name: c.name, centre: c.centre, levels: c.levels, memberCount: c.members.length, ...(staff ? { members: c.members } : {}) })),
      panels: session.panels,
      ...(staff ? { experts } : { expertCount: experts.length }),
    };
  }
}
