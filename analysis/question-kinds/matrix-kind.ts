/**
 * One answer per row of a grid (a single-choice matrix): per row, a breakdown over the columns;
 * no column totals are shown. Exported as one column per row holding the column chosen.
 */
import { matrixChart } from '../chart-configs.ts';
import { wilsonInterval } from '../intervals.ts';
import * as build from '../question-summaries.ts';
import { countText, HIDDEN, percent, range, type QuestionReport } from '../report-tables.ts';
import { isPlainObject, isScalar, pick, type ChoiceLike } from './answer-shapes.ts';
import { emptyCardPart, num, share } from './card-parts.ts';
import { emptyShape, type CountsShape, type MatrixShape } from './dashboard-parts.ts';
import { labelled, props, type KindModule } from './kind-module.ts';

type Named = { name: unknown };

/** A row x column cell as the comparison of editions names it. */
const cellValue = (row: string, column: string) => `${row} / ${column}`;

export const matrixKind: KindModule<'matrix'> = {
  kind: 'matrix',
  label: 'Matrix',
  hosts: (q) => q.getType() === 'matrix',
  describe(q, info) {
    const qa = props(q);
    info.rows = labelled(qa.rows as ChoiceLike[]);
    info.columns = labelled(qa.columns as ChoiceLike[]);
  },
  entries: 'matrix',
  tally: 'values',
  filterable: false,
  summarize: (x, input, opts) => build.matrixSummary(x, input.answered, input.cells, opts.k),
  chart: (s) => matrixChart(s),
  card(s) {
    const out = emptyCardPart();
    out.tables.push({
      caption: 'Answers per row (% of the row)', head: ['', ...s.columns.map((c) => c.label), 'Answered'],
      rows: s.rows.map((r) => ({ label: r.label, cells: [...r.cells.map((c) => share(c.share)), num(r.base)] })),
    });
    return out;
  },
  wideCard: true,
  report(s) {
    const out: QuestionReport = { tables: [], stats: [], notes: [] };
    out.tables.push({
      caption: 'Answers per row: % of the row (95 % interval)',
      head: ['', ...s.columns.map((c) => c.label), 'Answered'],
      rows: s.rows.map((r) => [
        r.label,
        ...r.cells.map((c) => (c.count === null ? HIDDEN : `${percent(c.share)} (${range(wilsonInterval(c.count, r.base))})`)),
        countText(r.base),
      ]),
    });
    return out;
  },
  dashboard(s, visualizer) {
    if (visualizer !== 'matrix') return emptyShape(visualizer);
    const out: MatrixShape = {};
    for (const row of s.rows) {
      if (row.base === null) continue;
      const cells: CountsShape = {};
      row.cells.forEach((cell, i) => {
        const column = s.columns[i];
        if (column && cell.count !== null) cells[column.value] = cell.count;
      });
      out[row.value] = cells;
    }
    return out;
  },
  // Compared per row x column: the share of the row that chose the column, in each edition.
  comparison: {
    rows: (s) => s.rows.flatMap((r) => s.columns.map((c, i) => ({ value: cellValue(r.value, c.value), label: `${r.label}: ${c.label}`, count: r.cells[i]?.count ?? null, share: r.cells[i]?.share ?? null }))),
    items: (x) => x.rows.flatMap((r) => x.columns.map((c) => ({ value: cellValue(r.value, c.value), label: `${r.label}: ${c.label}` }))),
    changedListNote: 'With different rows or columns, the shares of a row may not be comparable.',
  },
  aggregateLines: (s, line) => s.rows.flatMap((row) => [
    line(row.value, null, row.label, 'row_answers', row.base),
    ...row.cells.flatMap((cell, i) => {
      const column = s.columns[i];
      return [
        line(row.value, column?.value ?? null, column?.label ?? null, 'count', cell.count),
        line(row.value, column?.value ?? null, column?.label ?? null, 'share', cell.share),
      ];
    }),
  ]),
  exportColumns: (q) => q.rows.map((r) => ({ name: `${q.name}.${String(r.value)}`, question: q.name, kind: 'row', item: r.value })),
  check(q, value) {
    if (!isPlainObject(value)) return ['Expected one answer per row.'];
    const qa = props(q);
    const rows = ((qa.visibleRows as Named[] | undefined) ?? []).map((r) => String(r.name));
    const columns = ((qa.visibleColumns as ChoiceLike[] | undefined) ?? []).map((c) => c.value);
    const errors: string[] = [];
    for (const [row, col] of Object.entries(value)) {
      if (!rows.includes(row)) errors.push(`Unknown row "${row}".`);
      else if (!isScalar(col) || !columns.includes(col)) errors.push(`Row "${row}": "${String(col)}" is not a listed column.`);
    }
    return errors;
  },
  demoAnswer(q, rng) {
    const qa = props(q);
    const out: Record<string, unknown> = {};
    const columns = ((qa.visibleColumns as ChoiceLike[]) ?? []).map((c) => c.value);
    for (const row of (qa.visibleRows as Named[]) ?? []) out[String(row.name)] = pick(rng, columns);
    return out;
  },
};
