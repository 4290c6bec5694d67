/**
 * matrixdynamic: rows the respondent adds, stored as a list of `{ column: value }` objects (an
 * empty object for a row left blank). survey-core pads a short list up to minRowCount and lets a
 * long one past maxRowCount; here the count must be within both.
 */
import type { Question } from 'survey-core';
import { countProblem, props, type NestedContext, type NestedKind } from './nested-check-context.ts';
import { checkRow, visibleCells, visibleRows } from './matrix-cells.ts';

export const matrixDynamicCheck: NestedKind = {
  check(q: Question, value: unknown, ctx: NestedContext): string[] {
    if (!Array.isArray(value)) return ['Expected a list of rows, each an object of answers per column.'];
    const count = countProblem(value.length, Number(props(q).minRowCount ?? 0), Number(props(q).maxRowCount ?? 0), 'row');
    if (count) return [count];
    const rows = visibleRows(q);
    return value.flatMap((rowValue, i) => {
      const row = rows[i];
      return row ? checkRow(row, rowValue, `Row ${i + 1}`, ctx) : [`Row ${i + 1}: not a row of the table.`];
    });
  },
  visibleValue(q: Question, value: unknown): unknown {
    if (!Array.isArray(value)) return value;
    const rows = visibleRows(q);
    // Positions are kept: row 2 stays row 2 even when row 1 is left blank.
    return value.map((rowValue, i) => (rows[i] ? visibleCells(rows[i]!, rowValue as Record<string, unknown>) : {}));
  },
};
