import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { SubmitDeclarationCommand } from './submit-declaration.handler';

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class SubmitDeclarationController {
  constructor(private readonly commands: CommandBus) {}

  /** 提交: the applicant submits the draft in the session's declaration window; the pre-check report is attached. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles('APPLICANT')
  submit(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.commands.execute(new SubmitDeclarationCommand(actor, id));
  }
}
