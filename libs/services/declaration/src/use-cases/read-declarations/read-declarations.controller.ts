import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { DeclarationsProjection, type DeclarationView } from '../../declarations/declarations.projection';
import { canRead, requireReadable } from '../../declarations/visibility';

function summary(v: DeclarationView) {
  const doc = (v.document ?? {}) as Record<string, Record<string, unknown>>;
  return {
    declarationId: v.declarationId,
    sessionYear: v.sessionYear,
    status: v.status,
    applicantName: doc['applicant']?.['name'],
    employerName: doc['employer']?.['name'],
    targetLevel: doc['targetLevel'],
    direction: doc['direction'],
    submittedOn: v.submittedOn,
    eligible: v.eligibility?.eligible,
    stage: v.progress.at(-1)?.label,
  };
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class ReadDeclarationsController {
  constructor(private readonly declarations: DeclarationsProjection) {}

  /** Applicants see their own; an employer its own staff's submitted declarations; the centres all submitted ones. */
  @Get()
  @Roles('APPLICANT', 'EMPLOYER', 'CENTRE_STAFF', 'AUDITOR')
  list(@CurrentActor() actor: Actor) {
    return this.declarations.all().filter((v) => canRead(actor, v)).map(summary);
  }

  @Get(':id')
  @Roles('APPLICANT', 'EMPLOYER', 'CENTRE_STAFF', 'AUDITOR')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const v = requireReadable(actor, this.declarations.get(id), id);
    return {
      ...summary(v),
      declaration: v.document,
      eligibilityReport: v.eligibilityReport,
      publicity: v.publicity,
      objections: v.objections,
      recommendation: v.recommendation,
      progress: v.progress,
      trail: v.trail,
    };
  }
}
