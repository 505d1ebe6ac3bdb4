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

export interface DeclarationView extends DeclarationState {
  readonly declarationId: string;
  readonly eligibilityReport?: Record<string, unknown>;
  readonly submittedOn?: string;
  readonly applicantIdNumber?: string;
  readonly trail: readonly TrailEntry[];
  /** The way so far, across the services: stage, date, reason. */
  readonly progress: readonly ProgressStep[];
}

const PREFIX = 'declaration-';
/** Fields of an event worth showing in the trail (reasons, opinions, dates); never whole documents. */
const TRAIL_FIELDS = ['reason', 'reasons', 'opinion', 'firstDay', 'lastDay', 'objectionId', 'outcome', 'resolution', 'submittedOn', 'recommendedOn', 'resubmittedOn'];

/** Every declaration as its owner, its employer and the centre see it, built from the declaration streams. */
@Injectable()
export class DeclarationsProjection implements Projection {
  readonly name = 'declarations';
  private readonly byId = new Map<string, DeclarationView>();

  apply(event: StoredEvent): void {
    if (!event.streamId.startsWith(PREFIX)) {
      const other = progressOf(event);
      if (!other) return;
      for (const id of other.applicationIds) {
        const view = this.byId.get(id);
        if (view) this.byId.set(id, { ...view, progress: [...view.progress, { ...other.step, at: event.metadata.occurredAt }] });
      }
      return;
    }
    const id = event.streamId.slice(PREFIX.length);
    const before = this.byId.get(id) ?? { ...initialDeclarationState(), declarationId: id, trail: [], progress: [] };
    const domainEvent = event as unknown as DeclarationEvent;
    const state = evolveDeclaration(before, domainEvent);
    const data = event.data as Record<string, unknown>;
    const details = Object.fromEntries(TRAIL_FIELDS.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
    const view: DeclarationView = {
      ...before,
      ...state,
      declarationId: id,
      progress: DECLARATION_STEPS[event.type]
        ? [...before.progress, { stage: event.type, label: DECLARATION_STEPS[event.type], at: event.metadata.occurredAt, ...(typeof data['reasons'] === 'string' ? { reason: data['reasons'] } : {}) }]
        : before.progress,
      trail: [...before.trail, { type: event.type, at: event.metadata.occurredAt, actorRole: event.metadata.actorRole, ...(Object.keys(details).length ? { details } : {}) }],
    };
    if (domainEvent.type === 'EligibilityPreChecked') (view as { eligibilityReport?: unknown }).eligibilityReport = domainEvent.data.report;
    if (domainEvent.type === 'DeclarationSubmitted') {
      Object.assign(view, { submittedOn: domainEvent.data.submittedOn, applicantIdNumber: domainEvent.data.applicantIdNumber });
    }
    this.byId.set(id, view);
  }

  get(id: string): DeclarationView | undefined {
    return this.byId.get(id);
  }

  all(): DeclarationView[] {
    return [...this.byId.values()];
  }
}
