/**
 * The shapes each SurveyJS Dashboard visualizer expects from its data provider (SURVEYJS.md,
 * "SurveyJS Dashboard fed by the server"), and the helpers the kinds of question build them with.
 * Pure. A hidden figure is left out (the Dashboard draws it as an empty bar); a suppressed question
 * gives the visualizer's empty shape.
 */
import type { HistogramBin } from '../aggregate-types.ts';

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

export function shownCounts(rows: readonly { value: string; count: number | null }[]): CountsShape {
  const out: CountsShape = {};
  for (const r of rows) if (r.count !== null) out[r.value] = r.count;
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
