import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { parseYear, type Actor } from '@bj/kernel';
import { annualSessionDecider, annualSessionStreamId, type Expert } from '@bj/session-domain';
import { CommandRunner, CurrentActor, Roles } from '@bj/service-kit';

export class RegisterExpertCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly expert: Expert) {}
}

/** 专家库: the centre registers an expert with directions, specialities, employer and declared relations. */
@CommandHandler(RegisterExpertCommand)
export class RegisterExpertHandler implements ICommandHandler<RegisterExpertCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, year, expert }: RegisterExpertCommand) {
    await this.runner.run(annualSessionStreamId(year), annualSessionDecider, () => ({ ...expert, type: 'RegisterExpert' as const, actor, now: this.runner.now() }), actor);
    return { expertId: expert?.expertId };
  }
}

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/v1/sessions')
export class RegisterExpertController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':year/experts')
  @HttpCode(201)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', description: 'expertId, name, directions, specialities, employerCreditCode, relations' } })
  register(@CurrentActor() actor: Actor, @Param('year') year: string, @Body() body: Expert) {
    return this.commands.execute(new RegisterExpertCommand(actor, parseYear(year), body));
  }
}
