import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { batchItems, CommandRunner, CurrentActor, MAX_BATCH_ITEMS, objectItem, requireText, Roles, runBatch } from '@bj/service-kit';
import { EmployerStageCommand, StartPublicityCommand } from './employer-stage.handlers';

class StartPublicityBody {
  @ApiPropertyOptional({ example: '2026-09-30', description: 'first day of publication; default today' })
  startOn?: string;
}
class PublicityObjectionBody {
  @ApiProperty({ example: '论文二的通讯作者身份存疑' })
  text!: string;
}
class ResolvePublicityObjectionBody {
  @ApiProperty({ enum: ['UPHELD', 'DISMISSED'] })
  outcome!: 'UPHELD' | 'DISMISSED';
  @ApiProperty({ example: '经核实，异议不成立' })
  resolution!: string;
}
class OpinionBody {
  @ApiProperty({ example: '该同志业绩突出，材料属实，同意推荐' })
  opinion!: string;
}
class ReasonsBody {
  @ApiProperty({ example: '公示期间异议经核实成立' })
  reasons!: string;
}

/** 单位推荐: the employer's internal publicity, objections and recommendation. */
@ApiTags('employer')
@ApiBearerAuth()
@Controller('api/v1/declarations/:id')
export class EmployerStageController {
  constructor(
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
  ) {}

  @Post('publicity')
  @HttpCode(200)
  @Roles('EMPLOYER')
  startPublicity(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: StartPublicityBody) {
    return this.commands.execute(new StartPublicityCommand(actor, id, body?.startOn));
  }

  /** Anyone in the unit (matched by credit code) may object while the publicity runs. */
  @Post('objections')
  @HttpCode(201)
  @Roles('APPLICANT', 'EMPLOYER')
  object(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: PublicityObjectionBody) {
    const objectionId = this.runner.newId();
    return this.commands
      .execute(new EmployerStageCommand(actor, id, { type: 'RaisePublicityObjection', objectionId, text: body?.text }))
      .then((r) => ({ ...r, objectionId }));
  }

  @Post('objections/:objectionId/resolve')
  @HttpCode(200)
  @Roles('EMPLOYER')
  resolve(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('objectionId') objectionId: string, @Body() body: ResolvePublicityObjectionBody) {
    return this.commands.execute(new EmployerStageCommand(actor, id, { type: 'ResolvePublicityObjection', objectionId, outcome: body?.outcome, resolution: body?.resolution }));
  }

  @Post('recommend')
  @HttpCode(200)
  @Roles('EMPLOYER')
  recommend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: OpinionBody) {
    return this.commands.execute(new EmployerStageCommand(actor, id, { type: 'RecommendDeclaration', opinion: body?.opinion }));
  }

  @Post('decline')
  @HttpCode(200)
  @Roles('EMPLOYER')
  decline(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReasonsBody) {
    return this.commands.execute(new EmployerStageCommand(actor, id, { type: 'DeclineDeclaration', reasons: body?.reasons }));
  }
}

class BatchPublicityBody {
  @ApiProperty({ type: [String], description: `the declarations to publicise together, at most ${MAX_BATCH_ITEMS}` })
  declarationIds!: string[];
  @ApiPropertyOptional({ example: '2026-09-30', description: 'first day of publication; default today' })
  startOn?: string;
}
class RecommendationItem {
  @ApiProperty()
  declarationId!: string;
  @ApiProperty({ example: '该同志业绩突出，材料属实，同意推荐' })
  opinion!: string;
}
class BatchRecommendationBody {
  @ApiProperty({ type: [RecommendationItem], description: `at most ${MAX_BATCH_ITEMS}` })
  items!: RecommendationItem[];
}

/**
 * An employer acts on its staff's declarations together, as it does on paper: one internal
 * publicity lists every applicant of the unit (单位内部公示), one recommendation list goes to the
 * centre (推荐名单). Each declaration is decided on its own, as by the endpoints above; the
 * answer gives every item's outcome, and a refused item writes nothing.
 */
@ApiTags('employer')
@ApiBearerAuth()
@Controller('api/v1/employer')
export class EmployerBatchController {
  constructor(private readonly commands: CommandBus) {}

  @Post('publicity')
  @HttpCode(200)
  @Roles('EMPLOYER')
  startPublicity(@CurrentActor() actor: Actor, @Body() body: BatchPublicityBody) {
    const ids = batchItems<string>(body?.declarationIds, 'declarationIds', (id) => requireText(id, '', 'a declarationId'), (id) => id);
    return runBatch(ids, (declarationId) => ({ declarationId }), (id) => this.commands.execute(new StartPublicityCommand(actor, id, body?.startOn)));
  }

  @Post('recommendations')
  @HttpCode(200)
  @Roles('EMPLOYER')
  recommend(@CurrentActor() actor: Actor, @Body() body: BatchRecommendationBody) {
    const items = batchItems<RecommendationItem>(
      body?.items,
      'items',
      (item) => objectItem<RecommendationItem>(item, '{ declarationId, opinion }', ({ declarationId, opinion }) => [...requireText(declarationId, '/declarationId', 'declarationId'), ...requireText(opinion, '/opinion', 'opinion')]),
      (item) => item.declarationId,
    );
    return runBatch(
      items,
      ({ declarationId }) => ({ declarationId }),
      ({ declarationId, opinion }) => this.commands.execute(new EmployerStageCommand(actor, declarationId, { type: 'RecommendDeclaration', opinion })),
    );
  }
}
