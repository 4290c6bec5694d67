/**
 * Dates and times on the SurveyJS Dashboard. survey-analytics draws a date with its own
 * histogram, which reads the raw answers (none reach the browser: it throws in
 * getContinuousValues), and a time with a word cloud of the texts. The page is given the date
 * question as a list whose choices are the results page's bins instead, so the Dashboard draws a
 * bar per bin from counts that the server aggregates and suppresses.
 */
import { answerEntries, choiceCountsOf } from '../../../analysis/answer-queries.ts';
import type { ResultFilters } from '../../../analysis/filters.ts';
import { checkFilteredSet, summarizeQuestions } from '../../../analysis/question-aggregates.ts';
import type { QuestionInfo } from '../../../analysis/question-catalogue.ts';
import { countInBins, type DateGrain } from '../../../analysis/question-kinds/date-bins.ts';
import { suppressVector } from '../../../analysis/suppress-small-cells.ts';
import type { AnyDb } from '../../../analysis/answer-queries.ts';
import { emptyShape, shownCounts, type DashboardShape, type VisualizerType } from '../../../analysis/question-kinds/dashboard-parts.ts';

/** The bins of one date question, fixed for the page. */
export interface PageDateBins {
  inputType: string;
  grain: DateGrain;
  bins: { value: string; to: string; label: string }[];
}

/** Bins of each date question for the page's filters (none when the question or the set is too small). */
export async function dateBinsForPage(db: AnyDb, k: number, questions: readonly QuestionInfo[], filters: ResultFilters): Promise<Map<string, PageDateBins>> {
  const dates = questions.filter((q) => q.kind === 'date');
  const out = new Map<string, PageDateBins>();
  if (dates.length === 0) return out;
  const check = await checkFilteredSet(db, filters, k);
  const summaries = 'suppressed' in check ? [] : await summarizeQuestions(db, dates, filters, { k, viewerMaySeeTexts: false });
  for (const q of dates) {
    const s = summaries.find((x) => x.name === q.name);
    const bins = s && !s.suppressed && s.kind === 'date' ? s : null;
    out.set(q.name, { inputType: q.inputType ?? 'date', grain: bins?.grain ?? 'day', bins: (bins?.bins ?? []).map(({ value, to, label }) => ({ value, to, label })) });
  }
  return out;
}

type Element = Record<string, unknown>;

/** The definition the Dashboard page loads: each date question a dropdown of its bins (the stored definition is untouched). */
export function dashboardDefinition(definition: Record<string, unknown>, bins: ReadonlyMap<string, PageDateBins>): Record<string, unknown> {
  if (bins.size === 0) return definition;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const el = value as Element;
    const out: Element = {};
    for (const [key, v] of Object.entries(el)) out[key] = walk(v);
    const page = typeof el.name === 'string' && el.type === 'text' ? bins.get(el.name) : undefined;
    if (!page) return out;
    delete out.inputType;
    delete out.min;
    delete out.max;
    return { ...out, type: 'dropdown', choices: page.bins.map((b) => ({ value: b.value, text: b.label })) };
  };
  return walk(definition) as Record<string, unknown>;
}

/**
 * A date question's counts in the page's bins, under the Dashboard's own click filters too (the
 * bins stay those of the page, so the bars keep their meaning). Small counts are left out.
 */
export async function dateVisualizerData(db: AnyDb, k: number, q: QuestionInfo, page: PageDateBins | undefined, visualizer: VisualizerType, filters: ResultFilters): Promise<DashboardShape> {
  if (!page || page.bins.length === 0 || !(visualizer === 'selectBase' || visualizer === 'choices' || visualizer === 'options')) return emptyShape(visualizer);
  const rows = choiceCountsOf(await answerEntries(db, filters, { full: [q.key] }), { scalar: [q.key] });
  const byValue = new Map(rows.map((r) => [r.value, Number(r.n)]));
  const counts = suppressVector(countInBins(page.inputType, page.grain, page.bins, byValue), k);
  return shownCounts(page.bins.map((b, i) => ({ value: b.value, count: counts[i] ?? null })));
}
