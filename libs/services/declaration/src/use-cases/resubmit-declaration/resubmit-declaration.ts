import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DomainError, echo, type Actor } from '@bj/kernel';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { CommandRunner, CurrentActor, Roles } from '@bj/service-kit';
import { SessionTermsProjection } from '../../declarations/session-terms.projection';

export class ResubmitDeclarationCommand {
  constructor(readonly actor: Actor, readonly declarationId: string, readonly declaration: unknown) {}
}

/** 补正后重新提交: the amended declaration goes back to the centre with a fresh pre-check. */
@CommandHandler(ResubmitDeclarationCommand)
export class ResubmitDeclarationHandler implements ICommandHandler<ResubmitDeclarationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionTermsProjection,
  ) {}

  async execute({ actor, declarationId, declaration }: ResubmitDeclarationCommand) {
    await this.runner.run(
      declarationStreamId(declarationId),
      declarationDecider,
      (state) => {
        if (state.sessionYear === undefined) throw DomainError.notFound(`No declaration ${echo(declarationId)}`, 'DECLARATION_NOT_FOUND');
        return { type: 'ResubmitDeclaration' as const, actor, now: this.runner.now(), document: declaration, session: this.sessions.require(state.sessionYear) };
      },
      actor,
    );
    return { declarationId, status: 'RECOMMENDED' };
  }
}

class ResubmitBody {
  @ApiProperty({ type: 'object', additionalProperties: true })
  declaration!: unknown;
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class ResubmitDeclarationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('APPLICANT')
  resubmit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ResubmitBody) {
    return this.commands.execute(new ResubmitDeclarationCommand(actor, id, body?.declaration));
  }
}
