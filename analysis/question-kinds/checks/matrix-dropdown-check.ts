/**
 * matrixdropdown: fixed rows, several columns per row, stored as `{ row: { column: value } }`.
 * survey-core accepts unknown rows and columns and any value in a cell; here each row must be a
 * listed (and shown) row, each key a column, and each cell value pass its cell's own check.
 */
import type { Question } from 'survey-core';
import { isPlainObject, type NestedContext, type NestedKind } from './nested-check-context.ts';
import { checkRow, visibleCells, visibleRows, type MatrixRow } from './matrix-cells.ts';

const rowName = (row: MatrixRow) => String((row as unknown as { rowName: unknown }).rowName);

function rowsByName(q: Question): Map<string, MatrixRow> {
  return new Map(visibleRows(q).map((r) => [rowName(r), r]));
}

export const matrixDropdownCheck: NestedKind = {
  check(q: Question, value: unknown, ctx: NestedContext): string[] {
    if (!isPlainObject(value)) return ['Expected an object of rows, each an object of answers per column.'];
    const rows = rowsByName(q);
    const out: string[] = [];
    for (const [name, rowValue] of Object.entries(value)) {
      const row = rows.get(name);
      if (!row) out.push(`Unknown row "${name}".`);
      else out.push(...checkRow(row, rowValue, `Row "${name}"`, ctx));
    }
    return out;
  },
  visibleValue(q: Question, value: unknown): unknown {
    if (!isPlainObject(value)) return value;
    const rows = rowsByName(q);
    const out: Record<string, unknown> = {};
    for (const [name, rowValue] of Object.entries(value)) {
      const row = rows.get(name);
      if (!row || !isPlainObject(rowValue)) continue;
      const kept = visibleCells(row, rowValue);
      if (Object.keys(kept).length > 0) out[name] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  },
};
