import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import type { EventStore } from '@bj/event-store';
import { declarationDocuments, declarationStreamId } from '@bj/declaration-domain';
import { CurrentActor, EVENT_STORE, Roles } from '@bj/service-kit';
import { DeclarationsProjection, declarationTrail, type DeclarationView } from '../../declarations/declarations.projection';
import { canRead, requireReadable } from '../../declarations/visibility';

function summary(v: DeclarationView) {
  return {
    declarationId: v.declarationId,
    sessionYear: v.sessionYear,
    status: v.status,
    applicantName: v.applicantName,
    employerName: v.employerName,
    targetLevel: v.targetLevel,
    direction: v.direction,
    submittedOn: v.submittedOn,
    eligible: v.eligibility?.eligible,
    stage: v.progress.at(-1)?.label,
  };
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class ReadDeclarationsController {
  constructor(
    private readonly declarations: DeclarationsProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Applicants see their own; an employer its own staff's submitted declarations; the centres all submitted ones. */
  @Get()
  @Roles('APPLICANT', 'EMPLOYER', 'CENTRE_STAFF', 'AUDITOR')
  list(@CurrentActor() actor: Actor) {
    return this.declarations.all().filter((v) => canRead(actor, v)).map(summary);
  }

  @Get(':id')
  @Roles('APPLICANT', 'EMPLOYER', 'CENTRE_STAFF', 'AUDITOR')
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const v = requireReadable(actor, this.declarations.get(id), id);
    // the documents and the trail are read from the declaration's own stream, not kept in memory
    const events = await this.store.readStream(declarationStreamId(id));
    const { document, eligibilityReport } = declarationDocuments(events);
    return {
      ...summary(v),
      declaration: document,
      eligibilityReport,
      publicity: v.publicity,
      objections: v.objections,
      recommendation: v.recommendation,
      progress: v.progress,
      trail: declarationTrail(events),
    };
  }
}
