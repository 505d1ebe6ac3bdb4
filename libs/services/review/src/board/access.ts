import { Injectable } from '@nestjs/common';
import { CENTRE_OF_LEVEL, DomainError, echo, type Actor } from '@bj/kernel';
import { SessionsProjection } from '../sessions/sessions.projection';
import { DeclarationFactsProjection } from '../reactions/recommended-declarations.projection';
import { ReviewBoardProjection, type ReviewedApplication } from './review-board.projection';

/**
 * Who sees which application: the centre that runs its level; the experts assigned to it; the
 * members of the committee that decides its level; auditors; and its own applicant. Others: 403.
 */
@Injectable()
export class ApplicationAccess {
  constructor(
    private readonly board: ReviewBoardProjection,
    private readonly sessions: SessionsProjection,
    private readonly facts: DeclarationFactsProjection,
  ) {}

  canSee(actor: Actor, record: ReviewedApplication): boolean {
    const app = record.review.application;
    switch (actor.role) {
      case 'CENTRE_STAFF':
        return !actor.centre || actor.centre === CENTRE_OF_LEVEL[app.level];
      case 'AUDITOR':
        return true;
      case 'EXPERT':
        return record.everAssigned.includes(actor.id);
      case 'COMMITTEE_MEMBER':
        return this.isCommitteeMemberFor(actor, app.year, app.level);
      case 'APPLICANT':
        return this.facts.get(record.applicationId)?.ownerId === actor.id;
      default:
        return false;
    }
  }

  isCommitteeMemberFor(actor: Actor, year: number, level: string): boolean {
    const session = this.sessions.get(year)?.session;
    const committee = session?.committees.find((c) => (c.levels as readonly string[]).includes(level));
    return !!committee?.members.some((m) => m.memberId === actor.id);
  }

  require(actor: Actor, applicationId: string): ReviewedApplication {
    const record = this.board.application(applicationId);
    if (!record) throw DomainError.notFound(`No application ${echo(applicationId)} is under review`, 'APPLICATION_NOT_FOUND');
    if (!this.canSee(actor, record)) throw DomainError.forbidden('You may not see this application', 'NOT_VISIBLE');
    return record;
  }

  /** Centre staff act only on the levels their centre runs. */
  requireCentreFor(actor: Actor, applicationId: string): ReviewedApplication {
    const record = this.require(actor, applicationId);
    if (actor.role !== 'CENTRE_STAFF') throw DomainError.forbidden('Only the evaluation centre may do this', 'ROLE_NOT_ALLOWED');
    return record;
  }
}
