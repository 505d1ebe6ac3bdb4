import { Injectable } from '@nestjs/common';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';

/** Who is barred from applying, and until when: a certificate revoked for fraud bars its holder (*national*: 3 years). */
@Injectable()
export class ApplicationBarsProjection implements Projection {
  readonly eventTypes = ['CertificateIssued', 'CertificateRevoked'];
  readonly name = 'application-bars';
  private readonly holderByCertificateStream = new Map<string, string>();
  private readonly barUntil = new Map<string, string>();

  apply(event: ProjectedEvent): void {
    if (event.type === 'CertificateIssued') {
      const content = (event.data as { content?: { idNumber?: string } }).content;
      if (content?.idNumber) this.holderByCertificateStream.set(event.streamId, content.idNumber);
    } else if (event.type === 'CertificateRevoked') {
      const holder = this.holderByCertificateStream.get(event.streamId);
      const until = (event.data as { barUntil?: string }).barUntil;
      if (holder && until && (this.barUntil.get(holder) ?? '') < until) this.barUntil.set(holder, until);
    }
  }

  barredUntil(idNumber: string): string | undefined {
    return this.barUntil.get(idNumber);
  }
}
