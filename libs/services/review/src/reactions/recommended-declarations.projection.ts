import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';

interface DeclarationFacts {
  sessionYear?: number;
  /** The applicant's account (who drafted it): only they may ask for a re-check. */
  ownerId?: string;
  document?: Record<string, unknown>;
  evidence?: { item: string; sha256: string; contentType: string; fileName: string; size: number }[];
  report?: { eligible: boolean; route: string | null; findings?: { clause: string; status: string }[] };
}

const PREFIX = 'declaration-';

/** What the review service knows of each declaration: the submitted document and its pre-check. */
@Injectable()
export class DeclarationFactsProjection implements Projection {
  readonly name = 'review.declaration-facts';
  private readonly byId = new Map<string, DeclarationFacts>();

  apply(event: StoredEvent): void {
    if (!event.streamId.startsWith(PREFIX)) return;
    const id = event.streamId.slice(PREFIX.length);
    const facts = this.byId.get(id) ?? {};
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'DeclarationDrafted':
        facts.sessionYear = data['sessionYear'] as number;
        facts.ownerId = data['ownerId'] as string;
        break;
      case 'DeclarationSubmitted':
      case 'DeclarationResubmitted':
        facts.document = data['document'] as Record<string, unknown>;
        break;
      case 'EvidenceAttached':
        facts.evidence = [...(facts.evidence ?? []), data as unknown as NonNullable<DeclarationFacts['evidence']>[number]];
        break;
      case 'EligibilityPreChecked':
        facts.report = data['report'] as DeclarationFacts['report'];
        break;
      default:
        return;
    }
    this.byId.set(id, facts);
  }

  get(declarationId: string): DeclarationFacts | undefined {
    return this.byId.get(declarationId);
  }
}
