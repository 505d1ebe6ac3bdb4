import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import type { CorrectionReason, RejectionGround } from '@bj/session-domain';
import { batchItems, CurrentActor, MAX_BATCH_ITEMS, objectItem, requireText, Roles, runBatch } from '@bj/service-kit';
import { CentreReviewCommandMessage } from './centre-review.handler';

@ApiTags('centre review')
@ApiBearerAuth()
@Controller('api/v1/applications/:id')
export class CentreReviewController {
  constructor(private readonly commands: CommandBus) {}

  @Post('accept')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', properties: { remarks: { type: 'string' } } } })
  accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { remarks?: string }) {
    return this.commands.execute(new CentreReviewCommandMessage(actor, id, { type: 'AcceptApplication', remarks: body?.remarks }));
  }

  @Post('return')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', required: ['reasons'], properties: { reasons: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, reason: { type: 'string' } } } }, correctBy: { type: 'string', format: 'date' } } } })
  returnForCorrection(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { reasons: CorrectionReason[]; correctBy?: string }) {
    return this.commands.execute(new CentreReviewCommandMessage(actor, id, { type: 'ReturnForCorrection', reasons: body?.reasons, correctBy: body?.correctBy }));
  }

  @Post('reject')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', required: ['grounds'], properties: { grounds: { type: 'array', items: { type: 'object', properties: { clause: { type: 'string', example: 'SENIOR.ACH' }, reason: { type: 'string' } } } } } } })
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { grounds: RejectionGround[] }) {
    return this.commands.execute(new CentreReviewCommandMessage(actor, id, { type: 'RejectApplication', grounds: body?.grounds }));
  }

  @Post('recheck-request')
  @HttpCode(200)
  @Roles('APPLICANT')
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  requestRecheck(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { reason: string }) {
    return this.commands.execute(new CentreReviewCommandMessage(actor, id, { type: 'RequestRecheck', reason: body?.reason }));
  }

  @Post('recheck-decision')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', required: ['outcome', 'reasons'], properties: { outcome: { enum: ['UPHELD', 'OVERTURNED'] }, reasons: { type: 'string' } } } })
  decideRecheck(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { outcome: 'UPHELD' | 'OVERTURNED'; reasons: string }) {
    return this.commands.execute(new CentreReviewCommandMessage(actor, id, { type: 'DecideRecheck', outcome: body?.outcome, reasons: body?.reasons }));
  }
}

interface AcceptanceItem {
  readonly applicationId: string;
  readonly remarks?: string;
}

/**
 * 审核通过名单: the centre accepts the applications it has reviewed as one list. Each is decided
 * on its own, as by POST applications/:id/accept; the answer gives every item's outcome, and a
 * refused item writes nothing.
 */
@ApiTags('centre review')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class CentreBatchController {
  constructor(private readonly commands: CommandBus) {}

  @Post('accept')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', maxItems: MAX_BATCH_ITEMS, items: { type: 'object', required: ['applicationId'], properties: { applicationId: { type: 'string' }, remarks: { type: 'string' } } } } },
    },
  })
  acceptAll(@CurrentActor() actor: Actor, @Body() body: { items: AcceptanceItem[] }) {
    const items = batchItems<AcceptanceItem>(
      body?.items,
      'items',
      (item) =>
        objectItem<AcceptanceItem>(item, '{ applicationId, remarks? }', ({ applicationId, remarks }) => [
          ...requireText(applicationId, '/applicationId', 'applicationId'),
          ...(remarks === undefined || typeof remarks === 'string' ? [] : [{ path: '/remarks', message: 'remarks must be a string when given' }]),
        ]),
      (item) => item.applicationId,
    );
    return runBatch(
      items,
      ({ applicationId }) => ({ applicationId }),
      ({ applicationId, remarks }) => this.commands.execute(new CentreReviewCommandMessage(actor, applicationId, { type: 'AcceptApplication', remarks })),
    );
  }
}
