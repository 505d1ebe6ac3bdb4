import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { EditDeclarationCommand } from './edit-declaration.handler';

export class EditDeclarationBody {
  @ApiProperty({ type: 'object', additionalProperties: true })
  declaration!: unknown;
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class EditDeclarationController {
  constructor(private readonly commands: CommandBus) {}

  /** The applicant replaces the draft (or, when returned for correction, the amended declaration). */
  @Put(':id')
  @Roles('APPLICANT')
  edit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: EditDeclarationBody) {
    return this.commands.execute(new EditDeclarationCommand(actor, id, body?.declaration));
  }
}
