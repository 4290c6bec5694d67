/**
 * Rows of cells, as matrixdropdown and matrixdynamic store them: one object per row, keyed by
 * column name. Each cell is survey-core's own question for that row and column, so its choices,
 * `{row.x}` conditions and validators are the ones the respondent saw.
 */
import type { Question } from 'survey-core';
import { checkEntries, COMMENT_SUFFIX, isEmpty, isPlainObject, props, type NestedContext } from './nested-check-context.ts';

interface Cell {
  column: { name: string };
  question: Question;
}

/** survey-core's row model: its cells, one per column (hidden columns included). */
export interface MatrixRow {
  cells: Cell[];
}

export function visibleRows(q: Question): MatrixRow[] {
  return (props(q).visibleRows as MatrixRow[] | undefined) ?? [];
}

const cellQuestion = (row: MatrixRow, column: string) => row.cells.find((c) => c.column.name === column)?.question;

/** Messages for one row's object; `where` names the row ('Row "r2"' or 'Row 2'). */
export function checkRow(row: MatrixRow, value: unknown, where: string, ctx: NestedContext): string[] {
  if (!isPlainObject(value)) return [`${where}: Expected an object of answers per column.`];
  return checkEntries(value, (key) => cellQuestion(row, key), (key) => `${where}, column "${key}"`, ctx, 'Unknown column.');
}

/** The row's object without the cells hidden for these answers (an "other" text follows its cell). */
export function visibleCells(row: MatrixRow, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isEmpty(v)) continue;
    const column = key.endsWith(COMMENT_SUFFIX) ? key.slice(0, -COMMENT_SUFFIX.length) : key;
    const q = cellQuestion(row, column);
    if (q && q.isVisible) out[key] = v;
  }
  return out;
}

/** Where a survey-core error on a cell belongs: the matrix's answer, with the row and column named. */
export function cellPlace(cell: Question): { matrix: Question; where: string } | undefined {
  const matrix = props(cell).parentQuestion as Question | undefined;
  const row = props(cell).data as MatrixRow & { rowName?: unknown };
  if (!matrix || !row || !Array.isArray(row.cells)) return undefined;
  const rowLabel = matrix.getType() === 'matrixdynamic' ? String(visibleRows(matrix).indexOf(row) + 1) : `"${String(row.rowName)}"`;
  return { matrix, where: `Row ${rowLabel}, column "${cell.name}"` };
}
