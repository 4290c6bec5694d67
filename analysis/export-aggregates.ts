/**
 * Aggregated tables for download: the per-question summaries (already suppressed by
 * analysis/suppress-small-cells.ts through summarizeEdition) laid out as one long table, one figure
 * per line. A hidden figure is an empty value with a note; nothing here computes a figure anew.
 * Free texts are not part of aggregated tables, only their number.
 */
import type { CountRow, EditionSummary, QuestionSummary } from './aggregate-types.ts';
import type { Cell, Table } from './export-cells.ts';

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
  const counts = (rows: readonly CountRow[]) =>
    rows.flatMap((c) => [line(null, c.value, c.label, 'count', c.count), line(null, c.value, c.label, 'share', c.share)]);
  switch (s.kind) {
    case 'single':
    case 'multi':
      yield* counts(s.choices);
      if (s.comments) yield line(null, null, null, 'texts', s.comments.count);
      return;
    case 'rating':
      yield* counts(s.values);
      yield line(null, null, null, 'mean', s.mean);
      yield line(null, null, null, 'median', s.median);
      return;
    case 'ranking':
      for (const item of s.items) {
        yield line(null, item.value, item.label, 'mean_rank', item.meanRank);
        yield line(null, item.value, item.label, 'first_choice', item.firstChoice);
        yield line(null, item.value, item.label, 'first_choice_share', item.firstChoiceShare);
        for (const [p, n] of item.byPosition.entries()) yield line(null, item.value, item.label, `position_${p + 1}`, n);
      }
      return;
    case 'matrix':
      for (const row of s.rows) {
        yield line(row.value, null, row.label, 'row_answers', row.base);
        for (const [i, cell] of row.cells.entries()) {
          const column = s.columns[i];
          yield line(row.value, column?.value ?? null, column?.label ?? null, 'count', cell.count);
          yield line(row.value, column?.value ?? null, column?.label ?? null, 'share', cell.share);
        }
      }
      return;
    case 'number':
      for (const m of ['mean', 'q1', 'median', 'q3'] as const) yield line(null, null, null, m, s[m]);
      for (const bin of s.histogram) yield line(null, `${bin.from}..${bin.to}`, bin.label, 'count', bin.count, 'bin: from <= value < to');
      return;
    default:
      // Texts and other answers: their number only.
      return;
  }
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
