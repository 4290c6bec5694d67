/**
 * chart.js configurations built from suppressed aggregates (never inside templates). Plain JSON,
 * no functions: pages put them in a data-chart attribute and public/js/results-charts.js draws them.
 * Hidden figures stay null, which chart.js leaves out. Values are percentages of the base.
 */
import type { ChoiceSummary, DateSummary, MatrixSummary, NumberSummary, QuestionSummary, RankingSummary, RatingSummary } from './aggregate-types.ts';
import type { CrossTabShown } from './cross-tab.ts';
import type { ComparedQuestion } from './edition-comparison.ts';
import { withModule } from './question-kinds/registry.ts';

/** Colour-blind-safe palette (Okabe-Ito), then repeated. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const colour = (i: number) => PALETTE[i % PALETTE.length] as string;

/** Answers that stand outside an ordered scale ("don't know", "not applicable"): grey, at the end. */
const OFF_SCALE = /^(not_?applicable|n_?a|dont_?know|do_?not_?know|no_?opinion|prefer_?not.*|none|other)$/i;
const OFF_SCALE_GREYS = ['#8c8c8c', '#b5b5b5', '#5f5f5f'];

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
  return `#${[0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Colours of an ordered scale (Likert columns of a matrix): a diverging brown-to-blue ramp through a
 * mid grey, so that order reads as order, colour-blind safe; answers off the scale are greys.
 */
export function orderedColours(values: string[]): string[] {
  const onScale = values.filter((v) => !OFF_SCALE.test(v));
  const n = onScale.length;
  let off = 0;
  return values.map((v) => {
    if (OFF_SCALE.test(v)) return OFF_SCALE_GREYS[off++ % OFF_SCALE_GREYS.length] as string;
    const i = onScale.indexOf(v);
    const t = n <= 1 ? 0.5 : i / (n - 1);
    return t < 0.5 ? mix('#8c510a', '#c9c9c9', t * 2) : mix('#c9c9c9', '#01665e', (t - 0.5) * 2);
  });
}

/** Colours of ranks 1, 2, ...: dark to light on one hue, rank 1 the strongest. */
export function rankColours(n: number): string[] {
  return Array.from({ length: n }, (_, i) => mix('#08306b', '#c6dbef', n <= 1 ? 0 : i / (n - 1)));
}

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
  /** A label is one line, or several lines when long (chart.js draws an array as lines). */
  data: { labels: (string | string[])[]; datasets: { label: string; data: (number | null)[]; backgroundColor: string | string[]; stack?: string }[] };
  options: Record<string, unknown>;
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The legend entry of the part of a stacked bar whose figures are hidden. */
export const HIDDEN_PART = 'Hidden (groups too small to show)';

/**
 * Stacked bars of shares (matrix rows, rankings, cross-tab columns) with hidden cells would stop short
 * of 100 % with no word why: the rest of such a bar is drawn as one pale grey part named in the legend.
 */
function withHiddenPart<D extends { data: (number | null)[]; stack?: string }>(datasets: D[], bars: number): (D | { label: string; data: (number | null)[]; backgroundColor: string; stack?: string })[] {
  const rest = Array.from({ length: bars }, (_, i) => {
    const values = datasets.map((d) => d.data[i] ?? null);
    if (!values.some((v) => v === null)) return null;
    const shown = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    return Math.max(0, Math.round((100 - shown) * 10) / 10);
  });
  if (!rest.some((r) => r !== null && r > 0)) return datasets;
  const stack = datasets[0]?.stack;
  return [...datasets, { label: HIDDEN_PART, data: rest, backgroundColor: '#dfe3e8', ...(stack ? { stack } : {}) }];
}

/** True when a chart has at least one figure to draw (not every value hidden). */
export function hasShownFigure(chart: ChartConfig): boolean {
  return chart.data.datasets.some((d) => d.label !== HIDDEN_PART && d.data.some((v) => v !== null && v !== 0));
}

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

/** Long labels wrap onto lines of about 32 characters: never cut off, never an ellipsis. */
export function wrapLabel(label: string, width = 32): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
const short = wrapLabel;

/** Above this many choices (a list of countries), choices nobody gave are left out of the chart. */
export const LONG_LIST = 12;

export function choiceChart(s: ChoiceSummary | RatingSummary): ChartConfig {
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

export function histogramChart(s: NumberSummary): ChartConfig {
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

/** Dates and times: answers per bin, in time order (bins are merged until none is hidden). */
export function dateChart(s: DateSummary): ChartConfig {
  return {
    type: 'bar',
    data: { labels: s.bins.map((b) => short(b.label)), datasets: [{ label: 'Answers', data: s.bins.map((b) => b.count), backgroundColor: colour(0) }] },
    options: barOptions({ axisTitle: 'Answers' }),
  };
}

export function matrixChart(s: MatrixSummary): ChartConfig {
  const colours = orderedColours(s.columns.map((c) => c.value));
  return {
    type: 'bar',
    data: {
      labels: s.rows.map((r) => short(r.label)),
      datasets: withHiddenPart(s.columns.map((c, j) => ({ label: c.label, data: s.rows.map((r) => percent(r.cells[j]?.share ?? null)), backgroundColor: colours[j] as string, stack: 'rows' })), s.rows.length),
    },
    options: barOptions({ horizontal: true, stacked: true, axisTitle: '% of answers to the row', max: 100, legend: true }),
    unit: '%',
  };
}

export function rankingChart(s: RankingSummary): ChartConfig {
  const positions = s.items[0]?.byPosition.length ?? 0;
  const colours = rankColours(positions);
  return {
    type: 'bar',
    data: {
      labels: s.items.map((i) => short(i.label)),
      datasets: withHiddenPart(Array.from({ length: positions }, (_, p) => ({
        label: `Ranked ${p + 1}`,
        data: s.items.map((i) => {
          const n = i.byPosition[p] ?? null;
          return n === null ? null : Math.round((n / s.base) * 1000) / 10;
        }),
        backgroundColor: colours[p] as string,
        stack: 'positions',
      })), s.items.length),
    },
    options: barOptions({ horizontal: true, stacked: true, axisTitle: '% of respondents', max: 100, legend: true }),
    unit: '%',
  };
}

/** The chart of one question's summary, or null when it has none (texts, hidden questions). */
export function questionChart(s: QuestionSummary): ChartConfig | null {
  if (s.suppressed) return null;
  return withModule(s, (m, shown) => m.chart(shown));
}

/** A cross-tab as stacked bars: one bar per column value, split by the row values (column %). */
export function crossTabChart(t: CrossTabShown): ChartConfig {
  return {
    type: 'bar',
    data: {
      labels: t.columns.values.map((v) => short(v.label)),
      datasets: withHiddenPart(t.rows.values.map((rv, i) => ({
        label: rv.label,
        data: t.cells[i]?.map((c) => percent(c.columnShare)) ?? [],
        backgroundColor: t.rows.ordered ? orderedColour(i, t.rows.values.length) : colour(i),
        stack: 'rows',
      })), t.columns.values.length),
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
