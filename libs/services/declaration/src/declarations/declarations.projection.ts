import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import { DECLARATION_STEPS, progressOf, type ProgressStep } from './progress';
import { evolveDeclaration, initialDeclarationState, type DeclarationEvent, type DeclarationState } from '@bj/declaration-domain';

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
  private readonly byId = new Map<string, DeclarationView>();

  apply(event: StoredEvent): void {
    if (!event.streamId.startsWith(PREFIX)) {
      const other = progressOf(event);
      if (!other) return;
      for (const id of other.applicationIds) this.byId.get(id)?.progress.push({ ...other.step, at: event.metadata.occurredAt });
      return;
    }
    const id = event.streamId.slice(PREFIX.length);
    let view = this.byId.get(id);
    if (!view) this.byId.set(id, (view = { ...initialDeclarationState(), declarationId: id, progress: [] }));
    const domainEvent = event as unknown as DeclarationEvent;
    // the view is this projection's own: updated in place (one rebuild touches every event of every year)
    const { document, ...state } = evolveDeclaration(view, domainEvent);
    const data = event.data as Record<string, unknown>;
    Object.assign(view, state);
    if (document) {
      const doc = document as Record<string, Record<string, unknown> | undefined>;
      Object.assign(view, { applicantName: doc['applicant']?.['name'], employerName: doc['employer']?.['name'], targetLevel: doc['targetLevel'], direction: doc['direction'] });
    }
    if (domainEvent.type === 'DeclarationSubmitted') Object.assign(view, { submittedOn: domainEvent.data.submittedOn, applicantIdNumber: domainEvent.data.applicantIdNumber });
    if (DECLARATION_STEPS[event.type]) {
      view.progress.push({ stage: event.type, label: DECLARATION_STEPS[event.type], at: event.metadata.occurredAt, ...(typeof data['reasons'] === 'string' ? { reason: data['reasons'] } : {}) });
    }
  }

  get(id: string): DeclarationView | undefined {
    return this.byId.get(id);
  }

  all(): DeclarationView[] {
    return [...this.byId.values()];
  }
}
