// 简要分析: a few sentences in Chinese computed from the figures, for the annual report.
import { STAGE_LABEL, type AnnualStatistics } from './annual-report';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Short Chinese commentary on the year's figures (each item one sentence). */
export function commentaryOf(stats: AnnualStatistics): string[] {
  const t = stats.totals;
  const lines: string[] = [];
  if (t.declared === 0) return [`${stats.year}年度暂无申报数据。`];
  lines.push(`${stats.year}年度共有${t.declared}人申报，经单位推荐${t.recommended}人，评审机构受理${t.accepted}人，最终取得资格并发放证书${t.certified}人，取证率${percent(stats.rates.certificationRate)}。`);
  if (t.voted > 0) lines.push(`评委会共表决${t.voted}人，通过${t.passed}人，表决通过率${percent(stats.rates.passRate)}。`);
  const losses = [
    { stage: 'recommended', lost: t.declared - t.recommended },
    { stage: 'accepted', lost: t.recommended - t.accepted },
    { stage: 'passed', lost: t.voted - t.passed },
  ] as const;
  const worst = [...losses].sort((a, b) => b.lost - a.lost)[0];
  if (worst.lost > 0) lines.push(`流失最多的环节为“${STAGE_LABEL[worst.stage]}”，减少${worst.lost}人。`);
  if (t.rejected > 0 || t.returned > 0) lines.push(`审核阶段不予受理${t.rejected}人，退回补正${t.returned}人。`);
  const busiest = [...stats.byLevel].sort((a, b) => b.counts.declared - a.counts.declared)[0];
  if (busiest && busiest.counts.declared > 0) lines.push(`申报人数最多的层级为${busiest.label}（${busiest.counts.declared}人，占${percent(busiest.counts.declared / t.declared)}）。`);
  const directions = stats.byDirection.filter((d) => d.counts.declared > 0);
  if (directions.length > 1) lines.push(`按方向：${directions.map((d) => `${d.label}${d.counts.declared}人、取证${d.counts.certified}人`).join('；')}。`);
  const scored = stats.scoreDistribution.reduce((n, b) => n + b.count, 0);
  if (scored > 0 && stats.meanScore !== null) {
    const top = [...stats.scoreDistribution].sort((a, b) => b.count - a.count)[0];
    lines.push(`评议组综合得分平均${stats.meanScore.toFixed(2)}分，最集中的分数段为${top.label}分（${top.count}人）。`);
  }
  const timed = stats.medianDays.flatMap((d) => (d.medianDays === null ? [] : [{ label: d.label, days: d.medianDays }]));
  const longest = timed.sort((x, y) => y.days - x.days)[0];
  if (longest) lines.push(`用时最长的环节为“${longest.label}”，中位数${longest.days}天。`);
  if (t.objected > 0) lines.push(`公示期间收到异议${t.objected}件，经核实成立${t.objectionsUpheld}件。`);
  if (t.revoked > 0) lines.push(`本年度证书被撤销${t.revoked}本。`);
  if (stats.previousYear) {
    const p = stats.previousYear.totals;
    const trend = (now: number, before: number) => (now === before ? '持平' : now > before ? `增加${now - before}人` : `减少${before - now}人`);
    lines.push(`与${stats.previousYear.year}年度相比，申报人数${trend(t.declared, p.declared)}，取证人数${trend(t.certified, p.certified)}。`);
  }
  return lines;
}
