import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, echo, parseOneOf, parseYear, type Actor } from '@bj/kernel';
import type { BlobStore } from '@bj/blob-store';
import type { EventStore } from '@bj/event-store';
import { declarationDocuments, declarationStreamId } from '@bj/declaration-domain';
import { BLOB_STORE, CurrentActor, EVENT_STORE, Roles } from '@bj/service-kit';
import { ApplicationAccess } from '../../board/access';
import { centreReviewStreamId, expertPanelStreamId, REVIEW_STATUSES } from '@bj/session-domain';
import { ReviewBoardProjection, reviewTrail, type ReviewedApplication } from '../../board/review-board.projection';
import { DeclarationFactsProjection } from '../../reactions/recommended-declarations.projection';

interface EvidenceRef {
  item: string;
  sha256: string;
  contentType: string;
  fileName: string;
  size: number;
}

function summary(r: ReviewedApplication) {
  const a = r.review.application;
  return {
    applicationId: a.applicationId,
    year: a.year,
    name: a.applicant.name,
    employer: a.employer.name,
    level: a.level,
    direction: a.direction,
    reviewStatus: r.review.status,
    panel: r.panel.rules ? { assigned: r.panel.assigned.length, scored: r.panel.scores.length, opinion: r.panel.opinion ? { aggregate: r.panel.opinion.aggregate, recommendation: r.panel.opinion.recommendation, flaggedForDiscussion: r.panel.opinion.flaggedForDiscussion } : null } : null,
    decision: r.decision ?? null,
  };
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ReadApplicationsController {
  constructor(
    private readonly board: ReviewBoardProjection,
    private readonly access: ApplicationAccess,
    private readonly facts: DeclarationFactsProjection,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The centre sees its levels; an expert the applications assigned to them; a member their committee's; the applicant their own. */
  @Get()
  @Roles('CENTRE_STAFF', 'EXPERT', 'COMMITTEE_MEMBER', 'AUDITOR', 'APPLICANT')
  list(@CurrentActor() actor: Actor, @Query('year') yearText?: string, @Query('status') statusText?: string) {
    const year = yearText === undefined ? undefined : parseYear(yearText);
    const status = statusText === undefined ? undefined : parseOneOf(statusText, REVIEW_STATUSES, '/status');
    return this.board
      .allApplications()
      .filter((r) => this.access.canSee(actor, r) && (year === undefined || r.review.application.year === year) && (status === undefined || r.review.status === status))
      .map(summary);
  }

  @Get(':id')
  @Roles('CENTRE_STAFF', 'EXPERT', 'COMMITTEE_MEMBER', 'AUDITOR', 'APPLICANT')
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const r = this.access.require(actor, id);
    const facts = this.facts.get(id);
    const a = r.review.application;
    const reviewer = actor.role !== 'APPLICANT';
    // the declaration's text is read from its stream when a reviewer asks, not kept in memory
    const document = reviewer ? declarationDocuments(await this.store.readStream(declarationStreamId(a.declarationId))).document : undefined;
    // and so is the trail, from the review's and the panel's streams
    const [reviewEvents, panelEvents] = await Promise.all([this.store.readStream(centreReviewStreamId(id)), this.store.readStream(expertPanelStreamId(id))]);
    return {
      ...summary(r),
      applicant: reviewer ? a.applicant : { name: a.applicant.name },
      employerOpinion: a.employerOpinion,
      eligibility: a.eligibility,
      ...(reviewer ? { declaration: document, evidence: facts?.evidence ?? [] } : {}),
      trail: reviewTrail(r, reviewEvents, panelEvents),
    };
  }

  /** 证明材料: the centre's reviewers and the assigned experts only; the bytes are checked against their hash. */
  @Get(':id/evidence/:sha256')
  @Roles('CENTRE_STAFF', 'EXPERT')
  async evidence(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sha256') sha256: string, @Res() res: { set(h: Record<string, string>): void; send(b: Buffer): void }) {
    this.access.require(actor, id);
    const ref = (this.facts.get(id)?.evidence ?? []).find((e: EvidenceRef) => e.sha256 === sha256);
    if (!ref) throw DomainError.notFound(`Application ${echo(id)} has no evidence ${echo(sha256)}`, 'EVIDENCE_NOT_FOUND');
    const bytes = await this.blobs.get(sha256);
    if (!bytes) throw DomainError.notFound(`The evidence file ${sha256} is missing from the blob store`, 'EVIDENCE_MISSING');
    res.set({ 'Content-Type': ref.contentType, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(ref.fileName)}`, 'X-Content-SHA256': sha256 });
    res.send(bytes);
  }
}
