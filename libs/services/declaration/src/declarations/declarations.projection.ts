import { Injectable } from '@nestjs/common';
import type { ProjectedEvent, StoredEvent } from '@bj/event-store';
import { sharedText, type Projection } from '@bj/service-kit';
import { DECLARATION_STEPS, PROGRESS_EVENT_TYPES, progressOf, stepAt, type ProgressStep } from './progress';
import { DECLARATION_EVENT_TYPES, evolveDeclaration, initialDeclarationState, type DeclarationEvent, type DeclarationState } from '@bj/declaration-domain';

export interface TrailEntry {
  readonly type: string;
  readonly at: string;
  readonly actorRole: string;
  readonly details?: Record<string, unknown>;
}

/**
 * A declaration as the lists and the access checks need it. The document and the full pre-check
 * report are not kept (they are read from the declaration's stream when one declaration is
 * asked for): a city's years of declarations would otherwise all sit in memory.
 */
export interface DeclarationView extends Omit<DeclarationState, 'document'> {
  readonly declarationId: string;
  readonly applicantName?: string;
  readonly employerName?: string;
  readonly targetLevel?: string;
  readonly direction?: string;
  readonly submittedOn?: string;
  readonly applicantIdNumber?: string;
  /** The way so far, across the services: stage, date, reason. (The trail is read from the stream: declarationTrail.) */
  readonly progress: ProgressStep[];
}

const PREFIX = 'declaration-';
/** Fields of an event worth showing in the trail (reasons, opinions, dates); never whole documents. */
const TRAIL_FIELDS = ['reason', 'reasons', 'opinion', 'firstDay', 'lastDay', 'objectionId', 'outcome', 'resolution', 'submittedOn', 'recommendedOn', 'resubmittedOn'];

/** The members of the declaration's state that the view carries (all but the document): copyDeclarationState copies them. */
export const STATE_KEYS = ['status', 'declarationId', 'sessionYear', 'ownerId', 'employerCreditCode', 'eligibility', 'publicity', 'objections', 'recommendation', 'correctionRequested', 'evidence'] as const satisfies readonly Exclude<keyof DeclarationState, 'document'>[];

// every member of the state but the document is listed above (a member added to the state and not there fails to compile)
const everyStateKey: [Exclude<Exclude<keyof DeclarationState, 'document'>, (typeof STATE_KEYS)[number]>] extends [never] ? true : never = true;
void everyStateKey;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A new view with every member in place from the start (one shape for all views). */
function newView(declarationId: string): DeclarationView {
  const initial = initialDeclarationState();
  return {
    status: initial.status,
    declarationId,
    sessionYear: undefined,
    ownerId: undefined,
    employerCreditCode: undefined,
    eligibility: undefined,
    publicity: undefined,
    objections: initial.objections,
    recommendation: undefined,
    correctionRequested: initial.correctionRequested,
    evidence: initial.evidence,
    applicantName: undefined,
    employerName: undefined,
    targetLevel: undefined,
    direction: undefined,
    submittedOn: undefined,
    applicantIdNumber: undefined,
    progress: [],
  };
}

/**
 * Copies the state's members (STATE_KEYS: all but the document) into the view, each by name: a
 * rebuild does this for every declaration event of every year, and stores by name are several
 * times cheaper than by a key from a list.
 */
export function copyDeclarationState(view: Writable<DeclarationView>, state: DeclarationState): void {
  view.status = state.status;
  view.declarationId = state.declarationId ?? view.declarationId;
  view.sessionYear = state.sessionYear;
  view.ownerId = state.ownerId;
  view.employerCreditCode = sharedText(state.employerCreditCode);
  if (state.eligibility !== view.eligibility) view.eligibility = state.eligibility && { eligible: state.eligibility.eligible, route: sharedText(state.eligibility.route) };
  view.publicity = state.publicity;
  view.objections = state.objections;
  view.recommendation = state.recommendation;
  view.correctionRequested = state.correctionRequested;
  view.evidence = state.evidence;
}

/** The declaration's own events as its trail (who did what when, with the reasons and dates), in order. */
export function declarationTrail(events: readonly StoredEvent[]): TrailEntry[] {
  return events.map((event) => {
    const data = event.data as Record<string, unknown>;
    let details: Record<string, unknown> | undefined;
    for (const k of TRAIL_FIELDS) if (data[k] !== undefined) (details ??= {})[k] = data[k];
    return { type: event.type, at: event.metadata.occurredAt, actorRole: event.metadata.actorRole, ...(details ? { details } : {}) };
  });
}

/** Every declaration as its owner, its employer and the centre see it, built from the declaration streams. */
@Injectable()
export class DeclarationsProjection implements Projection {
  readonly name = 'declarations';
  /** Its own streams' events, and the other services' that are steps of an applicant's way. */
  readonly eventTypes = [...DECLARATION_EVENT_TYPES, ...PROGRESS_EVENT_TYPES];
  private readonly byId = new Map<string, DeclarationView>();

  apply(event: ProjectedEvent): void {
    if (!event.streamId.startsWith(PREFIX)) {
      const other = progressOf(event);
      if (!other) return;
      for (const id of other.applicationIds) this.byId.get(id)?.progress.push(stepAt(other.step, event.metadata.occurredAt));
      return;
    }
    const id = event.streamId.slice(PREFIX.length);
    let view = this.byId.get(id);
    if (!view) this.byId.set(id, (view = newView(id)));
    const domainEvent = event as unknown as DeclarationEvent;
    // the view is this projection's own: updated in place, member by member (one rebuild touches
    // every event of every year; spreading and re-assigning the whole view cost more than the rest)
    const next = evolveDeclaration(view, domainEvent);
    const target = view as Writable<DeclarationView>;
    copyDeclarationState(target, next);
    const data = event.data as Record<string, unknown>;
    if (next.document) {
      const doc = next.document as Record<string, Record<string, unknown> | undefined>;
      target.applicantName = doc['applicant']?.['name'] as string | undefined;
      target.employerName = sharedText(doc['employer']?.['name'] as string | undefined);
      target.targetLevel = sharedText(doc['targetLevel'] as string | undefined);
      target.direction = sharedText(doc['direction'] as string | undefined);
    }
    if (domainEvent.type === 'DeclarationSubmitted') {
      target.submittedOn = domainEvent.data.submittedOn;
      target.applicantIdNumber = domainEvent.data.applicantIdNumber;
    }
    if (DECLARATION_STEPS[event.type]) {
      view.progress.push(stepAt({ stage: sharedText(event.type), label: DECLARATION_STEPS[event.type], ...(typeof data['reasons'] === 'string' ? { reason: data['reasons'] } : {}) }, event.metadata.occurredAt));
    }
  }

  get(id: string): DeclarationView | undefined {
    return this.byId.get(id);
  }

  all(): DeclarationView[] {
    return [...this.byId.values()];
  }
}
