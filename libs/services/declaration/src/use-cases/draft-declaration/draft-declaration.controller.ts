import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { DraftDeclarationCommand } from './draft-declaration.command';

export class DraftDeclarationBody {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The declaration (shared/spec/declaration.schema.json)' })
  declaration!: unknown;
  @ApiPropertyOptional({ description: "The session's year; defaults to the latest session opened" })
  sessionYear?: number;
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class DraftDeclarationController {
  constructor(private readonly commands: CommandBus) {}

  /** 起草申报: the applicant drafts a declaration; it is validated in full, and stored only when valid. */
  @Post()
  @HttpCode(201)
  @Roles('APPLICANT')
  draft(@CurrentActor() actor: Actor, @Body() body: DraftDeclarationBody) {
    return this.commands.execute(new DraftDeclarationCommand(actor, body?.declaration, body?.sessionYear));
  }
}
