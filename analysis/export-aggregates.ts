/**
 * Aggregated tables for download: the per-question summaries (already suppressed by
 * analysis/suppress-small-cells.ts through summarizeEdition) laid out as one long table, one figure
 * per line. A hidden figure is an empty value with a note; nothing here computes a figure anew.
 * Free texts are not part of aggregated tables, only their number.
 */
import type { EditionSummary, QuestionSummary } from './aggregate-types.ts';
import type { Cell, Table } from './export-cells.ts';
import { withModule } from './question-kinds/registry.ts';

export const AGGREGATE_HEADER = ['question', 'question_text', 'type', 'row', 'item', 'item_label', 'measure', 'value', 'note'];

export interface AggregateContext {
  surveyId: string;
  edition: string;
  /** The filters, as a query string, so that a file says which group it counts. */
  filters: string;
}

const HIDDEN = 'hidden: fewer than k responses';

function* questionLines(s: QuestionSummary): Generator<Cell[]> {
  const line = (row: Cell, item: Cell, label: Cell, measure: string, value: number | null, note: string | null = null): Cell[] => [
    s.name, s.title, s.type, row, item, label, measure, value, value === null ? (note ?? HIDDEN) : note,
  ];
  if (s.suppressed) {
    yield line(null, null, null, 'answers', null, s.message);
    return;
  }
  yield line(null, null, null, 'answers', s.base);
  yield* withModule(s, (m, shown) => m.aggregateLines(shown, line));
}

export function aggregateTable(summary: EditionSummary, ctx: AggregateContext): Table {
  const meta = (measure: string, value: Cell): Cell[] => ['', '', '', null, null, null, measure, value, null];
  return {
    name: 'aggregates',
    header: AGGREGATE_HEADER,
    rows: (function* () {
      yield meta('survey', ctx.surveyId);
      yield meta('edition', ctx.edition);
      yield meta('filters', ctx.filters || 'none');
      yield meta('k', summary.k);
      if (summary.suppressed) {
        yield ['', '', '', null, null, null, 'responses', null, summary.message];
        return;
      }
      yield meta('responses', summary.responses);
      for (const q of summary.questions) yield* questionLines(q);
    })(),
  };
}
