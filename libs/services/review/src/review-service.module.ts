import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ProjectionHost, ReactionHost, Readiness } from '@bj/service-kit';
import { ApplicationAccess } from './board/access';
import { ReviewBoardProjection } from './board/review-board.projection';
import { DeclarationFactsProjection } from './reactions/recommended-declarations.projection';
import { ContinueReviewOnResubmission, OpenReviewOnRecommendation } from './reactions/review-reactions';
import { SessionsProjection } from './sessions/sessions.projection';
import { CentreBatchController, CentreReviewController } from './use-cases/centre-review/centre-review.controller';
import { CentreReviewHandler } from './use-cases/centre-review/centre-review.handler';
import { CommitteeMeetingController } from './use-cases/committee-meeting/committee-meeting.controller';
import { IssueBallotsHandler, MeetingActionHandler, ScheduleMeetingHandler } from './use-cases/committee-meeting/committee-meeting.handler';
import { ExpertPanelController } from './use-cases/expert-panel/expert-panel.controller';
import { AssignAllExpertsHandler, AssignExpertsHandler, ExpertActionHandler } from './use-cases/expert-panel/expert-panel.handler';
import { OpenSessionController } from './use-cases/open-session/open-session.controller';
import { OpenSessionHandler } from './use-cases/open-session/open-session.handler';
import { ReadApplicationsController } from './use-cases/read-applications/read-applications.controller';
import { RegisterExpertController, RegisterExpertHandler } from './use-cases/register-expert/register-expert';
import { SubmitResultsController, SubmitResultsHandler } from './use-cases/submit-results/submit-results';

const SERVICE = 'review';

/** The review service: the centres, the expert panels and the committees (审核, 评议, 表决). */
@Module({
  controllers: [OpenSessionController, RegisterExpertController, ReadApplicationsController, CentreBatchController, CentreReviewController, ExpertPanelController, CommitteeMeetingController, SubmitResultsController],
  providers: [
    SessionsProjection,
    DeclarationFactsProjection,
    ReviewBoardProjection,
    ApplicationAccess,
    OpenReviewOnRecommendation,
    ContinueReviewOnResubmission,
    OpenSessionHandler,
    RegisterExpertHandler,
    CentreReviewHandler,
    AssignExpertsHandler,
    AssignAllExpertsHandler,
    ExpertActionHandler,
    ScheduleMeetingHandler,
    IssueBallotsHandler,
    MeetingActionHandler,
    SubmitResultsHandler,
  ],
  exports: [SessionsProjection, ReviewBoardProjection],
})
export class ReviewServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly host: ProjectionHost,
    private readonly readiness: Readiness,
    private readonly reactions: ReactionHost,
    private readonly sessions: SessionsProjection,
    private readonly facts: DeclarationFactsProjection,
    private readonly board: ReviewBoardProjection,
    private readonly openReview: OpenReviewOnRecommendation,
    private readonly continueReview: ContinueReviewOnResubmission,
  ) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
    [this.sessions, this.facts, this.board].forEach((p) => this.host.register(p));
    [this.openReview, this.continueReview].forEach((r) => this.reactions.register(r));
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
