/**
 * Turns a suppressed per-question summary into the shape each SurveyJS Dashboard visualizer expects
 * from its data provider (SURVEYJS.md, "SurveyJS Dashboard fed by the server"). Pure. A hidden
 * figure is left out (the Dashboard draws it as an empty bar); a suppressed question gives the
 * visualizer's empty shape.
 */
import type { HistogramBin, QuestionSummary } from '../../../analysis/aggregate-types.ts';

export const VISUALIZER_TYPES = ['selectBase', 'choices', 'boolean', 'options', 'ranking', 'matrix', 'number', 'histogram', 'wordcloud', 'text'] as const;
export type VisualizerType = (typeof VISUALIZER_TYPES)[number];

export type CountsShape = Record<string, number>;
export type MatrixShape = Record<string, Record<string, number>>;
export interface NumberShape {
  value: number;
  minValue: number;
  maxValue: number;
}
export interface TextShape {
  columnCount: 1;
  data: string[][];
}
export type DashboardShape = CountsShape | MatrixShape | NumberShape | number[] | TextShape;

/** The range a gauge is drawn on: declared bounds, never the smallest or largest answer (one person's). */
export interface GaugeRange {
  min: number;
  max: number;
}

export function emptyShape(visualizer: VisualizerType): DashboardShape {
  if (visualizer === 'histogram') return [];
  if (visualizer === 'text') return { columnCount: 1, data: [] };
  return {};
}

function shownCounts(rows: readonly { value: string; count: number | null }[]): CountsShape {
  const out: CountsShape = {};
  for (const r of rows) if (r.count !== null) out[r.value] = r.count;
  return out;
}

/**
 * Rankings: how many respondents put each item first. SurveyJS's own points (n - position, summed)
 * would need every position of an item, and with a handful of respondents per position most are
 * hidden; first choices add up to the base like any breakdown, so they are suppressed as one.
 */
function firstChoices(items: readonly { value: string; firstChoice: number | null }[]): CountsShape {
  const out: CountsShape = {};
  for (const item of items) if (item.firstChoice !== null) out[item.value] = item.firstChoice;
  return out;
}

/** Counts per bin of the page's fixed intervals; all or nothing, because the mean is shown beside them. */
export function histogramShape(bins: readonly Pick<HistogramBin, 'count'>[]): number[] {
  return bins.some((b) => b.count === null) ? [] : bins.map((b) => b.count as number);
}

const STOP_WORDS = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'had', 'has', 'have', 'was', 'were', 'with', 'this', 'that', 'from', 'they', 'will', 'would', 'there', 'their', 'what', 'which', 'when', 'into', 'than', 'then', 'them', 'these', 'those', 'our', 'its', 'also', 'been', 'more', 'such', 'very',
  'les', 'des', 'une', 'est', 'que', 'qui', 'dans', 'pour', 'par', 'pas', 'sur', 'avec', 'sont', 'aux', 'ces', 'nous', 'vous', 'mais', 'plus', 'del', 'los', 'las', 'por', 'para', 'con', 'una', 'que',
]);

/** Word counts of the texts shown (only texts already allowed for this reader reach here). */
export function wordCounts(texts: readonly string[]): CountsShape {
  const out: CountsShape = {};
  for (const text of texts) {
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      out[word] = (out[word] ?? 0) + 1;
    }
  }
  return out;
}

/** The data-provider answer for one visualizer of one question; `range` is for number gauges. */
export function dashboardShape(summary: QuestionSummary, visualizer: VisualizerType, range?: GaugeRange): DashboardShape {
  if (summary.suppressed) return emptyShape(visualizer);
  switch (summary.kind) {
    case 'single':
    case 'multi':
      return visualizer === 'selectBase' || visualizer === 'choices' || visualizer === 'boolean' || visualizer === 'options'
        ? shownCounts(summary.choices)
        : emptyShape(visualizer);
    case 'rating':
      if (visualizer === 'number') {
        return summary.mean === null || !range ? {} : { value: summary.mean, minValue: range.min, maxValue: range.max };
      }
      if (visualizer === 'histogram') return summary.values.map((v) => v.count ?? 0);
      return shownCounts(summary.values);
    case 'ranking':
      return visualizer === 'ranking' || visualizer === 'selectBase' ? firstChoices(summary.items) : emptyShape(visualizer);
    case 'matrix': {
      if (visualizer !== 'matrix') return emptyShape(visualizer);
      const out: MatrixShape = {};
      for (const row of summary.rows) {
        if (row.base === null) continue;
        const cells: CountsShape = {};
        row.cells.forEach((cell, i) => {
          const column = summary.columns[i];
          if (column && cell.count !== null) cells[column.value] = cell.count;
        });
        out[row.value] = cells;
      }
      return out;
    }
    case 'number':
      if (visualizer === 'number') {
        const first = summary.histogram[0];
        const last = summary.histogram[summary.histogram.length - 1];
        const min = range?.min ?? first?.from ?? 0;
        const max = range?.max ?? last?.to ?? summary.mean;
        return { value: summary.mean, minValue: min, maxValue: max };
      }
      return visualizer === 'histogram' ? histogramShape(summary.histogram) : emptyShape(visualizer);
    case 'text':
      if (visualizer === 'wordcloud') return wordCounts(summary.texts ?? []);
      if (visualizer === 'text') return { columnCount: 1, data: (summary.texts ?? []).map((t) => [t]) };
      return emptyShape(visualizer);
    default:
      return emptyShape(visualizer);
  }
}
