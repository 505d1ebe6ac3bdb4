// XLSX export (exceljs): one sheet per breakdown, Chinese headers, frozen header row, bold
// header on a coloured fill, percentages formatted as such, column widths to fit.
import ExcelJS from 'exceljs';
import { DIRECTION_LABEL, EMPLOYER_KIND_LABEL, LEVEL_LABEL } from '@bj/kernel';
import { STAGE_LABEL, STAGES, UNKNOWN_EMPLOYER_KIND_LABEL, type AnnualStatistics, type Breakdown, type StageCounts } from '@bj/statistics-domain';

/** The sheet names, in order. */
export const XLSX_SHEETS = ['总览', '按层级', '按方向', '按单位性质', '明细', '环节用时', '得分分布', '表决差额分布', '同比'] as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const PERCENT = '0.0%';

interface Column {
  readonly header: string;
  readonly width?: number;
  readonly percent?: boolean;
}

function sheet(book: ExcelJS.Workbook, name: string, title: string, columns: readonly Column[], rows: readonly (string | number | null)[][]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }], properties: { defaultRowHeight: 18 } });
  ws.mergeCells(1, 1, 1, columns.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14, color: { argb: 'FF1F4E79' } };
  ws.getRow(1).height = 24;
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    ws.getColumn(i + 1).width = c.width ?? Math.max(8, c.header.length * 2 + 2);
    if (c.percent) ws.getColumn(i + 1).numFmt = PERCENT;
  });
  header.height = 30;
  for (const values of rows) {
    const r = ws.addRow(values.map((v) => (v === null ? '—' : v)));
    r.eachCell((cell) => {
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFBFBFBF' } } };
      if (typeof cell.value === 'number') cell.alignment = { horizontal: 'right' };
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return ws;
}

const countColumns: Column[] = [...STAGES.map((s) => ({ header: STAGE_LABEL[s] })), { header: '表决通过率', percent: true }, { header: '取证率', percent: true }];
const countValues = (counts: StageCounts, rates: { passRate: number | null; certificationRate: number | null }) => [...STAGES.map((s) => counts[s]), rates.passRate, rates.certificationRate];

function breakdownRows<K extends string>(items: readonly Breakdown<K>[]) {
  return items.map((b) => [b.label, ...countValues(b.counts, b)]);
}

/** The year's statistics as an XLSX workbook. */
export async function statisticsXlsx(stats: AnnualStatistics): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '北京市工程技术系列(人工智能)专业技术资格评价系统';
  book.title = `${stats.year}年度评审统计`;
  const y = stats.year;

  sheet(
    book,
    '总览',
    `${y}年度 北京市工程技术系列(人工智能)专业技术资格评审统计`,
    [{ header: '指标', width: 18 }, { header: `${y}年度`, width: 14 }, ...(stats.previousYear ? [{ header: `${stats.previousYear.year}年度`, width: 14 }] : [])],
    [
      ...STAGES.map((s) => [STAGE_LABEL[s], stats.totals[s], ...(stats.previousYear ? [stats.previousYear.totals[s]] : [])]),
      ['表决通过率', stats.rates.passRate, ...(stats.previousYear ? [stats.previousYear.rates.passRate] : [])],
      ['取证率', stats.rates.certificationRate, ...(stats.previousYear ? [stats.previousYear.rates.certificationRate] : [])],
      ['评议组平均得分', stats.meanScore],
    ],
  ).eachRow((row, n) => {
    const label = row.getCell(1).value;
    if (n > 2 && (label === '表决通过率' || label === '取证率')) row.eachCell((cell, col) => col > 1 && (cell.numFmt = PERCENT));
  });
  sheet(book, '按层级', `${y}年度 按层级统计`, [{ header: '层级', width: 16 }, ...countColumns], breakdownRows(stats.byLevel));
  sheet(book, '按方向', `${y}年度 按方向统计`, [{ header: '方向', width: 16 }, ...countColumns], breakdownRows(stats.byDirection));
  sheet(book, '按单位性质', `${y}年度 按单位性质统计`, [{ header: '单位性质', width: 20 }, ...countColumns], breakdownRows(stats.byEmployerKind));
  sheet(
    book,
    '明细',
    `${y}年度 层级×方向×单位性质 明细`,
    [{ header: '层级', width: 16 }, { header: '方向', width: 16 }, { header: '单位性质', width: 20 }, ...STAGES.map((s) => ({ header: STAGE_LABEL[s] }))],
    stats.cells.map((c) => [LEVEL_LABEL[c.level], DIRECTION_LABEL[c.direction], c.employerKind === 'UNKNOWN' ? UNKNOWN_EMPLOYER_KIND_LABEL : EMPLOYER_KIND_LABEL[c.employerKind], ...STAGES.map((s) => c.counts[s])]),
  );
  sheet(
    book,
    '环节用时',
    `${y}年度 各环节用时（自然日中位数）`,
    [{ header: '环节', width: 22 }, { header: '中位数（天）', width: 14 }, { header: '人数', width: 10 }],
    stats.medianDays.map((d) => [d.label, d.medianDays, d.applications]),
  );
  sheet(
    book,
    '得分分布',
    `${y}年度 评议组综合得分分布`,
    [{ header: '分数段', width: 14 }, { header: '人数', width: 10 }],
    stats.scoreDistribution.map((b) => [b.label, b.count]),
  );
  sheet(
    book,
    '表决差额分布',
    `${y}年度 表决差额分布（赞成票 − 通过所需票数）`,
    [{ header: '差额', width: 10 }, { header: '人数', width: 10 }, { header: '结果', width: 10 }],
    stats.voteMarginDistribution.map((b) => [b.margin, b.count, b.margin >= 0 ? '通过' : '未通过']),
  );
  sheet(
    book,
    '同比',
    stats.previousYear ? `${y}年度与${stats.previousYear.year}年度对比` : `${y}年度（无上一年度数据）`,
    [{ header: '环节', width: 14 }, { header: `${y}年度` }, { header: `${y - 1}年度` }, { header: '增减' }, { header: '增减幅度', percent: true }],
    stats.yearOverYear.map((r) => [r.label, r.current, r.previous, r.change, r.changePercent === null ? null : r.changePercent / 100]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
