import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type Actor } from '@bj/kernel';
import { centreReviewDecider, centreReviewStreamId, type CentreReviewCommand } from '@bj/session-domain';
import { CommandRunner } from '@bj/service-kit';
import { ApplicationAccess } from '../../board/access';
import { DeclarationFactsProjection } from '../../reactions/recommended-declarations.projection';

type Without<T> = T extends unknown ? Omit<T, 'actor' | 'now'> : never;
export type CentreReviewAction = Without<Extract<CentreReviewCommand, { type: 'AcceptApplication' | 'ReturnForCorrection' | 'RejectApplication' | 'RequestRecheck' | 'DecideRecheck' }>>;

export class CentreReviewCommandMessage {
  constructor(readonly actor: Actor, readonly applicationId: string, readonly action: CentreReviewAction) {}
}

/** 审核: accept, return once for correction (补正), reject naming clauses, re-check (复查) by another reviewer. */
@CommandHandler(CentreReviewCommandMessage)
export class CentreReviewHandler implements ICommandHandler<CentreReviewCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: ApplicationAccess,
    private readonly facts: DeclarationFactsProjection,
  ) {}

  async execute({ actor, applicationId, action }: CentreReviewCommandMessage) {
    if (action.type === 'RequestRecheck') {
      if (this.facts.get(applicationId)?.ownerId !== actor.id) throw DomainError.forbidden('Only the applicant may ask for a re-check', 'NOT_APPLICANT');
    } else {
      this.access.requireCentreFor(actor, applicationId);
    }
    const outcome = await this.runner.run(centreReviewStreamId(applicationId), centreReviewDecider, () => ({ ...action, actor, now: this.runner.now() }) as CentreReviewCommand, actor);
    return { applicationId, events: outcome.events.map((e) => e.type) };
  }
}
