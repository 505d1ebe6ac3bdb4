import { Injectable } from '@nestjs/common';
import type { ProjectedEvent } from '@bj/event-store';
import { SharedValues, sharedText, type Projection } from '@bj/service-kit';

type Finding = { readonly clause: string; readonly status: string };

interface DeclarationFacts {
  sessionYear?: number;
  /** The applicant's account (who drafted it): only they may ask for a re-check. */
  ownerId?: string;
  evidence?: { item: string; sha256: string; contentType: string; fileName: string; size: number }[];
  /** The pre-check's verdict and each clause's status (the full report stays in the log). */
  report?: { eligible: boolean; route: string | null; findings: readonly Finding[] };
}

const PREFIX = 'declaration-';

/**
 * What the review service keeps of each declaration: its year, owner, evidence and pre-check
 * verdict. The document itself is read from the declaration's stream when needed.
 */
@Injectable()
export class DeclarationFactsProjection implements Projection {
  readonly name = 'review.declaration-facts';
  readonly eventTypes = ['DeclarationDrafted', 'EvidenceAttached', 'EligibilityPreChecked'];
  private readonly byId = new Map<string, DeclarationFacts>();
  /** Applicants of a level and route mostly get the same findings: one frozen copy of each list. */
  private readonly findingLists = new SharedValues<readonly Finding[]>(10_000);

  apply(event: ProjectedEvent): void {
    if (!event.streamId.startsWith(PREFIX)) return;
    const id = event.streamId.slice(PREFIX.length);
    const facts = this.byId.get(id) ?? {};
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'DeclarationDrafted':
        facts.sessionYear = data['sessionYear'] as number;
        facts.ownerId = data['ownerId'] as string;
        break;
      case 'EvidenceAttached':
        facts.evidence = [...(facts.evidence ?? []), data as unknown as NonNullable<DeclarationFacts['evidence']>[number]];
        break;
      case 'EligibilityPreChecked': {
        const report = data['report'] as { eligible: boolean; route: string | null; findings?: { clause: string; status: string }[] };
        facts.report = { eligible: report.eligible, route: sharedText(report.route), findings: this.sharedFindings(report.findings ?? []) };
        break;
      }
      default:
        return;
    }
    this.byId.set(id, facts);
  }

  private sharedFindings(findings: readonly Finding[]): readonly Finding[] {
    const key = findings.map((f) => `${f.clause}\u0000${f.status}`).join('\u0001');
    return this.findingLists.of(key, () => Object.freeze(findings.map((f) => Object.freeze({ clause: sharedText(f.clause), status: sharedText(f.status) }))));
  }

  get(declarationId: string): DeclarationFacts | undefined {
    return this.byId.get(declarationId);
  }
}
