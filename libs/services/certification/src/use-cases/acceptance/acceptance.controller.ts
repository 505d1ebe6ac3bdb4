import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, parseCentre, parseYear, type Actor } from '@bj/kernel';
import type { AcceptanceChecks } from '@bj/session-domain';
import { CurrentActor, Roles } from '@bj/service-kit';
import { SessionResultsProjection } from '../../read-models/session-results.projection';
import { AcceptResultsCommand, SendBackResultsCommand } from './acceptance.handlers';

class ChecksBody implements AcceptanceChecks {
  @ApiProperty({ description: '材料 complete and true' }) materials!: boolean;
  @ApiProperty({ description: '范围: only levels and directions the committee may decide' }) scope!: boolean;
  @ApiProperty({ description: '程序: the procedure of the measures was followed' }) procedure!: boolean;
  @ApiProperty({ description: '质量: the evaluation quality' }) quality!: boolean;
}
class AcceptBody {
  @ApiProperty({ type: ChecksBody }) checks!: ChecksBody;
  @ApiPropertyOptional({ example: '材料齐全，程序规范' }) remarks?: string;
}
class SendBackBody {
  @ApiProperty({ type: [String], example: ['评审程序记录不完整'] }) reasons!: string[];
  @ApiPropertyOptional({ type: ChecksBody }) checks?: Partial<ChecksBody>;
}

/** 验收: HRSS checks a centre's results of the year. */
@ApiTags('acceptance')
@ApiBearerAuth()
@Controller('api/v1/results/:year/:centre')
export class AcceptanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: SessionResultsProjection,
  ) {}

  @Post('accept')
  @HttpCode(200)
  @Roles('HRSS_OFFICER')
  accept(@CurrentActor() actor: Actor, @Param('year') year: string, @Param('centre') centre: string, @Body() body: AcceptBody) {
    return this.commands.execute(new AcceptResultsCommand(actor, parseYear(year), parseCentre(centre), body?.checks, body?.remarks));
  }

  @Post('send-back')
  @HttpCode(200)
  @Roles('HRSS_OFFICER')
  sendBack(@CurrentActor() actor: Actor, @Param('year') year: string, @Param('centre') centre: string, @Body() body: SendBackBody) {
    return this.commands.execute(new SendBackResultsCommand(actor, parseYear(year), parseCentre(centre), body?.reasons, body?.checks));
  }

  /** The results, their acceptance and notices (objections with contacts included: internal). A centre's staff see only their centre's. */
  @Get()
  @Roles('HRSS_OFFICER', 'CENTRE_STAFF', 'AUDITOR')
  get(@CurrentActor() actor: Actor, @Param('year') yearText: string, @Param('centre') centreText: string) {
    const year = parseYear(yearText);
    const centre = parseCentre(centreText);
    if (actor.role === 'CENTRE_STAFF' && actor.centre !== centre) throw DomainError.forbidden(`You belong to ${actor.centre ?? 'no centre'}, not ${centre}`, 'WRONG_CENTRE');
    const view = this.results.get(year, centre);
    if (!view) throw DomainError.notFound(`No results of ${year} have been submitted by ${centre}`, 'RESULTS_NOT_FOUND');
    const { state } = view;
    return {
      year,
      centre,
      status: state.status,
      submission: state.submission,
      submittedAt: view.submittedAt,
      passed: state.passed,
      acceptance: view.acceptance,
      sendBacks: view.sendBacks,
      notices: state.notices.map((n) => this.results.notice(n.noticeId)).filter((n) => n !== undefined).map(({ streamId: _stream, ...n }) => n),
    };
  }
}
