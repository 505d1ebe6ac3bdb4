import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { beijingDate, parseCentre, parseYear, type Actor } from '@bj/kernel';
import { chineseDate } from '@bj/certificate-domain';
import { CommandRunner, CurrentActor, Public, Roles } from '@bj/service-kit';
import { html, page } from '../../html/page';
import { SessionResultsProjection } from '../../read-models/session-results.projection';
import { PublishNoticesCommand } from './publish-notices.handler';
import { noticeStatus, publicNotice, publicNoticeSummary } from './public-notice.view';

class PublishBody {
  @ApiPropertyOptional({ example: '2026-11-02', description: 'day of publication; default today (moved to the next working day if it is not one)' })
  startOn?: string;
}

const STATUS_LABEL = { UPCOMING: '即将公示', OPEN: '公示中', ENDED: '公示期满', CLOSED: '公示结束' } as const;

interface HtmlResponse {
  status(code: number): HtmlResponse;
  type(t: string): HtmlResponse;
  send(body: string): void;
}

/** 公示: HRSS publishes; anyone reads, as JSON or as the page of the site. */
@ApiTags('public notice')
@Controller()
export class PublicNoticeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: SessionResultsProjection,
    private readonly runner: CommandRunner,
  ) {}

  @Post('api/v1/results/:year/:centre/notices')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('HRSS_OFFICER')
  publish(@CurrentActor() actor: Actor, @Param('year') year: string, @Param('centre') centre: string, @Body() body: PublishBody) {
    return this.commands.execute(new PublishNoticesCommand(actor, parseYear(year), parseCentre(centre), body?.startOn));
  }

  @Get('api/v1/notices')
  @Public()
  @ApiQuery({ name: 'year', required: false, description: "only that session's notices, e.g. 2026" })
  list(@Query('year') yearText?: string) {
    const year = yearText === undefined ? undefined : parseYear(yearText);
    const today = this.today();
    return this.results
      .allNotices()
      .filter((n) => year === undefined || n.year === year)
      .map((n) => publicNoticeSummary(n, today));
  }

  @Get('api/v1/notices/:noticeId')
  @Public()
  get(@Param('noticeId') noticeId: string) {
    return publicNotice(this.results.requireNotice(noticeId), this.today());
  }

  /** The notice as the site shows it (server-rendered). */
  @Get('notices/:noticeId')
  @Public()
  @Header('Cache-Control', 'no-store')
  pageOf(@Param('noticeId') noticeId: string, @Res() res: HtmlResponse) {
    const n = this.results.notice(noticeId);
    if (!n) {
      res.status(404).type('html').send(page('公示不存在', html`<h1>公示不存在</h1><p>未找到编号为 ${noticeId} 的公示。</p>`));
      return;
    }
    const status = noticeStatus(n, this.today());
    const title = `${n.year}年度北京市工程技术系列(人工智能)专业技术资格评审通过人员公示`;
    const rows = n.entries.map(
      (e, i) => html`<tr><td class="num">${i + 1}</td><td>${e.name}</td><td>${e.maskedIdNumber}</td><td>${e.employerName}</td><td>${e.levelLabel}</td><td>${e.directionLabel}</td></tr>`,
    );
    const body = html`<h1>${title}</h1>
<div class="meta">发布日期：${chineseDate(beijingDate(n.publishedAt))}&emsp;·&emsp;公示期：${chineseDate(n.period.firstDay)} 至 ${chineseDate(n.period.lastDay)}&emsp;·&emsp;<span class="badge ${status === 'OPEN' ? 'VALID' : 'UNKNOWN'}">${STATUS_LABEL[status]}</span></div>
<p>根据《北京市工程技术系列（人工智能）专业技术资格评价试行办法》（京人社事业发〔2020〕30号），经评审委员会评审、市人力资源和社会保障局验收，现将${n.year}年度评审通过人员名单予以公示，公示期为${n.publicityRule.workingDays}个工作日（${chineseDate(n.period.firstDay)}至${chineseDate(n.period.lastDay)}）。</p>
<table><thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>工作单位</th><th>资格名称</th><th>专业方向</th></tr></thead><tbody>${rows}</tbody></table>
<p>公示期间，任何单位和个人对公示人员的业绩、成果及评审程序有异议的，可在公示期内实名或匿名提出，并提供具体事实和联系方式，以便核实。反映人的联系方式仅用于核实，不予公开。</p>
<div class="sign"><div>${n.siteLabel.replace(/网站$/, '')}</div><div>${chineseDate(beijingDate(n.publishedAt))}</div></div>`;
    res.status(200).type('html').send(page(title, body, n.siteLabel.replace(/网站$/, '')));
  }

  private today(): string {
    return beijingDate(this.runner.now());
  }
}
