import { Injectable } from '@nestjs/common';
import type { ProjectedEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import { annualStatistics, emptyStatisticsLedger, recordEvent, STATISTICS_EVENT_TYPES, yearsIn, type AnnualStatistics, type StatisticsFilter } from '@bj/statistics-domain';

/** 年度统计 read model: the statistics ledger of @bj/statistics-domain, fed from the global log. */
@Injectable()
export class StatisticsProjection implements Projection {
  readonly name = 'statistics.annual';
  readonly eventTypes = STATISTICS_EVENT_TYPES;
  private readonly ledger = emptyStatisticsLedger();

  apply(event: ProjectedEvent): void {
    recordEvent(this.ledger, event);
  }

  report(year: number, filter: StatisticsFilter = {}): AnnualStatistics {
    return annualStatistics(this.ledger, year, filter);
  }

  years(): number[] {
    return yearsIn(this.ledger);
  }
}
