import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { parseYear, type Actor } from '@bj/kernel';
import { scoresVisibleTo, SCORING_RUBRIC_V1, type ConflictType, type RubricScores } from '@bj/session-domain';
import { batchItems, CurrentActor, MAX_BATCH_ITEMS, objectItem, requireText, Roles, runBatch } from '@bj/service-kit';
import { ApplicationAccess } from '../../board/access';
import { AssignAllExpertsCommand, AssignExpertsCommand, ExpertActionCommand } from './expert-panel.handler';

@ApiTags('expert panels')
@ApiBearerAuth()
@Controller('api/v1')
export class ExpertPanelController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: ApplicationAccess,
  ) {}

  @Post('applications/:id/panel/assign')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  assign(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.commands.execute(new AssignExpertsCommand(actor, id));
  }

  @Post('sessions/:year/panels/assign')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  assignAll(@CurrentActor() actor: Actor, @Param('year') year: string) {
    return this.commands.execute(new AssignAllExpertsCommand(actor, parseYear(year)));
  }

  /** Scores are blind: an expert sees the others' only once their own is in; the centre sees all. */
  @Get('applications/:id/panel')
  @Roles('CENTRE_STAFF', 'EXPERT', 'AUDITOR')
  panel(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const record = this.access.require(actor, id);
    const p = record.panel;
    const scores = actor.role === 'EXPERT' ? scoresVisibleTo(p, actor.id) : p.scores;
    return { applicationId: id, rubric: SCORING_RUBRIC_V1, rules: p.rules, assigned: p.assigned, recused: p.recused, scores, opinion: actor.role === 'EXPERT' && scores.length < p.scores.length ? null : p.opinion };
  }

  @Post('applications/:id/panel/conflict')
  @HttpCode(200)
  @Roles('EXPERT')
  @ApiBody({ schema: { type: 'object', required: ['conflictType', 'details'], properties: { conflictType: { type: 'string' }, details: { type: 'string' } } } })
  conflict(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { conflictType: ConflictType; details: string }) {
    return this.commands.execute(new ExpertActionCommand(actor, id, { type: 'DeclareConflict', conflictType: body?.conflictType, details: body?.details }));
  }

  @Post('applications/:id/panel/recuse')
  @HttpCode(200)
  @Roles('EXPERT')
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { reason: string }) {
    return this.commands.execute(new ExpertActionCommand(actor, id, { type: 'Recuse', reason: body?.reason }));
  }

  @Post('applications/:id/panel/scores')
  @HttpCode(200)
  @Roles('EXPERT')
  @ApiBody({ schema: { type: 'object', required: ['scores', 'opinion'], properties: { scores: { type: 'object', example: { innovation: 24, technicalDifficulty: 20, performanceResults: 20, achievements: 15 } }, opinion: { type: 'string' } } } })
  score(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { scores: RubricScores; opinion: string }) {
    return this.commands.execute(new ExpertActionCommand(actor, id, { type: 'SubmitScore', scores: body?.scores, opinion: body?.opinion }));
  }

  /**
   * 评分表: an expert hands in the scores of several assigned applications at once. Each score is
   * decided on its own, as by POST applications/:id/panel/scores; the answer gives every item's
   * outcome, and a refused item writes nothing.
   */
  @Post('panel/scores')
  @HttpCode(200)
  @Roles('EXPERT')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          maxItems: MAX_BATCH_ITEMS,
          items: { type: 'object', required: ['applicationId', 'scores', 'opinion'], properties: { applicationId: { type: 'string' }, scores: { type: 'object', example: { innovation: 24, technicalDifficulty: 20, performanceResults: 20, achievements: 15 } }, opinion: { type: 'string' } } },
        },
      },
    },
  })
  scoreSheet(@CurrentActor() actor: Actor, @Body() body: { items: ScoreSheetItem[] }) {
    const items = batchItems<ScoreSheetItem>(
      body?.items,
      'items',
      (item) => objectItem<ScoreSheetItem>(item, '{ applicationId, scores, opinion }', ({ applicationId }) => requireText(applicationId, '/applicationId', 'applicationId')),
      (item) => item.applicationId,
    );
    return runBatch(
      items,
      ({ applicationId }) => ({ applicationId }),
      ({ applicationId, scores, opinion }) => this.commands.execute(new ExpertActionCommand(actor, applicationId, { type: 'SubmitScore', scores, opinion })),
    );
  }
}

interface ScoreSheetItem {
  readonly applicationId: string;
  readonly scores: RubricScores;
  readonly opinion: string;
}
