import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@bj/kernel';
import { CommandRunner, CurrentActor, Public, Roles } from '@bj/service-kit';
import { OptionalActor, PUBLIC_ACTOR } from '../../http-params';
import { SessionResultsProjection } from '../../read-models/session-results.projection';
import { NoticeCommand } from './notice-objections.handlers';

class NoticeObjectionBody {
  @ApiProperty({ description: 'the application on the notice the objection is about' }) applicationId!: string;
  @ApiProperty({ example: '该同志申报的论文存在代写情况，请核查' }) content!: string;
  @ApiPropertyOptional({ example: '13900000000', description: 'how HRSS can reach the objector; never published' }) contact?: string;
}
class ResolveNoticeObjectionBody {
  @ApiProperty({ enum: ['UPHELD', 'DISMISSED'] }) outcome!: 'UPHELD' | 'DISMISSED';
  @ApiProperty({ example: '经调查核实，反映情况属实' }) findings!: string;
}

/** 公示异议: anyone objects during the period; HRSS investigates and closes the notice. */
@ApiTags('public notice')
@Controller('api/v1/notices/:noticeId')
export class NoticeObjectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    private readonly results: SessionResultsProjection,
  ) {}

  /** Anyone, with or without a token. */
  @Post('objections')
  @HttpCode(201)
  @Public()
  async object(@OptionalActor() actor: Actor | undefined, @Param('noticeId') noticeId: string, @Body() body: NoticeObjectionBody) {
    if (body?.contact !== undefined && (typeof body.contact !== 'string' || body.contact.length > 200)) {
      throw DomainError.invalid([{ path: '/contact', message: 'contact must be a text of at most 200 characters (a phone number or an e-mail address)' }]);
    }
    const objectionId = this.runner.newId();
    await this.commands.execute(
      new NoticeCommand(actor ?? PUBLIC_ACTOR, noticeId, { type: 'RaiseNoticeObjection', objectionId, applicationId: body?.applicationId, content: body?.content, contact: body?.contact }),
    );
    return { noticeId, objectionId, status: 'OPEN' };
  }

  @Post('objections/:objectionId/resolve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('HRSS_OFFICER')
  async resolve(@CurrentActor() actor: Actor, @Param('noticeId') noticeId: string, @Param('objectionId') objectionId: string, @Body() body: ResolveNoticeObjectionBody) {
    await this.commands.execute(new NoticeCommand(actor, noticeId, { type: 'ResolveNoticeObjection', objectionId, outcome: body?.outcome, findings: body?.findings }));
    return { noticeId, objectionId, status: body.outcome };
  }

  /** After the last day: NoticeClosed, and ApplicantReadyForCertification for each entry without an upheld objection. */
  @Post('close')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('HRSS_OFFICER')
  async close(@CurrentActor() actor: Actor, @Param('noticeId') noticeId: string) {
    await this.commands.execute(new NoticeCommand(actor, noticeId, { type: 'CloseNotice' }));
    const closed = this.results.requireNotice(noticeId).closed;
    return { noticeId, closedOn: closed?.closedOn, readyForCertification: closed?.cleared ?? [], withheld: closed?.withheld ?? [] };
  }
}
