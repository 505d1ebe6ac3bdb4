import { Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionHost } from '@bj/service-kit';
import { StatisticsProjection } from './read-model/statistics.projection';
import { ReadStatisticsController } from './use-cases/read-statistics/read-statistics.controller';

/** 年度统计: the annual statistics of HRSS and the centres, a read model of the log with its exports. */
@Module({
  controllers: [ReadStatisticsController],
  providers: [StatisticsProjection],
  exports: [StatisticsProjection],
})
export class StatisticsServiceModule implements OnModuleInit {
  constructor(
    private readonly host: ProjectionHost,
    private readonly statistics: StatisticsProjection,
  ) {}

  onModuleInit(): void {
    this.host.register(this.statistics);
  }
}
