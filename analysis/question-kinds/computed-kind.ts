/**
 * Values the server computes rather than asks: `expression` questions and the calculated values a
 * definition includes in its results (server/surveys/computed-values.ts stores them, recomputed
 * from the accepted answers). No declared property says reliably what an expression yields, so the
 * stored values decide: when every one is a number, the number summary (mean, quartiles, histogram);
 * otherwise the values are counted like one answer from a list, each value that at least k
 * responses share as its own row and the rest in one row; with more than MAX_ROWS such values, only
 * the number answered.
 */
import type { ChoiceSummary, NumberSummary } from '../aggregate-types.ts';
import { statsFromCounts, type Bins } from '../answer-queries.ts';
import type { QuestionInfo } from '../question-catalogue.ts';
import * as build from '../question-summaries.ts';
import { isBelowK } from '../suppress-small-cells.ts';
import { emptyCardPart } from './card-parts.ts';
import { choiceAggregateLines, choiceCard, choiceDashboard, choiceReport } from './choice-parts.ts';
import { emptyShape } from './dashboard-parts.ts';
import { type KindModule } from './kind-module.ts';
import { numberKind } from './number-kind.ts';
import { singleKind } from './single-kind.ts';

/** Most distinct values listed as rows; beyond, the values are too scattered to count one by one. */
export const MAX_ROWS = 20;
/** The row that holds values shared by fewer than k responses each. */
export const RARE_VALUE = '__rare__';
const RARE_LABEL = 'Other values (each given by fewer than k responses)';
const COMPUTED_NOTE = 'Computed by the server from the answers (never taken from the respondent\'s browser).';

const asNumber = (text: string): number | null => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null);

/** The bin counts of the values, as PostgreSQL's width_bucket gives them for the number kind. */
function countBins(bins: Bins, values: readonly { value: number; count: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of values) {
    const bin = Math.min(Math.max(Math.floor((v.value - bins.from) / bins.width) + 1, 1), bins.count);
    out.set(bin, (out.get(bin) ?? 0) + v.count);
  }
  return out;
}

function numbersOf(x: QuestionInfo, values: { value: number; count: number }[], k: number): NumberSummary | null {
  const stats = statsFromCounts(x.key, values);
  if (!stats) return null;
  const bins = build.chooseBins(x, stats);
  const s = build.numberSummary({ ...x, kind: 'number' }, stats, bins, countBins(bins, values), k);
  return s.suppressed ? null : (s as NumberSummary);
}

function valuesOf(x: QuestionInfo, byValue: ReadonlyMap<string, number>, k: number): ChoiceSummary | null {
  const shared = [...byValue].filter(([, n]) => !isBelowK(n, k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (shared.length > MAX_ROWS) return null;
  // A value given by fewer than k responses is never named, not even with its count hidden.
  const listed = new Set(shared.map(([v]) => v));
  let rare = 0;
  for (const [v, n] of byValue) if (!listed.has(v)) rare += n;
  const choices = shared.map(([v]) => ({ value: v, label: v }));
  const counts = new Map(shared);
  if (rare > 0) {
    choices.push({ value: RARE_VALUE, label: RARE_LABEL });
    counts.set(RARE_VALUE, rare);
  }
  const s = build.singleChoiceSummary({ ...x, kind: 'single', choices, commentKey: undefined }, counts, k, undefined, false);
  return s.suppressed ? null : (s as ChoiceSummary);
}

export const computedKind: KindModule<'computed'> = {
  kind: 'computed',
  label: 'Computed by the server',
  hosts: (q) => q.getType() === 'expression',
  describe(_q, info) {
    info.computed = true;
  },
  entries: 'scalar',
  tally: 'values',
  filterable: false,
  summarize(x, input, opts) {
    const base = [...input.byValue.values()].reduce((a, b) => a + b, 0);
    if (isBelowK(base, opts.k)) return build.suppressedQuestion(x, opts.k);
    const values = [...input.byValue].map(([text, count]) => ({ value: asNumber(text), count }));
    const head = { ...build.head(x), kind: 'computed' as const, suppressed: false as const, base };
    if (values.every((v) => v.value !== null)) {
      const numbers = numbersOf(x, values as { value: number; count: number }[], opts.k);
      return numbers ? { ...head, numbers } : head;
    }
    const counted = valuesOf(x, input.byValue, opts.k);
    return counted ? { ...head, values: counted } : head;
  },
  chart: (s) => (s.numbers ? numberKind.chart(s.numbers) : s.values ? singleKind.chart(s.values) : null),
  card(s, k) {
    const out = s.numbers ? numberKind.card(s.numbers, k) : s.values ? choiceCard(s.values, k) : { ...emptyCardPart(), stats: [{ label: 'Answered', value: String(s.base) }] };
    if (!s.numbers && !s.values) out.notes.push(`More than ${MAX_ROWS} different values: only the number of responses is shown.`);
    out.notes.push(COMPUTED_NOTE);
    return out;
  },
  wideCard: false,
  report(s, spread) {
    const out = s.numbers ? numberKind.report(s.numbers, spread) : s.values ? choiceReport(s.values) : { tables: [], stats: [{ label: 'Answered', value: String(s.base) }], notes: [] };
    out.notes.push(COMPUTED_NOTE);
    return out;
  },
  dashboard(s, visualizer, range) {
    if (s.numbers) return numberKind.dashboard(s.numbers, visualizer, range);
    return s.values ? choiceDashboard(s.values, visualizer) : emptyShape(visualizer);
  },
  aggregateLines(s, line) {
    if (s.numbers) return numberKind.aggregateLines(s.numbers, line);
    return s.values ? choiceAggregateLines(s.values, line) : [];
  },
  // The values are not declared, so only numbers are compared (by mean and median).
  comparison: { numbers: (s) => (s.numbers ? { base: s.numbers.base, mean: s.numbers.mean, median: s.numbers.median } : null) },
  exportColumns: (q) => [{ name: q.name, question: q.name, kind: 'value' }],
  // Never an answer: the respondent's computed values are dropped before the check, then recomputed.
  check: () => null,
  demoAnswer: () => undefined,
};
