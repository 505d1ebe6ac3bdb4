import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@bj/kernel';
import type { EventStore, StoredEvent } from '@bj/event-store';
import { declarationDocuments, declarationStreamId } from '@bj/declaration-domain';
import { centreReviewDecider, centreReviewStreamId, type ApplicationSnapshot, type CentreReviewCommand } from '@bj/session-domain';
import { applicationSubject, CommandRunner, EVENT_STORE, reactionEventIds, type Reaction } from '@bj/service-kit';
import { DeclarationFactsProjection } from './recommended-declarations.projection';

/** The review service acts as the system when it reacts to the declaration service's events. */
export const REVIEW_SYSTEM: Actor = { id: 'system:review-service', role: 'CENTRE_STAFF', name: '评审服务系统' };

const declarationIdOf = (event: StoredEvent) => event.streamId.replace(/^declaration-/, '');

/** 单位推荐 → 评审机构审核: a recommended declaration opens its review at the centre. */
@Injectable()
export class OpenReviewOnRecommendation implements Reaction {
  readonly name = 'open-review-on-recommendation';
  readonly eventTypes = ['EmployerRecommended'];
  readonly subjectOf = (event: StoredEvent) => applicationSubject(declarationIdOf(event));

  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: DeclarationFactsProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async react(event: StoredEvent): Promise<void> {
    const declarationId = declarationIdOf(event);
    const facts = this.facts.get(declarationId);
    // the submitted text, from the declaration's stream up to the recommendation
    const { document } = declarationDocuments(await this.store.readStream(declarationStreamId(declarationId), { toVersion: event.streamVersion }));
    const doc = document as Record<string, Record<string, unknown>> | undefined;
    if (!doc || !facts || facts.sessionYear === undefined) {
      throw DomainError.notFound(`Declaration ${declarationId} was recommended but its submission is unknown here`, 'DECLARATION_UNKNOWN');
    }
    const findings = facts.report?.findings ?? [];
    const snapshot: ApplicationSnapshot = {
      applicationId: declarationId,
      declarationId,
      year: facts.sessionYear,
      applicant: { name: String(doc['applicant']['name']), idNumber: String(doc['applicant']['idNumber']) },
      employer: { name: String(doc['employer']['name']), creditCode: String(doc['employer']['creditCode']), kind: doc['employer']['kind'] as ApplicationSnapshot['employer']['kind'] },
      level: doc['targetLevel'] as unknown as ApplicationSnapshot['level'],
      direction: doc['direction'] as unknown as ApplicationSnapshot['direction'],
      eligibility: {
        eligible: facts.report?.eligible ?? false,
        route: facts.report?.route ?? null,
        unmetClauses: findings.filter((f) => f.status === 'UNMET').map((f) => f.clause),
        needsReviewClauses: findings.filter((f) => f.status === 'NEEDS_REVIEW').map((f) => f.clause),
      },
      employerOpinion: String((event.data as { opinion: string }).opinion),
    };
    await this.runner.run(
      centreReviewStreamId(declarationId),
      centreReviewDecider,
      () => ({ ...snapshot, type: 'OpenReview' as const, actor: REVIEW_SYSTEM, now: event.metadata.occurredAt }) as CentreReviewCommand,
      REVIEW_SYSTEM,
      { awaitReactions: false, causationId: event.eventId, correlationId: event.metadata.correlationId, eventIds: reactionEventIds(event.eventId, this.name) },
    );
  }
}

/** 补正后重新提交 → the review continues with the amended declaration. */
@Injectable()
export class ContinueReviewOnResubmission implements Reaction {
  readonly name = 'continue-review-on-resubmission';
  readonly eventTypes = ['DeclarationResubmitted', 'DeclarationWithdrawn'];
  readonly subjectOf = (event: StoredEvent) => applicationSubject(declarationIdOf(event));

  constructor(private readonly runner: CommandRunner) {}

  async react(event: StoredEvent): Promise<void> {
    const id = declarationIdOf(event);
    const { state } = await this.runner.load(centreReviewStreamId(id), centreReviewDecider);
    if ((state as { status?: string }).status === 'NOT_OPENED' || (state as { status?: string }).status === undefined) return; // withdrawn before the centre saw it
    const now = event.metadata.occurredAt;
    // the applicant did it, in the declaration service: the review records the same actor
    const applicant: Actor = { id: event.metadata.actorId, role: 'APPLICANT' };
    const command: CentreReviewCommand =
      event.type === 'DeclarationResubmitted'
        ? { type: 'ResubmitAfterCorrection', actor: applicant, now, amendmentRef: event.eventId, summary: '申报人补正后重新提交' }
        : { type: 'WithdrawApplication', actor: applicant, now, reason: String((event.data as { reason?: string }).reason ?? '申报人撤回') };
    await this.runner.run(centreReviewStreamId(id), centreReviewDecider, () => command, applicant, {
      awaitReactions: false,
      causationId: event.eventId,
      correlationId: event.metadata.correlationId,
      eventIds: reactionEventIds(event.eventId, this.name),
    });
  }
}
