import { Injectable } from '@nestjs/common';
import type { Actor } from '@bj/kernel';
import type { StoredEvent } from '@bj/event-store';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { applicationSubject, CommandRunner, reactionEventIds, type Reaction } from '@bj/service-kit';

/** 退回补正: the centre returned the application once for correction; the applicant may amend and resubmit. */
@Injectable()
export class CorrectionRequestedReaction implements Reaction {
  readonly name = 'declaration-correction-requested';
  readonly eventTypes = ['ApplicationReturnedForCorrection'];
  readonly subjectOf = (event: StoredEvent) => applicationSubject((event.data as { applicationId: string }).applicationId);

  constructor(private readonly runner: CommandRunner) {}

  async react(event: StoredEvent): Promise<void> {
    const data = event.data as { applicationId: string; reasons: { path?: string; reason: string }[] };
    const reviewer: Actor = { id: event.metadata.actorId, role: 'CENTRE_STAFF' };
    const reasons = data.reasons.map((r) => (r.path ? `${r.path}: ${r.reason}` : r.reason)).join('；');
    await this.runner.run(
      declarationStreamId(data.applicationId),
      declarationDecider,
      () => ({ type: 'RequestCorrection' as const, actor: reviewer, now: event.metadata.occurredAt, reasons, reviewId: event.streamId }),
      reviewer,
      { awaitReactions: false, causationId: event.eventId, correlationId: event.metadata.correlationId, eventIds: reactionEventIds(event.eventId, this.name) },
    );
  }
}
