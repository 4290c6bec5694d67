/**
 * Cells of a tabular export: one response's answers laid out in its codebook's export columns, and
 * the guard against formula injection (OWASP ASVS V1.2.10) for spreadsheet formats.
 */
import type { Codebook, ExportColumn, ItemValue } from './codebook.ts';

export type Cell = string | number | boolean | null;

/**
 * A cell of the JSON export: an answer SurveyJS gives as an object or a list (a matrix of cells,
 * a dynamic panel, multiple text) stays that object or list there; CSV and XLSX hold its JSON text.
 */
export type JsonCell = Cell | readonly unknown[] | { readonly [key: string]: unknown };

/** A header and its rows, produced lazily so that an export never holds every row at once. */
export interface Table<C = Cell> {
  name: string;
  header: string[];
  rows: AsyncIterable<C[]> | Iterable<C[]>;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet could read as a formula gets a leading single quote. Numbers are
 * left alone: a JavaScript number printed as text holds only digits, sign, point and exponent,
 * which no spreadsheet evaluates, and a negative number must stay a number.
 */
export function neutraliseCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

const sameItem = (a: unknown, b: ItemValue | undefined) => a === b || (a !== null && a !== undefined && String(a) === String(b));

/**
 * The JSON export's columns: as the tabular ones, except that an answer holding answers (a matrix of
 * cells, a dynamic matrix or panel, a multiple text) stays one column, as SurveyJS gives it.
 */
export function jsonExportColumns(cb: Codebook): ExportColumn[] {
  return cb.questions.flatMap((q) => (q.exportColumns.some((c) => c.kind === 'cell' || c.kind === 'count')
    ? [{ name: q.name, question: q.name, kind: 'value' as const }]
    : q.exportColumns));
}

/** One cell per export column; an unanswered question gives empty cells (not zeros). */
export function answerCells(columns: readonly ExportColumn[], answers: Record<string, unknown>): Cell[] {
  return cellsWith(columns, answers, scalar);
}

/** As answerCells, but an answer of one column that is an object or a list is kept as given (JSON export). */
export function answerJsonCells(columns: readonly ExportColumn[], answers: Record<string, unknown>): JsonCell[] {
  return cellsWith(columns, answers, asGiven);
}

function cellsWith<C extends JsonCell>(columns: readonly ExportColumn[], answers: Record<string, unknown>, whole: (v: unknown) => C): (C | Cell)[] {
  return columns.map((col) => {
    if (col.kind === 'comment') return scalar(answers[`${col.question}-Comment`]);
    const answer = answers[col.question];
    if (answer === undefined || answer === null) return null;
    switch (col.kind) {
      case 'choice':
        return Array.isArray(answer) ? (answer.some((v) => sameItem(v, col.item)) ? 1 : 0) : null;
      case 'rank': {
        if (!Array.isArray(answer)) return null;
        const at = answer.findIndex((v) => sameItem(v, col.item));
        return at >= 0 ? at + 1 : null;
      }
      case 'row':
        return typeof answer === 'object' && !Array.isArray(answer) ? scalar((answer as Record<string, unknown>)[String(col.item)]) : null;
      case 'cell':
        return cellAt(answer, col);
      case 'count':
        return Array.isArray(answer) ? answer.length : null;
      default:
        return whole(answer);
    }
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a column's path inside an answer (or inside one dynamic row or panel). */
function cellAt(answer: unknown, col: ExportColumn): Cell {
  let v: unknown = answer;
  for (const step of col.path ?? []) v = isRecord(v) ? v[step] : undefined;
  if (v === undefined || v === null) return null;
  if (col.item !== undefined) return Array.isArray(v) ? (v.some((x) => sameItem(x, col.item)) ? 1 : 0) : null;
  return scalar(v);
}

/** The rows of a dynamic answer in its long table: its 1-based index, then one cell per column. */
export function longTableCells(columns: readonly ExportColumn[], answer: unknown): Cell[][] {
  if (!Array.isArray(answer)) return [];
  return answer.map((element, i) => [i + 1, ...columns.map((col) => cellAt(element, col))]);
}

function scalar(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // A shape the edition does not define (should not happen after validation): keep it readable.
  return JSON.stringify(v);
}

function asGiven(v: unknown): JsonCell {
  if (v !== null && typeof v === 'object') return v as JsonCell;
  return scalar(v);
}
