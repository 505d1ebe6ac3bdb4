import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ProjectionHost, ReactionHost, Readiness } from '@bj/service-kit';
import { DeclarationFactsProjection } from './reactions/recommended-declarations.projection';
import { ContinueReviewOnResubmission, OpenReviewOnRecommendation } from './reactions/review-reactions';
import { SessionsProjection } from './sessions/sessions.projection';
import { OpenSessionController } from './use-cases/open-session/open-session.controller';
import { OpenSessionHandler } from './use-cases/open-session/open-session.handler';
import { RegisterExpertController, RegisterExpertHandler } from './use-cases/register-expert/register-expert';

const SERVICE = 'review';

/** The review service: the centres, the expert panels and the committees (审核, 评议, 表决). */
@Module({
  controllers: [OpenSessionController, RegisterExpertController],
  providers: [SessionsProjection, DeclarationFactsProjection, OpenReviewOnRecommendation, ContinueReviewOnResubmission, OpenSessionHandler, RegisterExpertHandler],
  exports: [SessionsProjection],
})
export class ReviewServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly host: ProjectionHost,
    private readonly readiness: Readiness,
    private readonly sessions: SessionsProjection,
    private readonly facts: DeclarationFactsProjection,
    private readonly reactions: ReactionHost,
    private readonly openReview: OpenReviewOnRecommendation,
    private readonly continueReview: ContinueReviewOnResubmission,
  ) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
    this.host.register(this.sessions);
    this.host.register(this.facts);
    this.reactions.register(this.openReview);
    this.reactions.register(this.continueReview);
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
