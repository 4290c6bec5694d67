/**
 * The codebook laid out as a table (one row per question, item, matrix row or column, and export
 * column) for CSV and the codebook sheet of an XLSX export.
 */
import type { Codebook, CodebookItem, CodebookQuestion, LocalisedText } from './codebook.ts';
import type { Cell, Table } from './export-cells.ts';

type Element = 'question' | 'source' | 'choice' | 'other' | 'none' | 'row' | 'column' | 'part' | 'part_choice' | 'export_column' | 'long_table' | 'long_table_column';

export function codebookHeader(cb: Codebook): string[] {
  return ['survey', 'edition', 'question', 'type', 'input_type', 'element', 'value', 'export_column', 'column_kind', ...cb.languages.map((l) => `label_${l}`)];
}

function* questionRows(cb: Codebook, q: CodebookQuestion): Generator<Cell[]> {
  const line = (element: Element, value: Cell, text: LocalisedText | null, exportColumn: Cell = null, kind: Cell = null): Cell[] => [
    cb.surveyId, cb.edition, q.name, q.type, q.inputType ?? null, element, value, exportColumn, kind, ...cb.languages.map((l) => text?.[l] ?? null),
  ];
  const item = (element: Element, i: CodebookItem) => line(element, i.value, i.text);
  yield line('question', null, q.title);
  // Said on its own line so that the header stays what readers of earlier exports know.
  if (q.computed) yield line('source', 'computed by the server from the answers', null);
  for (const c of q.choices) yield item('choice', c);
  if (q.otherItem) yield item('other', q.otherItem);
  if (q.noneItem) yield item('none', q.noneItem);
  for (const r of q.rows) yield item('row', r);
  for (const c of q.columns) yield item('column', c);
  // A nested question's parts, each with its type (in column_kind) and its choices (naming the part in export_column).
  for (const p of q.parts ?? []) {
    yield line('part', p.name, p.title, null, p.type);
    for (const c of p.choices) yield line('part_choice', c.value, c.text, p.name, null);
  }
  for (const col of q.exportColumns) yield line('export_column', col.item ?? null, null, col.name, col.kind);
  // A dynamic matrix's or panel's rows are in a table of their own (an XLSX sheet, or a CSV with table=<name>).
  if (q.longTable) {
    yield line('long_table', q.longTable.name, null, null, null);
    for (const col of ['response_id', q.longTable.index]) yield line('long_table_column', null, null, col, 'key');
    for (const col of q.longTable.columns) yield line('long_table_column', col.item ?? null, null, col.name, col.kind);
  }
}

export function codebookTable(cb: Codebook): Table {
  return {
    name: 'codebook',
    header: codebookHeader(cb),
    rows: (function* () {
      for (const q of cb.questions) yield* questionRows(cb, q);
    })(),
  };
}
