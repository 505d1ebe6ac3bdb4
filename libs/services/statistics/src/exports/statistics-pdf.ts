// 年度统计报告 (PDF, A4, Chinese): a title page with the key figures and a short commentary,
// then the charts drawn as vector graphics — the funnel of stages, the median days per stage,
// bars by level, direction and employer kind, the score and vote-margin histograms and the
// comparison with the previous year — and the tables behind them.
import PDFDocument from 'pdfkit';
import { EMPLOYER_KIND_LABEL } from '@bj/kernel';
import { pdfBytes, registerCertificateFonts } from '@bj/documents';
import { commentaryOf, FUNNEL_STAGES, STAGE_LABEL, STAGES, type AnnualStatistics, type Stage } from '@bj/statistics-domain';

type Doc = PDFKit.PDFDocument;

const W = 595.28;
const H = 841.89;
const M = 48;
const CW = W - 2 * M;

const NAVY = '#1F4E79';
const BLUE = '#2E86AB';
const TEAL = '#3AAFA9';
const GREEN = '#3BA55C';
const ORANGE = '#F18F01';
const RED = '#C73E1D';
const GREY = '#8C8C8C';
const INK = '#262626';
const SOFT = '#595959';
const GRID = '#E3E3E3';
const PALE = '#F3F6FA';
const FUNNEL_COLOURS = ['#1F4E79', '#245C8C', '#2A6A9E', '#2E86AB', '#34A0A4', '#3AAFA9', '#3BA55C'];

export interface StatisticsPdfOptions {
  /** When the report was made (ISO instant), printed and stored in the PDF's metadata. Default: now. */
  readonly generatedAt?: string;
}

const pct = (rate: number | null, digits = 1) => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`);

// ---------------------------------------------------------------- text

interface TextOptions {
  size?: number;
  color?: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  opacity?: number;
}

/** One line of text at (x, y) anchored left, centre or right, without line breaking. */
function text(doc: Doc, value: string, x: number, y: number, { size = 10, color = INK, align = 'left', bold = false, opacity = 1 }: TextOptions = {}) {
  doc.font('regular').fontSize(size);
  const width = doc.widthOfString(value);
  const left = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
  doc.save().fillColor(color).fillOpacity(opacity);
  if (bold) doc.lineWidth(size * 0.035).strokeColor(color);
  doc.text(value, left, y, { lineBreak: false, fill: true, stroke: bold });
  doc.restore();
  return width;
}

/** A paragraph wrapped to `width`; returns the y below it. */
function paragraph(doc: Doc, value: string, x: number, y: number, width: number, size = 10.5, color = INK): number {
  doc.font('regular').fontSize(size).fillColor(color);
  doc.text(value, x, y, { width, lineGap: 4 });
  return doc.y;
}

function sectionTitle(doc: Doc, title: string, y: number, note?: string): number {
  doc.save().rect(M, y + 1, 4, 16).fill(BLUE).restore();
  text(doc, title, M + 12, y, { size: 14, color: NAVY, bold: true });
  if (note) text(doc, note, W - M, y + 4, { size: 8.5, color: GREY, align: 'right' });
  return y + 28;
}

function pageFrame(doc: Doc, stats: AnnualStatistics, page: number) {
  doc.save().rect(0, 0, W, 6).fill(NAVY).restore();
  text(doc, `北京市工程技术系列(人工智能)专业技术资格评审 · ${stats.year}年度统计报告`, M, 22, { size: 8.5, color: SOFT });
  text(doc, `第 ${page} 页`, W - M, 22, { size: 8.5, color: SOFT, align: 'right' });
  doc.save().moveTo(M, 38).lineTo(W - M, 38).lineWidth(0.5).stroke(GRID).restore();
}

// ---------------------------------------------------------------- chart pieces

function legend(doc: Doc, items: readonly { label: string; color: string }[], x: number, y: number) {
  let cx = x;
  for (const item of items) {
    doc.save().roundedRect(cx, y + 1, 9, 9, 2).fill(item.color).restore();
    cx += 13 + text(doc, item.label, cx + 13, y, { size: 8.5, color: SOFT }) + 14;
  }
}

/** A pleasant axis maximum (1, 2, 2.5, 5 × 10^k) at or above `value`, and its step. */
function niceScale(value: number, ticks = 5): { max: number; step: number } {
  if (value <= 0) return { max: ticks, step: 1 };
  const raw = value / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw && (Number.isInteger(s) || s >= 1 || magnitude < 1)) ?? 10 * magnitude;
  const whole = Math.max(1, Math.ceil(step));
  const useStep = value >= ticks ? whole : step;
  return { max: Math.ceil(value / useStep) * useStep, step: useStep };
}

interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

interface BarChart {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  /** Colour per category instead of per series (one series only). */
  readonly categoryColors?: readonly string[];
  readonly valueLabels?: boolean;
  readonly categorySize?: number;
}

/** Vertical grouped bars with a light grid, the value over each bar and the category below. */
function columns(doc: Doc, chart: BarChart): { plotLeft: number; plotWidth: number; baseY: number; scaleMax: number } {
  const { x, y, width, height, categories, series } = chart;
  const all = series.flatMap((s) => s.values);
  const { max, step } = niceScale(Math.max(...all, 0));
  const plotLeft = x + 26;
  const plotWidth = width - 26;
  const baseY = y + height - 20;
  const plotHeight = height - 34;
  doc.save().lineWidth(0.5);
  for (let v = 0; v <= max + 1e-9; v += step) {
    const gy = baseY - (v / max) * plotHeight;
    doc.moveTo(plotLeft, gy).lineTo(plotLeft + plotWidth, gy).stroke(v === 0 ? '#BFBFBF' : GRID);
    text(doc, Number.isInteger(v) ? String(v) : v.toFixed(1), plotLeft - 5, gy - 4, { size: 7, color: GREY, align: 'right' });
  }
  doc.restore();
  const band = plotWidth / categories.length;
  const groupWidth = Math.min(band * 0.72, series.length * 36);
  const barWidth = groupWidth / series.length;
  categories.forEach((category, ci) => {
    const gx = plotLeft + ci * band + (band - groupWidth) / 2;
    series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const h = (v / max) * plotHeight;
      const bx = gx + si * barWidth + barWidth * 0.08;
      const bw = barWidth * 0.84;
      const color = chart.categoryColors?.[ci] ?? s.color;
      if (h > 0) doc.save().rect(bx, baseY - h, bw, h).fill(color).restore();
      if (chart.valueLabels !== false && v > 0) text(doc, String(v), bx + bw / 2, baseY - h - 10, { size: 7.5, color: SOFT, align: 'center' });
    });
    text(doc, category, plotLeft + ci * band + band / 2, baseY + 5, { size: chart.categorySize ?? 8.5, color: INK, align: 'center' });
  });
  return { plotLeft, plotWidth, baseY, scaleMax: max };
}

/** Horizontal bars: a label on the left, the bar and its value (with an optional note) on the right. */
function rows(doc: Doc, x: number, y: number, width: number, items: readonly { label: string; value: number; color: string; note?: string }[], rowHeight = 22, labelWidth = 110) {
  const max = Math.max(...items.map((i) => i.value), 1);
  const barSpace = width - labelWidth - 90;
  items.forEach((item, i) => {
    const ry = y + i * rowHeight;
    text(doc, item.label, x + labelWidth - 8, ry + rowHeight / 2 - 6, { size: 9, color: INK, align: 'right' });
    doc.save().roundedRect(x + labelWidth, ry + 4, barSpace, rowHeight - 8, 2).fill(PALE).restore();
    const bw = (item.value / max) * barSpace;
    if (bw > 0) doc.save().roundedRect(x + labelWidth, ry + 4, Math.max(bw, 3), rowHeight - 8, 2).fill(item.color).restore();
    text(doc, item.note ?? String(item.value), x + labelWidth + barSpace + 8, ry + rowHeight / 2 - 6, { size: 9, color: SOFT });
  });
  return y + items.length * rowHeight;
}

/** A coloured figure tile: the value large, its label and an optional note (year-over-year) small. */
function tile(doc: Doc, x: number, y: number, w: number, h: number, value: string, label: string, color: string, note?: { text: string; up: boolean | null }) {
  doc.save().roundedRect(x, y, w, h, 6).fill(PALE).restore();
  doc.save().roundedRect(x, y, 5, h, 2).fill(color).restore();
  text(doc, value, x + 16, y + 12, { size: 24, color, bold: true });
  text(doc, label, x + 16, y + 46, { size: 9.5, color: SOFT });
  if (note) {
    const ny = y + h - 17;
    if (note.up !== null) {
      const tx = x + 16;
      doc.save();
      if (note.up) doc.polygon([tx, ny + 8], [tx + 4, ny + 1], [tx + 8, ny + 8]).fill(GREEN);
      else doc.polygon([tx, ny + 1], [tx + 4, ny + 8], [tx + 8, ny + 1]).fill(RED);
      doc.restore();
    }
    text(doc, note.text, x + (note.up === null ? 16 : 28), ny - 1, { size: 8, color: GREY });
  }
}

/** A small table with a coloured header row and zebra rows. */
function table(doc: Doc, x: number, y: number, widths: readonly number[], header: readonly string[], body: readonly (readonly string[])[], rowHeight = 17): number {
  const total = widths.reduce((a, b) => a + b, 0);
  doc.save().rect(x, y, total, rowHeight + 2).fill(NAVY).restore();
  let cx = x;
  header.forEach((h, i) => {
    text(doc, h, i === 0 ? cx + 5 : cx + widths[i] - 5, y + 5, { size: 8, color: '#FFFFFF', align: i === 0 ? 'left' : 'right' });
    cx += widths[i];
  });
  body.forEach((r, ri) => {
    const ry = y + rowHeight + 2 + ri * rowHeight;
    if (ri % 2 === 1) doc.save().rect(x, ry, total, rowHeight).fill(PALE).restore();
    let rx = x;
    r.forEach((cell, i) => {
      text(doc, cell, i === 0 ? rx + 5 : rx + widths[i] - 5, ry + 4.5, { size: 8, color: INK, align: i === 0 ? 'left' : 'right' });
      rx += widths[i];
    });
  });
  const bottom = y + rowHeight + 2 + body.length * rowHeight;
  doc.save().moveTo(x, bottom).lineTo(x + total, bottom).lineWidth(0.6).stroke(NAVY).restore();
  return bottom;
}

// ---------------------------------------------------------------- pages

function scopeOf(stats: AnnualStatistics): string {
  const levels = stats.filter.levels.length === 4 ? '全部层级' : stats.byLevel.map((b) => b.label).join('、');
  const direction = stats.filter.direction ? stats.byDirection[0].label : '全部方向';
  const kind = stats.filter.employerKind ? EMPLOYER_KIND_LABEL[stats.filter.employerKind] : '全部单位性质';
  return `${levels} · ${direction} · ${kind}`;
}

function yoyNote(stats: AnnualStatistics, stage: Stage): { text: string; up: boolean | null } | undefined {
  const row = stats.yearOverYear.find((r) => r.stage === stage);
  if (!row) return undefined;
  const sign = row.change > 0 ? '+' : '';
  return { text: `较${stats.year - 1}年 ${sign}${row.change}${row.changePercent === null ? '' : `（${sign}${row.changePercent}%）`}`, up: row.change === 0 ? null : row.change > 0 };
}

function rateNote(stats: AnnualStatistics, key: 'passRate' | 'certificationRate'): { text: string; up: boolean | null } | undefined {
  const now = stats.rates[key];
  const before = stats.previousYear?.rates[key];
  if (now === null || before === null || before === undefined) return undefined;
  const points = Math.round((now - before) * 1000) / 10;
  if (points === 0) return { text: `与${stats.year - 1}年持平`, up: null };
  return { text: `较${stats.year - 1}年 ${points > 0 ? '+' : ''}${points}个百分点`, up: points > 0 };
}

function titlePage(doc: Doc, stats: AnnualStatistics, generatedOn: string) {
  doc.save().rect(0, 0, W, 318).fill(NAVY).restore();
  // a quiet bar-chart motif in the band
  const motif = [34, 52, 44, 70, 61, 88, 79, 104];
  motif.forEach((h, i) => doc.save().fillOpacity(0.13).rect(W - M - 180 + i * 23, 286 - h, 15, h).fill('#FFFFFF').restore());
  text(doc, '北京市人力资源和社会保障局', M, 62, { size: 11, color: '#FFFFFF', opacity: 0.8 });
  text(doc, '北京市工程技术系列(人工智能)', M, 112, { size: 20, color: '#FFFFFF' });
  text(doc, '专业技术资格评审', M, 142, { size: 26, color: '#FFFFFF' });
  text(doc, `${stats.year}年度统计报告`, M, 186, { size: 36, color: '#FFFFFF', bold: true });
  doc.save().rect(M, 244, 60, 3).fill(ORANGE).restore();
  text(doc, `统计范围：${scopeOf(stats)}`, M, 258, { size: 10, color: '#FFFFFF', opacity: 0.85 });

  const t = stats.totals;
  const tileW = (CW - 3 * 12) / 4;
  const tiles: [string, string, string, { text: string; up: boolean | null } | undefined][] = [
    [String(t.declared), '申报人数', NAVY, yoyNote(stats, 'declared')],
    [pct(stats.rates.passRate), '表决通过率', BLUE, rateNote(stats, 'passRate')],
    [String(t.certified), '发放证书', GREEN, yoyNote(stats, 'certified')],
    [pct(stats.rates.certificationRate), '取证率（发证/申报）', ORANGE, rateNote(stats, 'certificationRate')],
  ];
  tiles.forEach(([value, label, color, note], i) => tile(doc, M + i * (tileW + 12), 346, tileW, 92, value, label, color, note));

  let y = sectionTitle(doc, '摘要', 470);
  for (const line of commentaryOf(stats)) {
    doc.save().circle(M + 4, y + 7, 2.2).fill(BLUE).restore();
    y = paragraph(doc, line, M + 14, y, CW - 14) + 7;
  }
  const foot = H - 64;
  doc.save().moveTo(M, foot).lineTo(W - M, foot).lineWidth(0.5).stroke(GRID).restore();
  text(doc, `数据来源：评审系统事件日志（截至第 ${stats.asOfPosition} 条事件），可随时由日志重建。`, M, foot + 10, { size: 8.5, color: GREY });
  text(doc, `生成日期：${generatedOn}`, W - M, foot + 10, { size: 8.5, color: GREY, align: 'right' });
}

function funnelPage(doc: Doc, stats: AnnualStatistics) {
  const t = stats.totals;
  let y = sectionTitle(doc, '一、评审流程漏斗', 58, '宽度按人数比例；右侧为占申报人数的比例');
  const top = Math.max(t.declared, 1);
  const maxWidth = CW - 150;
  const centre = M + 96 + maxWidth / 2;
  const step = 44;
  FUNNEL_STAGES.forEach((stage, i) => {
    const v = t[stage];
    const next = FUNNEL_STAGES[i + 1];
    const w = Math.max(28, (v / top) * maxWidth);
    const wNext = next ? Math.max(28, (t[next] / top) * maxWidth) : w;
    const ry = y + i * step;
    doc.save().polygon([centre - w / 2, ry], [centre + w / 2, ry], [centre + wNext / 2, ry + step - 6], [centre - wNext / 2, ry + step - 6]).fill(FUNNEL_COLOURS[i]).restore();
    text(doc, STAGE_LABEL[stage], M + 84, ry + 14, { size: 10, color: INK, align: 'right' });
    text(doc, String(v), centre, ry + 12, { size: 12, color: '#FFFFFF', align: 'center', bold: true });
    text(doc, pct(t.declared === 0 ? null : v / t.declared), W - M, ry + 14, { size: 9, color: SOFT, align: 'right' });
  });
  y += FUNNEL_STAGES.length * step + 14;

  y = sectionTitle(doc, '二、审核与公示', y);
  const side: [Stage, string][] = [
    ['returned', ORANGE],
    ['rejected', RED],
    ['objected', BLUE],
    ['objectionsUpheld', RED],
    ['revoked', GREY],
  ];
  const tw = (CW - 4 * 10) / 5;
  side.forEach(([stage, color], i) => tile(doc, M + i * (tw + 10), y, tw, 70, String(t[stage]), STAGE_LABEL[stage], color));
  y += 96;

  y = sectionTitle(doc, '三、各环节用时', y, '自然日中位数，按业务日期计算');
  rows(
    doc,
    M,
    y,
    CW,
    stats.medianDays.map((d, i) => ({ label: d.label, value: d.medianDays ?? 0, color: [NAVY, BLUE, TEAL, GREEN, ORANGE][i], note: d.medianDays === null ? '无数据' : `${d.medianDays} 天（${d.applications}人）` })),
    26,
    130,
  );
}

function breakdownPage(doc: Doc, stats: AnnualStatistics) {
  const series = (pick: (b: AnnualStatistics['byLevel'][number]) => number, list: readonly AnnualStatistics['byLevel'][number][]) => list.map(pick);
  let y = sectionTitle(doc, '四、按层级', 58);
  legend(
    doc,
    [
      { label: '申报', color: NAVY },
      { label: '受理', color: BLUE },
      { label: '表决通过', color: TEAL },
      { label: '发放证书', color: GREEN },
    ],
    M + 12,
    y - 4,
  );
  columns(doc, {
    x: M,
    y: y + 14,
    width: CW,
    height: 200,
    categories: stats.byLevel.map((b) => b.label),
    series: [
      { name: '申报', color: NAVY, values: series((b) => b.counts.declared, stats.byLevel) },
      { name: '受理', color: BLUE, values: series((b) => b.counts.accepted, stats.byLevel) },
      { name: '表决通过', color: TEAL, values: series((b) => b.counts.passed, stats.byLevel) },
      { name: '发放证书', color: GREEN, values: series((b) => b.counts.certified, stats.byLevel) },
    ],
  });
  y += 236;
  y = sectionTitle(doc, '五、按方向', y);
  const half = (CW - 24) / 2;
  columns(doc, {
    x: M,
    y,
    width: half,
    height: 180,
    categories: stats.byDirection.map((b) => b.label),
    series: [
      { name: '申报', color: NAVY, values: series((b) => b.counts.declared, stats.byDirection as never) },
      { name: '受理', color: BLUE, values: series((b) => b.counts.accepted, stats.byDirection as never) },
      { name: '表决通过', color: TEAL, values: series((b) => b.counts.passed, stats.byDirection as never) },
      { name: '发放证书', color: GREEN, values: series((b) => b.counts.certified, stats.byDirection as never) },
    ],
  });
  const rx = M + half + 24;
  text(doc, '取证率', rx, y, { size: 10, color: NAVY, bold: true });
  stats.byDirection.forEach((b, i) => {
    const cy = y + 24 + i * 74;
    const rate = b.certificationRate ?? 0;
    doc.save().lineWidth(9).circle(rx + 34, cy + 26, 24).stroke(PALE).restore();
    if (rate > 0) {
      const end = -Math.PI / 2 + Math.min(rate, 0.9999) * 2 * Math.PI;
      const r = 24;
      const cx = rx + 34;
      const cyy = cy + 26;
      doc.save().lineWidth(9).lineCap('round').path(`M ${cx} ${cyy - r} A ${r} ${r} 0 ${rate > 0.5 ? 1 : 0} 1 ${cx + r * Math.cos(end)} ${cyy + r * Math.sin(end)}`).stroke(i === 0 ? NAVY : TEAL).restore();
    }
    text(doc, pct(b.certificationRate, 0), rx + 34, cy + 21, { size: 10, color: INK, align: 'center', bold: true });
    text(doc, b.label, rx + 72, cy + 12, { size: 10, color: INK });
    text(doc, `申报 ${b.counts.declared} · 发证 ${b.counts.certified} · 通过率 ${pct(b.passRate, 0)}`, rx + 72, cy + 30, { size: 8.5, color: SOFT });
  });
  y += 200;
  y = sectionTitle(doc, '六、按单位性质', y, '申报人数与发放证书人数');
  const kinds = stats.byEmployerKind;
  const max = Math.max(...kinds.map((k) => k.counts.declared), 1);
  const labelWidth = 120;
  const barSpace = CW - labelWidth - 70;
  kinds.forEach((k, i) => {
    const ry = y + i * 34;
    text(doc, k.label, M + labelWidth - 8, ry + 9, { size: 9, color: INK, align: 'right' });
    doc.save().roundedRect(M + labelWidth, ry + 2, Math.max(2, (k.counts.declared / max) * barSpace), 12, 2).fill(NAVY).restore();
    doc.save().roundedRect(M + labelWidth, ry + 16, Math.max(2, (k.counts.certified / max) * barSpace), 12, 2).fill(GREEN).restore();
    text(doc, `${k.counts.declared}`, M + labelWidth + (k.counts.declared / max) * barSpace + 6, ry + 3, { size: 8, color: SOFT });
    text(doc, `${k.counts.certified}`, M + labelWidth + (k.counts.certified / max) * barSpace + 6, ry + 17, { size: 8, color: SOFT });
  });
  legend(
    doc,
    [
      { label: '申报', color: NAVY },
      { label: '发放证书', color: GREEN },
    ],
    M + labelWidth,
    y + kinds.length * 34 + 4,
  );
}

function distributionPage(doc: Doc, stats: AnnualStatistics) {
  let y = sectionTitle(doc, '七、评议组综合得分分布', 58, stats.meanScore === null ? '暂无评议' : `平均 ${stats.meanScore.toFixed(2)} 分；虚线为合格线 60 分`);
  const bins = stats.scoreDistribution;
  const chart = columns(doc, {
    x: M,
    y,
    width: CW,
    height: 230,
    categories: bins.map((b) => b.label),
    series: [{ name: '人数', color: BLUE, values: bins.map((b) => b.count) }],
    categoryColors: bins.map((b) => (b.from >= 60 ? BLUE : '#A9C7DA')),
    categorySize: 7.5,
  });
  const passX = chart.plotLeft + (6 / bins.length) * chart.plotWidth;
  doc.save().moveTo(passX, y + 4).lineTo(passX, chart.baseY).dash(4, { space: 3 }).lineWidth(1).stroke(ORANGE).undash().restore();
  text(doc, '合格线', passX + 4, y + 2, { size: 8, color: ORANGE });
  const scored = bins.reduce((n, b) => n + b.count, 0);
  const atPassLine = bins.filter((b) => b.from >= 60).reduce((n, b) => n + b.count, 0);
  if (scored > 0) note(doc, `共${scored}人经评议组评议，其中${atPassLine}人（${pct(atPassLine / scored)}）综合得分达到60分以上。`, y + 238);
  y += 282;

  const margins = stats.voteMarginDistribution;
  y = sectionTitle(doc, '八、表决差额分布', y, '差额 = 赞成票 − 通过所需票数；≥ 0 为通过');
  if (margins.length === 0) {
    text(doc, '本年度尚无表决。', M + 12, y + 10, { size: 10, color: SOFT });
  } else {
    const cm = columns(doc, {
      x: M,
      y,
      width: CW,
      height: 230,
      categories: margins.map((b) => (b.margin > 0 ? `+${b.margin}` : String(b.margin))),
      series: [{ name: '人数', color: GREEN, values: margins.map((b) => b.count) }],
      categoryColors: margins.map((b) => (b.margin >= 0 ? GREEN : RED)),
      categorySize: margins.length > 24 ? 6 : 7.5,
    });
    const zero = margins.findIndex((b) => b.margin === 0);
    const zx = cm.plotLeft + (zero / margins.length) * cm.plotWidth;
    doc.save().moveTo(zx, y + 4).lineTo(zx, cm.baseY).dash(4, { space: 3 }).lineWidth(1).stroke(ORANGE).undash().restore();
    text(doc, '通过线', zx + 4, y + 2, { size: 8, color: ORANGE });
    legend(
      doc,
      [
        { label: '通过', color: GREEN },
        { label: '未通过', color: RED },
      ],
      M + 34,
      y + 2,
    );
    const mean = (list: readonly { margin: number; count: number }[]) => {
      const n = list.reduce((a, b) => a + b.count, 0);
      return n === 0 ? null : list.reduce((a, b) => a + b.margin * b.count, 0) / n;
    };
    const above = mean(margins.filter((b) => b.margin >= 0));
    const below = mean(margins.filter((b) => b.margin < 0));
    const parts = [above === null ? '' : `通过者平均多出所需票数${above.toFixed(1)}票`, below === null ? '' : `未通过者平均差${Math.abs(below).toFixed(1)}票`].filter(Boolean);
    const close = margins.filter((b) => Math.abs(b.margin) <= 1).reduce((n, b) => n + b.count, 0);
    note(doc, `${parts.join('，')}；差额在±1票以内的${close}人。`, y + 238);
  }
}

/** A one-line reading of a chart, under it. */
function note(doc: Doc, value: string, y: number) {
  doc.save().roundedRect(M, y, CW, 22, 4).fill(PALE).restore();
  text(doc, value, M + 10, y + 6, { size: 9, color: SOFT });
}

function comparisonPage(doc: Doc, stats: AnnualStatistics) {
  let y = sectionTitle(doc, '九、同比变化', 58, stats.previousYear ? `${stats.previousYear.year}年度 → ${stats.year}年度` : undefined);
  if (!stats.previousYear) {
    text(doc, `暂无${stats.year - 1}年度数据，无法比较。`, M + 12, y + 6, { size: 10, color: SOFT });
    y += 40;
  } else {
    const shown: Stage[] = ['declared', 'recommended', 'accepted', 'panelReviewed', 'voted', 'passed', 'certified'];
    legend(
      doc,
      [
        { label: `${stats.previousYear.year}年度`, color: '#B8C4D0' },
        { label: `${stats.year}年度`, color: NAVY },
      ],
      M + 12,
      y - 4,
    );
    const compared = stats.yearOverYear.filter((r) => shown.includes(r.stage));
    const max = Math.max(...compared.flatMap((r) => [r.current, r.previous]), 1);
    const labelWidth = 84;
    const barSpace = CW - labelWidth - 110;
    y += 14;
    compared.forEach((r, i) => {
      const ry = y + i * 36;
      text(doc, r.label, M + labelWidth - 8, ry + 10, { size: 9.5, color: INK, align: 'right' });
      doc.save().roundedRect(M + labelWidth, ry + 2, Math.max(2, (r.previous / max) * barSpace), 12, 2).fill('#B8C4D0').restore();
      doc.save().roundedRect(M + labelWidth, ry + 16, Math.max(2, (r.current / max) * barSpace), 12, 2).fill(NAVY).restore();
      text(doc, String(r.previous), M + labelWidth + (r.previous / max) * barSpace + 5, ry + 3, { size: 8, color: GREY });
      text(doc, String(r.current), M + labelWidth + (r.current / max) * barSpace + 5, ry + 17, { size: 8, color: INK });
      const sign = r.change > 0 ? '+' : '';
      const color = r.change > 0 ? GREEN : r.change < 0 ? RED : GREY;
      text(doc, `${sign}${r.change}${r.changePercent === null ? '' : ` (${sign}${r.changePercent}%)`}`, W - M, ry + 10, { size: 9, color, align: 'right', bold: true });
    });
    y += compared.length * 36 + 10;
    const p = stats.previousYear.rates;
    y = table(doc, M, y, [CW - 240, 80, 80, 80], ['比率', `${stats.previousYear.year}年度`, `${stats.year}年度`, '变化（百分点）'], [
      ['表决通过率（通过/表决）', pct(p.passRate), pct(stats.rates.passRate), points(p.passRate, stats.rates.passRate)],
      ['取证率（发证/申报）', pct(p.certificationRate), pct(stats.rates.certificationRate), points(p.certificationRate, stats.rates.certificationRate)],
    ]);
    y += 26;
  }
  y = sectionTitle(doc, '附表：按层级各环节人数', y);
  const shortStages: Stage[] = ['declared', 'recommended', 'accepted', 'returned', 'rejected', 'panelReviewed', 'voted', 'passed', 'objected', 'certified', 'revoked'];
  const first = 88;
  const rest = (CW - first) / shortStages.length;
  table(
    doc,
    M,
    y,
    [first, ...shortStages.map(() => rest)],
    ['层级', ...shortStages.map((s) => STAGE_LABEL[s].replace('评议组评议', '评议').replace('评委会表决', '表决').replace('发放证书', '发证').replace('撤销证书', '撤销'))],
    [...stats.byLevel.map((b) => [b.label, ...shortStages.map((s) => String(b.counts[s]))]), ['合计', ...shortStages.map((s) => String(stats.totals[s]))]],
  );
}

function points(before: number | null, now: number | null): string {
  if (before === null || now === null) return '—';
  const p = Math.round((now - before) * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p}`;
}

/** The year's annual report as a PDF (A4, five pages). */
export function statisticsPdf(stats: AnnualStatistics, options: StatisticsPdfOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    font: null as unknown as string, // no Helvetica: the Chinese font only
    compress: true,
    lang: 'zh-CN',
    info: {
      Title: `北京市工程技术系列(人工智能)专业技术资格评审 ${stats.year}年度统计报告`,
      Author: '北京市人力资源和社会保障局',
      Subject: `${stats.year}年度评审统计：${STAGES.map((s) => `${STAGE_LABEL[s]}${stats.totals[s]}`).join('，')}`,
      Creator: '北京市工程技术系列(人工智能)专业技术资格评价系统',
      Producer: 'PDFKit',
      CreationDate: new Date(generatedAt),
      ModDate: new Date(generatedAt),
    },
  });
  const done = pdfBytes(doc);
  registerCertificateFonts(doc);
  const generatedOn = new Date(new Date(generatedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  titlePage(doc, stats, generatedOn);
  const pages = [funnelPage, breakdownPage, distributionPage, comparisonPage];
  pages.forEach((draw, i) => {
    doc.addPage({ size: 'A4', margin: 0 });
    pageFrame(doc, stats, i + 2);
    draw(doc, stats);
  });
  doc.end();
  return done;
}
