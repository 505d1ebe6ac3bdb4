// CSV export: one row per combination (年度 × 层级 × 方向 × 单位性质), then the subtotals per
// level, direction and employer kind, and the total; UTF-8 with a BOM so Excel reads the Chinese.
import { DIRECTION_LABEL, EMPLOYER_KIND_LABEL, LEVEL_LABEL } from '@bj/kernel';
import { ratesOf, STAGE_LABEL, STAGES, UNKNOWN_EMPLOYER_KIND_LABEL, type AnnualStatistics, type StageCounts } from '@bj/statistics-domain';

export const CSV_HEADER = ['年度', '汇总方式', '层级', '方向', '单位性质', ...STAGES.map((s) => STAGE_LABEL[s]), '表决通过率', '取证率'];

const kindLabel = (k: string) => (k === 'UNKNOWN' ? UNKNOWN_EMPLOYER_KIND_LABEL : EMPLOYER_KIND_LABEL[k as keyof typeof EMPLOYER_KIND_LABEL]);

function field(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(year: number, grouping: string, level: string, direction: string, kind: string, counts: StageCounts): (string | number | null)[] {
  const rates = ratesOf(counts);
  return [year, grouping, level, direction, kind, ...STAGES.map((s) => counts[s]), rates.passRate, rates.certificationRate];
}

/** The year's statistics as CSV text (BOM, CRLF line ends, RFC 4180 quoting). */
export function statisticsCsv(stats: AnnualStatistics): string {
  const rows: (string | number | null)[][] = [CSV_HEADER];
  for (const c of stats.cells) rows.push(row(stats.year, '明细', LEVEL_LABEL[c.level], DIRECTION_LABEL[c.direction], kindLabel(c.employerKind), c.counts));
  for (const b of stats.byLevel) rows.push(row(stats.year, '按层级', b.label, '', '', b.counts));
  for (const b of stats.byDirection) rows.push(row(stats.year, '按方向', '', b.label, '', b.counts));
  for (const b of stats.byEmployerKind) rows.push(row(stats.year, '按单位性质', '', '', b.label, b.counts));
  rows.push(row(stats.year, '合计', '', '', '', stats.totals));
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
