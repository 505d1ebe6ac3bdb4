import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { WithdrawDeclarationCommand } from './withdraw-declaration.handler';

export class WithdrawBody {
  @ApiProperty({ example: '本年度暂不申报' })
  reason!: string;
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class WithdrawDeclarationController {
  constructor(private readonly commands: CommandBus) {}

  /** 撤回: the applicant withdraws, at any stage before the committee's vote. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('APPLICANT')
  withdraw(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: WithdrawBody) {
    return this.commands.execute(new WithdrawDeclarationCommand(actor, id, body?.reason));
  }
}
