import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import {
  centreReviewInitialState,
  committeeMeetingInitialState,
  evolveCentreReview,
  evolveCommitteeMeeting,
  evolveExpertPanel,
  expertPanelInitialState,
  type CentreReviewEvent,
  type ApplicationSnapshot,
  type CentreReviewState,
  type CommitteeMeetingEvent,
  type CommitteeMeetingState,
  type ExpertPanelEvent,
  type ExpertPanelState,
} from '@bj/session-domain';

export interface Decision {
  readonly outcome: 'PASSED' | 'FAILED';
  readonly meetingId: string;
  readonly yes: number;
  readonly requiredYes: number;
  readonly membersPresent: number;
  readonly decidedOn: string;
}

export interface ApplicationRecord {
  readonly applicationId: string;
  review: CentreReviewState;
  panel: ExpertPanelState;
  /** Every expert ever assigned (kept after recusal, for access to what they saw). */
  everAssigned: Set<string>;
  decision?: Decision;
  /** Stage dates for the applicant's view and the statistics. */
  trail: { type: string; at: string; actorRole: string; details?: Record<string, unknown> }[];
}

/** An application the centre has opened: its snapshot is known. */
export type ReviewedApplication = ApplicationRecord & { review: CentreReviewState & { application: ApplicationSnapshot } };
const isOpened = (r: ApplicationRecord): r is ReviewedApplication => r.review.application !== null;
/** A meeting that has been scheduled: its definition is known. */
export type ScheduledMeeting = CommitteeMeetingState & { meeting: NonNullable<CommitteeMeetingState['meeting']> };
const isScheduled = (m: CommitteeMeetingState): m is ScheduledMeeting => m.meeting !== null;

const TRAIL_FIELDS = ['remarks', 'reasons', 'grounds', 'outcome', 'reason', 'meetingId', 'aggregate', 'recommendation', 'flaggedForDiscussion'];

/**
 * The review service's read model: each application's centre review, expert panel and the
 * committee's decision; each meeting; each expert's load per year. Built only from events.
 */
@Injectable()
export class ReviewBoardProjection implements Projection {
  readonly name = 'review.board';
  private readonly applications = new Map<string, ApplicationRecord>();
  private readonly meetings = new Map<string, CommitteeMeetingState>();
  private readonly expertLoad = new Map<string, number>();

  apply(event: StoredEvent): void {
    const { streamId } = event;
    if (streamId.startsWith('centre-review-')) {
      const record = this.record(streamId.slice('centre-review-'.length));
      record.review = evolveCentreReview(record.review, event as unknown as CentreReviewEvent);
      this.addTrail(record, event);
    } else if (streamId.startsWith('expert-panel-')) {
      const record = this.record(streamId.slice('expert-panel-'.length));
      record.panel = evolveExpertPanel(record.panel, event as unknown as ExpertPanelEvent);
      if (event.type === 'ExpertsAssigned') {
        const data = event.data as { assigned: { expertId: string }[] };
        const year = record.panel.application?.year;
        for (const { expertId } of data.assigned) {
          record.everAssigned.add(expertId);
          const key = `${year}/${expertId}`;
          this.expertLoad.set(key, (this.expertLoad.get(key) ?? 0) + 1);
        }
      }
      if (event.type === 'PanelOpinionFormed' || event.type === 'ExpertsAssigned') this.addTrail(record, event);
    } else if (streamId.startsWith('committee-meeting-')) {
      const id = streamId.slice('committee-meeting-'.length);
      this.meetings.set(id, evolveCommitteeMeeting(this.meetings.get(id) ?? committeeMeetingInitialState(), event as unknown as CommitteeMeetingEvent));
      if (event.type === 'CandidatePassed' || event.type === 'CandidateFailed') {
        const d = event.data as { candidateId: string; meetingId: string; yes: number; requiredYes: number; membersPresent: number; decidedOn: string };
        const record = this.record(d.candidateId);
        record.decision = { outcome: event.type === 'CandidatePassed' ? 'PASSED' : 'FAILED', meetingId: d.meetingId, yes: d.yes, requiredYes: d.requiredYes, membersPresent: d.membersPresent, decidedOn: d.decidedOn };
        this.addTrail(record, event);
      }
    }
  }

  private record(applicationId: string): ApplicationRecord {
    let r = this.applications.get(applicationId);
    if (!r) {
      r = { applicationId, review: centreReviewInitialState(), panel: expertPanelInitialState(), everAssigned: new Set(), trail: [] };
      this.applications.set(applicationId, r);
    }
    return r;
  }

  private addTrail(record: ApplicationRecord, event: StoredEvent) {
    const data = event.data as Record<string, unknown>;
    const details = Object.fromEntries(TRAIL_FIELDS.filter((k) => data[k] !== undefined && data[k] !== null).map((k) => [k, data[k]]));
    record.trail.push({ type: event.type, at: event.metadata.occurredAt, actorRole: event.metadata.actorRole, ...(Object.keys(details).length ? { details } : {}) });
  }

  application(id: string): ReviewedApplication | undefined {
    const r = this.applications.get(id);
    return r && isOpened(r) ? r : undefined;
  }

  allApplications(): ReviewedApplication[] {
    return [...this.applications.values()].filter(isOpened);
  }

  meeting(id: string): ScheduledMeeting | undefined {
    const m = this.meetings.get(id);
    return m && isScheduled(m) ? m : undefined;
  }

  allMeetings(): [string, ScheduledMeeting][] {
    return [...this.meetings.entries()].filter((entry): entry is [string, ScheduledMeeting] => isScheduled(entry[1]));
  }

  loadOf(year: number, expertId: string): number {
    return this.expertLoad.get(`${year}/${expertId}`) ?? 0;
  }
}
