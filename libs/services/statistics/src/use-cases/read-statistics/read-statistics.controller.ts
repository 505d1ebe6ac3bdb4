import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, parseYear, type Actor, type Centre, Centres } from '@bj/kernel';
import type { EventStore } from '@bj/event-store';
import { CLOCK, CurrentActor, EVENT_STORE, ProjectionHost, Roles, type Clock } from '@bj/service-kit';
import { levelsOfCentre, parseStatisticsFilter, type AnnualStatistics, type StatisticsFilter } from '@bj/statistics-domain';
import { statisticsCsv } from '../../exports/statistics-csv';
import { statisticsPdf } from '../../exports/statistics-pdf';
import { statisticsXlsx } from '../../exports/statistics-xlsx';
import { StatisticsProjection } from '../../read-model/statistics.projection';

interface FileResponse {
  setHeader(name: string, value: string): void;
  end(body: Buffer | string): void;
}

interface FilterQuery {
  level?: string;
  direction?: string;
  employerKind?: string;
}

const filterQueries = [
  ApiQuery({ name: 'level', required: false, description: 'ASSISTANT_ENGINEER | ENGINEER | SENIOR_ENGINEER | PROFESSORATE_SENIOR_ENGINEER' }),
  ApiQuery({ name: 'direction', required: false, description: 'RESEARCH | APPLICATION' }),
  ApiQuery({ name: 'employerKind', required: false, description: 'STATE_OWNED_ENTERPRISE | PUBLIC_INSTITUTION | NON_PUBLIC_ENTERPRISE | SOCIAL_ORGANIZATION' }),
];
const withFilters = (): MethodDecorator => (target, key, descriptor) => {
  for (const d of filterQueries) d(target, key, descriptor);
};

/** 年度统计: HRSS and auditors see every level; a centre's staff see their centre's levels only. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class ReadStatisticsController {
  constructor(
    private readonly statistics: StatisticsProjection,
    private readonly host: ProjectionHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':year')
  @Roles('HRSS_OFFICER', 'CENTRE_STAFF', 'AUDITOR')
  @withFilters()
  async get(@CurrentActor() actor: Actor, @Param('year') year: string, @Query() query: FilterQuery): Promise<AnnualStatistics> {
    return this.report(actor, year, query);
  }

  @Get(':year/export.csv')
  @Roles('HRSS_OFFICER', 'CENTRE_STAFF', 'AUDITOR')
  @ApiProduces('text/csv')
  @withFilters()
  async csv(@CurrentActor() actor: Actor, @Param('year') year: string, @Query() query: FilterQuery, @Res() res: FileResponse) {
    const stats = await this.report(actor, year, query);
    send(res, 'text/csv; charset=utf-8', `statistics-${stats.year}.csv`, statisticsCsv(stats));
  }

  @Get(':year/export.xlsx')
  @Roles('HRSS_OFFICER', 'CENTRE_STAFF', 'AUDITOR')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @withFilters()
  async xlsx(@CurrentActor() actor: Actor, @Param('year') year: string, @Query() query: FilterQuery, @Res() res: FileResponse) {
    const stats = await this.report(actor, year, query);
    send(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `statistics-${stats.year}.xlsx`, await statisticsXlsx(stats));
  }

  @Get(':year/report.pdf')
  @Roles('HRSS_OFFICER', 'CENTRE_STAFF', 'AUDITOR')
  @ApiProduces('application/pdf')
  @withFilters()
  async pdf(@CurrentActor() actor: Actor, @Param('year') year: string, @Query() query: FilterQuery, @Res() res: FileResponse) {
    const stats = await this.report(actor, year, query);
    send(res, 'application/pdf', `annual-report-${stats.year}.pdf`, await statisticsPdf(stats, { generatedAt: this.clock.now() }));
  }

  private async report(actor: Actor, yearText: string, query: FilterQuery): Promise<AnnualStatistics> {
    const year = parseYear(yearText);
    const filter = scopeFor(actor, parseStatisticsFilter(query));
    await this.host.waitFor(await this.store.headPosition());
    const report = this.statistics.report(year, filter);
    // as of the position the read models have reached: the events after the last one the statistics read change none of them
    return { ...report, asOfPosition: Math.max(report.asOfPosition, this.host.handledPosition) };
  }
}

/** A centre's staff are limited to their centre's levels; asking for another level is refused. */
export function scopeFor(actor: Actor, filter: StatisticsFilter): StatisticsFilter {
  if (actor.role !== 'CENTRE_STAFF') return filter;
  if (!Centres.is(actor.centre)) throw DomainError.forbidden('Centre staff need a centre in their token to read statistics', 'CENTRE_UNKNOWN');
  const own = levelsOfCentre(actor.centre as Centre);
  const asked = filter.levels ?? own;
  const foreign = asked.filter((l) => !own.includes(l));
  if (foreign.length > 0) throw DomainError.forbidden(`The staff of ${actor.centre} see the statistics of ${own.join(', ')} only, not ${foreign.join(', ')}`, 'LEVEL_OF_OTHER_CENTRE');
  return { ...filter, levels: asked };
}

function send(res: FileResponse, contentType: string, fileName: string, body: Buffer | string) {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.end(body);
}
