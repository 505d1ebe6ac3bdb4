import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ProjectionHost, ReactionHost, Readiness } from '@bj/service-kit';
import { ApplicationBarsProjection } from './declarations/application-bars.projection';
import { DeclarationsProjection } from './declarations/declarations.projection';
import { SessionTermsProjection } from './declarations/session-terms.projection';
import { DraftDeclarationController } from './use-cases/draft-declaration/draft-declaration.controller';
import { DraftDeclarationHandler } from './use-cases/draft-declaration/draft-declaration.handler';
import { EditDeclarationController } from './use-cases/edit-declaration/edit-declaration.controller';
import { EditDeclarationHandler } from './use-cases/edit-declaration/edit-declaration.handler';
import { EvaluateEligibilityController } from './use-cases/evaluate-eligibility/evaluate-eligibility.controller';
import { ReadDeclarationsController } from './use-cases/read-declarations/read-declarations.controller';
import { SubmitDeclarationController } from './use-cases/submit-declaration/submit-declaration.controller';
import { SubmitDeclarationHandler } from './use-cases/submit-declaration/submit-declaration.handler';
import { WithdrawDeclarationController } from './use-cases/withdraw-declaration/withdraw-declaration.controller';
import { WithdrawDeclarationHandler } from './use-cases/withdraw-declaration/withdraw-declaration.handler';

import { EmployerBatchController, EmployerStageController } from './use-cases/employer-stage/employer-stage.controller';
import { EmployerStageHandler, StartPublicityHandler } from './use-cases/employer-stage/employer-stage.handlers';

import { ResubmitDeclarationController, ResubmitDeclarationHandler } from './use-cases/resubmit-declaration/resubmit-declaration';
import { CorrectionRequestedReaction } from './reactions/correction-requested.reaction';

import { AttachEvidenceController, AttachEvidenceHandler } from './use-cases/attach-evidence/attach-evidence';

const SERVICE = 'declaration';

/** The declaration service: applicants and employers (申报, 单位推荐). */
@Module({
  controllers: [
    DraftDeclarationController,
    EditDeclarationController,
    SubmitDeclarationController,
    WithdrawDeclarationController,
    ReadDeclarationsController,
    EvaluateEligibilityController,
    EmployerStageController,
    EmployerBatchController,
    ResubmitDeclarationController,
    AttachEvidenceController,
  ],
  providers: [
    DeclarationsProjection,
    SessionTermsProjection,
    ApplicationBarsProjection,
    DraftDeclarationHandler,
    EditDeclarationHandler,
    SubmitDeclarationHandler,
    WithdrawDeclarationHandler,
    EmployerStageHandler,
    StartPublicityHandler,
    ResubmitDeclarationHandler,
    AttachEvidenceHandler,
    CorrectionRequestedReaction,
  ],
  exports: [DeclarationsProjection, SessionTermsProjection],
})
export class DeclarationServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly host: ProjectionHost,
    private readonly readiness: Readiness,
    private readonly declarations: DeclarationsProjection,
    private readonly sessions: SessionTermsProjection,
    private readonly bars: ApplicationBarsProjection,
    private readonly reactions: ReactionHost,
    private readonly correctionRequested: CorrectionRequestedReaction,
  ) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
    [this.declarations, this.sessions, this.bars].forEach((p) => this.host.register(p));
    this.reactions.register(this.correctionRequested);
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
