import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, parseCentre, parseYear, type Actor, type Centre } from '@bj/kernel';
import { sessionResultsDecider, sessionResultsStreamId, type PassedApplicant } from '@bj/session-domain';
import { CommandRunner, CurrentActor, Roles } from '@bj/service-kit';
import { ReviewBoardProjection } from '../../board/review-board.projection';

export class SubmitResultsCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly centre: Centre) {}
}

/** 报送评审结果: the centre sends HRSS the list of those who passed its committees' votes. */
@CommandHandler(SubmitResultsCommand)
export class SubmitResultsHandler implements ICommandHandler<SubmitResultsCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly board: ReviewBoardProjection,
  ) {}

  async execute({ actor, year, centre }: SubmitResultsCommand) {
    if (actor.centre && actor.centre !== centre) throw DomainError.forbidden(`You are staff of ${actor.centre}`, 'OTHER_CENTRE');
    const meetings = this.board.allMeetings().filter((m) => m.year === year && m.centre === centre);
    const open = meetings.filter((m) => !m.closed).map((m) => m.meetingId);
    if (open.length > 0) throw DomainError.rule('MEETINGS_NOT_CLOSED', `Close the committee meetings first: ${open.join(', ')}`);
    const committeeOf = new Map(meetings.map((m) => [m.meetingId, m.committeeId]));
    const passed: PassedApplicant[] = this.board
      .allApplications()
      .sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1))
      .flatMap((r) => {
        const decision = r.decision;
        const committeeId = decision ? committeeOf.get(decision.meetingId) : undefined;
        if (decision?.outcome !== 'PASSED' || committeeId === undefined) return [];
        const a = r.review.application;
        return [{ applicationId: a.applicationId, applicant: a.applicant, employer: { name: a.employer.name }, level: a.level, direction: a.direction, committeeId, meetingId: decision.meetingId, decidedOn: decision.decidedOn }];
      });
    await this.runner.run(sessionResultsStreamId(year, centre), sessionResultsDecider, () => ({ type: 'SubmitResults' as const, actor, now: this.runner.now(), year, centre, meetingIds: [...committeeOf.keys()], passed }), actor);
    return { year, centre, passed: passed.length, meetings: committeeOf.size };
  }
}

@ApiTags('results')
@ApiBearerAuth()
@Controller('api/v1/sessions/:year/results/:centre')
export class SubmitResultsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('submit')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  submit(@CurrentActor() actor: Actor, @Param('year') year: string, @Param('centre') centre: string) {
    return this.commands.execute(new SubmitResultsCommand(actor, parseYear(year), parseCentre(centre)));
  }
}
