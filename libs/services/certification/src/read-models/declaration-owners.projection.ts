import { Injectable } from '@nestjs/common';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';

const PREFIX = 'declaration-';

/**
 * Who drafted each declaration (the APPLICANT account behind an application): the holder of
 * the certificate issued for it. From `DeclarationDrafted` on streams `declaration-<id>`.
 */
@Injectable()
export class DeclarationOwnersProjection implements Projection {
  readonly eventTypes = ['DeclarationDrafted'];
  readonly name = 'certification.declaration-owners';
  private readonly ownerByApplication = new Map<string, string>();

  apply(event: ProjectedEvent): void {
    if (event.type !== 'DeclarationDrafted' || !event.streamId.startsWith(PREFIX)) return;
    const ownerId = (event.data as { ownerId?: string }).ownerId ?? event.metadata.actorId;
    this.ownerByApplication.set(event.streamId.slice(PREFIX.length), ownerId);
  }

  ownerOf(applicationId: string): string | undefined {
    return this.ownerByApplication.get(applicationId);
  }
}
