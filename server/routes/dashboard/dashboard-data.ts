/**
 * What the SurveyJS Dashboard page and its summary endpoint compute, through the analysis modules:
 * which questions the panel shows, the fixed histogram intervals of number questions, the click
 * filters of the Dashboard turned into results filters, and each visualizer's figures (dates: date-panel.ts).
 */
import type { QuestionSummary } from '../../../analysis/aggregate-types.ts';
import { histogramCounts, numberStats, type Bins } from '../../../analysis/answer-queries.ts';
import type { ResultFilters } from '../../../analysis/filters.ts';
import { checkFilteredSet, summarizeQuestions } from '../../../analysis/question-aggregates.ts';
import { isChoiceQuestion, questionCatalogue, type QuestionInfo } from '../../../analysis/question-catalogue.ts';
import { chooseBins } from '../../../analysis/question-summaries.ts';
import { isSmallCell } from '../../../analysis/suppress-small-cells.ts';
import type { AnyDb } from '../../../analysis/answer-queries.ts';
import { ValidationError } from '../../errors.ts';
import { dateVisualizerData, type PageDateBins } from './date-panel.ts';
import { dashboardShape, emptyShape, type DashboardShape, type GaugeRange, type VisualizerType } from './summary-shapes.ts';

export interface Interval {
  start: number;
  end: number;
  label: string;
}

export interface DashboardContext {
  db: AnyDb;
  definition: Record<string, unknown>;
  k: number;
  /** Analysts and admins read free texts (in groups of at least k); IPNCs do not. */
  mayReadTexts: boolean;
}

/** The questions the panel draws: every answer the server can summarise for this reader. */
export function panelQuestions(definition: Record<string, unknown>, mayReadTexts: boolean): QuestionInfo[] {
  return questionCatalogue(definition).filter((q) => {
    if (q.kind === 'other') return false;
    if (q.kind === 'text') return mayReadTexts && q.textsMayBeShown;
    return true;
  });
}

/** The fixed histogram of a number question: fine bins counted in SQL, summed into the page's intervals. */
export interface PageHistogram {
  fine: Bins;
  /** Each interval covers the fine bins first..last (0-based). */
  intervals: (Interval & { first: number; last: number })[];
}

const uniform = (fine: Bins): PageHistogram['intervals'] =>
  Array.from({ length: fine.count }, (_, i) => {
    const start = fine.from + i * fine.width;
    return { start, end: start + fine.width, label: `${start}–${start + fine.width}`, first: i, last: i };
  });

/**
 * Histogram intervals of each number question, fixed for the page (SurveyJS needs them up front):
 * the bins of the results pages for the page's filters (fine bins merged until none is small), or
 * five bins of the declared range when that group is too small to have any.
 */
export async function numberBins(ctx: DashboardContext, filters: ResultFilters): Promise<Map<string, PageHistogram>> {
  const numbers = questionCatalogue(ctx.definition).filter((q) => q.kind === 'number');
  const out = new Map<string, PageHistogram>();
  if (numbers.length === 0) return out;
  const check = await checkFilteredSet(ctx.db, filters, ctx.k);
  const shown = !('suppressed' in check);
  const [summaries, stats] = shown
    ? await Promise.all([summarizeQuestions(ctx.db, numbers, filters, { k: ctx.k, viewerMaySeeTexts: false }), numberStats(ctx.db, filters, numbers.map((q) => q.key))])
    : [[], []];
  for (const q of numbers) {
    const s = summaries.find((x) => x.name === q.name);
    const st = stats.find((x) => x.key === q.key);
    if (s && !s.suppressed && s.kind === 'number' && st && s.histogram.length > 0) {
      const fine = chooseBins(q, st);
      const index = (edge: number) => Math.round((edge - fine.from) / fine.width);
      out.set(q.name, { fine, intervals: s.histogram.map((b) => ({ start: b.from, end: b.to, label: b.label, first: index(b.from), last: index(b.to) - 1 })) });
    } else {
      const lo = q.min ?? 0;
      const hi = q.max ?? lo + 100;
      const fine = { key: q.key, from: lo, width: Math.max((hi - lo) / 5, 1e-9), count: 5 };
      out.set(q.name, { fine, intervals: uniform(fine) });
    }
  }
  return out;
}

export function intervalsOf(bins: ReadonlyMap<string, PageHistogram>): Record<string, { intervals: Interval[] }> {
  return Object.fromEntries([...bins].map(([name, h]) => [name, { intervals: h.intervals.map(({ start, end, label }) => ({ start, end, label })) }]));
}

/** A Dashboard click filter: `[{ field, type: "=", value }]`. Only equality on a choice question. */
export interface ClickFilter {
  field: string;
  type: string;
  value: unknown;
}

export function withClickFilters(definition: Record<string, unknown>, base: ResultFilters, clicks: readonly ClickFilter[]): ResultFilters {
  const catalogue = questionCatalogue(definition);
  // Keyed by the filter's field as sent: no prototype, so `__proto__` is a field like any other.
  const problems = Object.create(null) as Record<string, string[]>;
  const questions = [...base.questions];
  for (const c of clicks) {
    const q = catalogue.find((x) => x.name === c.field);
    const scalar = typeof c.value === 'string' || typeof c.value === 'number' || typeof c.value === 'boolean';
    if (!q || !isChoiceQuestion(q)) problems[c.field] = ['can be filtered only when it is a choice question'];
    else if (c.type !== '=' || !scalar) problems[c.field] = ['only filters on one answer are available'];
    else questions.push({ question: q.name, values: [String(c.value)] });
  }
  if (Object.keys(problems).length > 0) throw new ValidationError('This Dashboard filter is not available.', problems);
  return { ...base, questions };
}

function gaugeRange(q: QuestionInfo, histogram: PageHistogram | undefined): GaugeRange | undefined {
  if (q.kind === 'rating') {
    const values = q.choices.map((c) => Number(c.value)).filter(Number.isFinite);
    return values.length > 0 ? { min: Math.min(...values), max: Math.max(...values) } : undefined;
  }
  if (q.min !== undefined && q.max !== undefined) return { min: q.min, max: q.max };
  const first = histogram?.intervals[0];
  const last = histogram?.intervals[histogram.intervals.length - 1];
  return first && last ? { min: first.start, max: last.end } : undefined;
}

/**
 * The figures of one visualizer. A number question's histogram is counted in the page's fixed
 * intervals and shown whole or not at all: a hidden bin beside the mean could be worked out.
 */
export async function visualizerData(ctx: DashboardContext, q: QuestionInfo, visualizer: VisualizerType, filters: ResultFilters, pageBins: ReadonlyMap<string, PageHistogram>, dateBins: ReadonlyMap<string, PageDateBins> = new Map()): Promise<DashboardShape> {
  const check = await checkFilteredSet(ctx.db, filters, ctx.k);
  if ('suppressed' in check) return emptyShape(visualizer);
  if (q.kind === 'date') return dateVisualizerData(ctx.db, ctx.k, q, dateBins.get(q.name), visualizer, filters);
  const histogram = pageBins.get(q.name);
  if (q.kind === 'number' && visualizer === 'histogram') {
    if (!histogram) return [];
    const [summary] = await summarizeQuestions(ctx.db, [q], filters, { k: ctx.k, viewerMaySeeTexts: false });
    if (!summary || summary.suppressed) return [];
    const rows = await histogramCounts(ctx.db, filters, [histogram.fine]);
    const fine = new Map(rows.map((r) => [Number(r.bin), Number(r.n)]));
    const counts = histogram.intervals.map((iv) => {
      let n = 0;
      for (let i = iv.first; i <= iv.last; i++) n += fine.get(i + 1) ?? 0;
      return n;
    });
    return counts.some((c) => isSmallCell(c, ctx.k)) ? [] : counts;
  }
  const [summary] = await summarizeQuestions(ctx.db, [q], filters, { k: ctx.k, viewerMaySeeTexts: ctx.mayReadTexts });
  return dashboardShape(summary as QuestionSummary, visualizer, gaugeRange(q, histogram));
}
