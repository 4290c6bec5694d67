/**
 * chart.js configurations built from suppressed aggregates (never inside templates). Plain JSON,
 * no functions: pages put them in a data-chart attribute and public/js/results-charts.js draws them.
 * Hidden figures stay null, which chart.js leaves out. Values are percentages of the base.
 */
import type { ChoiceSummary, MatrixSummary, NumberSummary, QuestionSummary, RankingSummary, RatingSummary } from './aggregate-types.ts';
import type { CrossTabShown } from './cross-tab.ts';
import type { ComparedQuestion } from './edition-comparison.ts';

/** Colour-blind-safe palette (Okabe-Ito), then repeated. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const colour = (i: number) => PALETTE[i % PALETTE.length] as string;

/**
 * Ordered answers (ratings, matrix scales, rank positions) get an ordered scale: dark to light
 * blue, so that the order reads from the colours alone, also in greyscale print.
 */
export function orderedColour(i: number, n: number): string {
  const from = [8, 48, 107];
  const to = [198, 219, 239];
  const t = n <= 1 ? 0 : i / (n - 1);
  return `#${from.map((c, j) => Math.round(c + ((to[j] as number) - c) * t).toString(16).padStart(2, '0')).join('')}`;
}

export interface ChartConfig {
  type: 'bar';
  /** '%' when the values are percentages (results-charts.js formats tooltips with it). */
  unit?: '%';
  data: { labels: string[]; datasets: { label: string; data: (number | null)[]; backgroundColor: string | string[]; stack?: string }[] };
  options: Record<string, unknown>;
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function barOptions(opts: { horizontal?: boolean; stacked?: boolean; axisTitle?: string; max?: number; legend?: boolean } = {}) {
  const valueAxis = { beginAtZero: true, ...(opts.max !== undefined ? { max: opts.max } : {}), stacked: Boolean(opts.stacked), title: { display: Boolean(opts.axisTitle), text: opts.axisTitle ?? '' } };
  const categoryAxis = { stacked: Boolean(opts.stacked), ticks: { autoSkip: false } };
  return {
    indexAxis: opts.horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: Boolean(opts.legend) } },
    scales: opts.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
  };
}

/** Long labels wrap rather than squeeze the bars. */
const short = (label: string) => (label.length > 48 ? `${label.slice(0, 45)}…` : label);

/** Above this many choices (a list of countries), choices nobody gave are left out of the chart. */
export const LONG_LIST = 12;

function choiceChart(s: ChoiceSummary | RatingSummary): ChartConfig {
  const all = s.kind === 'rating' ? s.values : s.choices;
  const rows = all.length > LONG_LIST ? all.filter((r) => r.count !== 0) : all;
  // Shares of a long list are small: let the axis end near the largest one rather than at 100.
  const largest = Math.max(0, ...rows.map((r) => r.share ?? 0));
  return {
    type: 'bar',
    data: { labels: rows.map((r) => short(r.label)), datasets: [{ label: s.kind === 'multi' ? '% of respondents' : '% of answers', data: rows.map((r) => percent(r.share)), backgroundColor: s.kind === 'rating' ? rows.map((_, i) => orderedColour(i, rows.length)) : colour(0) }] },
    options: barOptions({ horizontal: s.kind !== 'rating', axisTitle: s.kind === 'multi' ? '% of respondents' : '% of answers', max: largest > 0.5 ? 100 : Math.min(100, Math.ceil(largest * 10 + 0.5) * 10) }),
    unit: '%',
  };
}

function histogramChart(s: NumberSummary): ChartConfig {
  const options = barOptions({ axisTitle: 'Answers' });
  (options.scales.x as Record<string, unknown>).grid = { offset: false };
  return {
    type: 'bar',
    data: {
      labels: s.histogram.map((b) => b.label),
      datasets: [{ label: 'Answers', data: s.histogram.map((b) => b.count), backgroundColor: colour(0) }],
    },
    options: { ...options, datasets: { bar: { categoryPercentage: 1, barPercentage: 0.96 } } },
  };
}

function matrixChart(s: MatrixSummary): ChartConfig {
  return {
    type: 'bar',
    data: {
      labels: s.rows.map((r) => short(r.label)),
      datasets: s.columns.map((c, j) => ({ label: c.label, data: s.rows.map((r) => percent(r.cells[j]?.share ?? null)), backgroundColor: orderedColour(j, s.columns.length), stack: 'rows' })),
    },
    options: barOptions({ horizontal: true, stacked: true, axisTitle: '% of answers to the row', max: 100, legend: true }),
    unit: '%',
  };
}

function rankingChart(s: RankingSummary): ChartConfig {
  const positions = s.items[0]?.byPosition.length ?? 0;
  return {
    type: 'bar',
    data: {
      labels: s.items.map((i) => short(i.label)),
      datasets: Array.from({ length: positions }, (_, p) => ({
        label: `Ranked ${p + 1}`,
        data: s.items.map((i) => {
          const n = i.byPosition[p] ?? null;
          return n === null ? null : Math.round((n / s.base) * 1000) / 10;
        }),
        backgroundColor: orderedColour(p, positions),
        stack: 'positions',
      })),
    },
    options: barOptions({ horizontal: true, stacked: true, axisTitle: '% of respondents', max: 100, legend: true }),
    unit: '%',
  };
}

/** The chart of one question's summary, or null when it has none (texts, hidden questions). */
export function questionChart(s: QuestionSummary): ChartConfig | null {
  if (s.suppressed) return null;
  switch (s.kind) {
    case 'single':
    case 'multi':
    case 'rating':
      return choiceChart(s);
    case 'number':
      return s.histogram.length > 0 ? histogramChart(s) : null;
    case 'matrix':
      return matrixChart(s);
    case 'ranking':
      return rankingChart(s);
    default:
      return null;
  }
}

/** A cross-tab as stacked bars: one bar per column value, split by the row values (column %). */
export function crossTabChart(t: CrossTabShown): ChartConfig {
  return {
    type: 'bar',
    data: {
      labels: t.columns.values.map((v) => short(v.label)),
      datasets: t.rows.values.map((rv, i) => ({
        label: short(rv.label),
        data: t.cells[i]?.map((c) => percent(c.columnShare)) ?? [],
        backgroundColor: colour(i),
        stack: 'rows',
      })),
    },
    options: barOptions({ stacked: true, axisTitle: `% of ${t.columns.title.toLowerCase()} group`, max: 100, legend: true }),
    unit: '%',
  };
}

/** Two editions side by side, for the values both have. */
export function comparisonChart(q: ComparedQuestion, labels: { before: string; after: string }): ChartConfig | null {
  const inBoth = q.values.filter((v) => !q.added.includes(v.value) && !q.removed.includes(v.value));
  const both = inBoth.length > LONG_LIST ? inBoth.filter((v) => v.before?.count !== 0 || v.after?.count !== 0) : inBoth;
  if (!q.compared || both.length === 0) return null;
  return {
    type: 'bar',
    data: {
      labels: both.map((v) => short(v.label)),
      datasets: [
        { label: labels.before, data: both.map((v) => percent(v.before?.share ?? null)), backgroundColor: colour(4) },
        { label: labels.after, data: both.map((v) => percent(v.after?.share ?? null)), backgroundColor: colour(0) },
      ],
    },
    options: barOptions({ horizontal: true, axisTitle: '% of answers', max: 100, legend: true }),
    unit: '%',
  };
}
