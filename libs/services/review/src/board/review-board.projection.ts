import { Injectable } from '@nestjs/common';
import type { ProjectedEvent, StoredEvent } from '@bj/event-store';
import { SharedValues, sharedText, withSharedTexts, type Projection } from '@bj/service-kit';
import {
  CENTRE_REVIEW_EVENT_TYPES,
  EXPERT_PANEL_EVENT_TYPES,
  centreReviewInitialState,
  evolveCentreReview,
  evolveExpertPanel,
  expertPanelInitialState,
  type CentreReviewEvent,
  type ApplicationSnapshot,
  type CentreReviewState,
  type MeetingDefinition,
  type ExpertPanelEvent,
  type ExpertPanelState,
  type PanelApplication,
  type CommitteeMeetingEvent,
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
  /** Every expert ever assigned (kept after recusal, for access to what they saw): a panel's few, as a list. */
  everAssigned: string[];
  decision?: Decision;
  /** The committee's decision as a trail entry, with its position (the rest of the trail is read from the streams: reviewTrail). */
  decisionTrail?: TrailEntry & { readonly globalPosition: number };
}

export interface TrailEntry {
  readonly type: string;
  readonly at: string;
  readonly actorRole: string;
  readonly details?: Record<string, unknown>;
}

/** An application the centre has opened: its snapshot is known. */
export type ReviewedApplication = ApplicationRecord & { review: CentreReviewState & { application: ApplicationSnapshot } };
const isOpened = (r: ApplicationRecord): r is ReviewedApplication => r.review.application !== null;
/**
 * What the lists and the checks need of a committee meeting. Its ballots and votes are not kept
 * here: they are folded from the meeting's stream when one meeting is asked for (a city's years
 * of meetings would otherwise all sit in memory, every ballot sheet of every round).
 */
export interface MeetingSummary {
  readonly meetingId: string;
  readonly year: number;
  readonly committeeId: string;
  readonly centre: MeetingDefinition['centre'];
  readonly scheduledFor: string;
  readonly memberIds: readonly string[];
  readonly candidates: number;
  opened: boolean;
  closed: boolean;
}

const TRAIL_FIELDS = ['remarks', 'reasons', 'grounds', 'outcome', 'reason', 'meetingId', 'aggregate', 'recommendation', 'flaggedForDiscussion'];
/** The expert panel's events that are stages of the application's trail (the scores themselves are not). */
const PANEL_TRAIL_TYPES = new Set(['PanelOpinionFormed', 'ExpertsAssigned']);

function trailEntry(event: ProjectedEvent): TrailEntry {
  const data = event.data as Record<string, unknown>;
  const details = Object.fromEntries(TRAIL_FIELDS.filter((k) => data[k] !== undefined && data[k] !== null).map((k) => [k, data[k]]));
  // one of two fixed shapes (a spread would give each entry a hidden class of its own)
  const type = sharedText(event.type);
  const actorRole = sharedText(event.metadata.actorRole);
  return Object.keys(details).length ? { type, at: event.metadata.occurredAt, actorRole, details } : { type, at: event.metadata.occurredAt, actorRole };
}

/**
 * The application's trail in the review service, in the log's order: every event of its centre
 * review, its panel's assignments and opinion, and the committee's decision. Read from the two
 * streams when one application is asked for, so that a city's years of trails are not all kept
 * in memory.
 */
export function reviewTrail(record: ApplicationRecord, reviewEvents: readonly StoredEvent[], panelEvents: readonly StoredEvent[]): TrailEntry[] {
  const entries: (TrailEntry & { globalPosition: number })[] = [
    ...reviewEvents.map((e) => ({ ...trailEntry(e), globalPosition: e.globalPosition })),
    ...panelEvents.filter((e) => PANEL_TRAIL_TYPES.has(e.type)).map((e) => ({ ...trailEntry(e), globalPosition: e.globalPosition })),
    ...(record.decisionTrail ? [record.decisionTrail] : []),
  ];
  return entries.sort((a, b) => a.globalPosition - b.globalPosition).map(({ globalPosition: _, ...entry }) => entry);
}


/** The snapshot of an application with its codes and names as shared texts (the applicant's own data as it is). */
function sharedSnapshot(a: ApplicationSnapshot): ApplicationSnapshot {
  return {
    ...withSharedTexts(a, ['level', 'direction']),
    employer: withSharedTexts(a.employer, ['name', 'creditCode', 'kind']),
    eligibility: {
      ...a.eligibility,
      route: sharedText(a.eligibility.route),
      unmetClauses: a.eligibility.unmetClauses.map(sharedText),
      ...(a.eligibility.needsReviewClauses ? { needsReviewClauses: a.eligibility.needsReviewClauses.map(sharedText) } : {}),
    },
  };
}

/** The panel's application, holding the review snapshot's applicant and employer when they say the same. */
function panelApplicationSharing(p: PanelApplication, snapshot: ApplicationSnapshot | null): PanelApplication {
  const sameApplicant = snapshot && snapshot.applicant.name === p.applicant.name && snapshot.applicant.idNumber === p.applicant.idNumber;
  return {
    ...withSharedTexts(p, ['level', 'direction', 'panelId']),
    applicant: sameApplicant ? snapshot.applicant : p.applicant,
    employer: { name: sharedText(p.employer.name), creditCode: sharedText(p.employer.creditCode) },
  };
}

/** Of a committee meeting's events, the ones the board keeps: what decides, never the ballots. */
const MEETING_DECISION_TYPES = ['MeetingScheduled', 'MeetingOpened', 'MeetingClosed', 'CandidatePassed', 'CandidateFailed'] as const satisfies readonly CommitteeMeetingEvent['type'][];

/**
 * The review service's read model: each application's centre review, expert panel and the
 * committee's decision; each meeting; each expert's load per year. Built only from events.
 */
@Injectable()
export class ReviewBoardProjection implements Projection {
  readonly name = 'review.board';
  /** The reviews' and panels' events, and of the meetings' only what decides (never the ballots). */
  readonly eventTypes = [...CENTRE_REVIEW_EVENT_TYPES, ...EXPERT_PANEL_EVENT_TYPES, ...MEETING_DECISION_TYPES];
  private readonly applications = new Map<string, ApplicationRecord>();
  private readonly meetings = new Map<string, MeetingSummary>();
  private readonly expertLoad = new Map<string, number>();
  /** The panel rules, which every panel of a session holds equal: one copy of each, by its JSON text. */
  private readonly panelRules = new SharedValues<NonNullable<ExpertPanelState['rules']>>(1_000);

  apply(event: ProjectedEvent): void {
    const { streamId } = event;
    if (streamId.startsWith('centre-review-')) {
      const record = this.record(streamId.slice('centre-review-'.length));
      record.review = evolveCentreReview(record.review, event as unknown as CentreReviewEvent);
      // the snapshot is kept for years: its codes and names as shared texts
      if (event.type === 'ReviewOpened' && record.review.application) record.review = { ...record.review, application: sharedSnapshot(record.review.application) };
    } else if (streamId.startsWith('expert-panel-')) {
      const record = this.record(streamId.slice('expert-panel-'.length));
      record.panel = this.sharedPanel(evolveExpertPanel(record.panel, event as unknown as ExpertPanelEvent), event.type, record.review.application);
      if (event.type === 'ExpertsAssigned') {
        const data = event.data as { assigned: { expertId: string }[] };
        const year = record.panel.application?.year;
        for (const { expertId } of data.assigned) {
          if (!record.everAssigned.includes(expertId)) record.everAssigned.push(sharedText(expertId));
          const key = `${year}/${expertId}`;
          this.expertLoad.set(key, (this.expertLoad.get(key) ?? 0) + 1);
        }
      }
    } else if (streamId.startsWith('committee-meeting-')) {
      const id = streamId.slice('committee-meeting-'.length);
      if (event.type === 'MeetingScheduled') {
        const m = event.data as MeetingDefinition;
        this.meetings.set(id, { meetingId: id, year: m.year, committeeId: m.committeeId, centre: m.centre, scheduledFor: m.scheduledFor, memberIds: m.members.map((x) => x.memberId), candidates: m.candidates.length, opened: false, closed: false });
      }
      const meeting = this.meetings.get(id);
      if (meeting && event.type === 'MeetingOpened') meeting.opened = true;
      if (meeting && event.type === 'MeetingClosed') meeting.closed = true;
      if (event.type === 'CandidatePassed' || event.type === 'CandidateFailed') {
        const d = event.data as { candidateId: string; meetingId: string; yes: number; requiredYes: number; membersPresent: number; decidedOn: string };
        const record = this.record(d.candidateId);
        record.decision = { outcome: event.type === 'CandidatePassed' ? 'PASSED' : 'FAILED', meetingId: sharedText(d.meetingId), yes: d.yes, requiredYes: d.requiredYes, membersPresent: d.membersPresent, decidedOn: sharedText(d.decidedOn) };
        const { type, at, actorRole, details } = trailEntry(event);
        const globalPosition = event.globalPosition;
        record.decisionTrail = details ? { type, at, actorRole, details, globalPosition } : { type, at, actorRole, globalPosition };
      }
    }
  }

  /**
   * The panel as the event left it, holding shared copies of what many panels repeat: the
   * session's rules, the review's applicant, the codes and the experts' ids.
   */
  private sharedPanel(panel: ExpertPanelState, type: string, snapshot: ApplicationSnapshot | null): ExpertPanelState {
    switch (type) {
      case 'PanelOpened': {
        const { rules, application } = panel;
        return {
          ...panel,
          rules: rules && this.panelRules.keep(JSON.stringify(rules), rules),
          application: application && panelApplicationSharing(application, snapshot),
        };
      }
      case 'ExpertsAssigned':
      case 'ExpertRecused':
        return { ...panel, assigned: panel.assigned.map(sharedText), recused: panel.recused.map(sharedText) };
      case 'ScoreSubmitted': {
        // the score just added names its expert with a shared text
        const last = panel.scores[panel.scores.length - 1];
        return last ? { ...panel, scores: [...panel.scores.slice(0, -1), { ...last, expertId: sharedText(last.expertId) }] } : panel;
      }
      default:
        return panel;
    }
  }

  private record(applicationId: string): ApplicationRecord {
    let r = this.applications.get(applicationId);
    if (!r) {
      r = { applicationId, review: centreReviewInitialState(), panel: expertPanelInitialState(), everAssigned: [] };
      this.applications.set(applicationId, r);
    }
    return r;
  }

  application(id: string): ReviewedApplication | undefined {
    const r = this.applications.get(id);
    return r && isOpened(r) ? r : undefined;
  }

  allApplications(): ReviewedApplication[] {
    return [...this.applications.values()].filter(isOpened);
  }

  /** A scheduled meeting's summary (its state, ballots included, is folded from its stream). */
  meeting(id: string): Readonly<MeetingSummary> | undefined {
    return this.meetings.get(id);
  }

  allMeetings(): Readonly<MeetingSummary>[] {
    return [...this.meetings.values()];
  }

  loadOf(year: number, expertId: string): number {
    return this.expertLoad.get(`${year}/${expertId}`) ?? 0;
  }
}
