/**
 * The parts of a question that survey-core builds questions from besides elements: a matrix's
 * `columns` (each a cell question of its `cellType`), a multiple text's `items`. Their names key
 * the stored answer, so they are held to the rules of question names, unique within their
 * question; their kinds must be hosted like any question's.
 */
import { cellTypeProblem } from './question-types.ts';
import type { ScopedElement } from './definition-elements.ts';

export const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_ .-]{0,99}$/;
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const MATRICES = new Set(['matrixdropdown', 'matrixdynamic']);

/**
 * Repeats are bounded: survey-core builds every row and panel of a stored answer into the model that
 * checks it (1,000 rows of one column held the event loop for a second here, where the default
 * maximum is 1,000 rows and 100 panels). An unset maximum becomes DEFAULT_REPEATS.
 */
export const REPEAT_LIMITS = { max: 100, default: 50, columns: 100, rows: 250 } as const;
const REPEATS: Record<string, { max: string; counts: string[]; noun: string }> = {
  matrixdynamic: { max: 'maxRowCount', counts: ['minRowCount', 'rowCount'], noun: 'rows' },
  paneldynamic: { max: 'maxPanelCount', counts: ['minPanelCount', 'panelCount'], noun: 'panels' },
};

function repeatProblems(el: Record<string, unknown>, owner: string, problems: string[]): void {
  const repeat = REPEATS[String(el.type)];
  if (!repeat) return;
  if (el[repeat.max] === undefined) el[repeat.max] = REPEAT_LIMITS.default;
  const max = Number(el[repeat.max]);
  if (!Number.isInteger(max) || max < 1 || max > REPEAT_LIMITS.max) {
    problems.push(`${owner}: ${repeat.max} must be a whole number from 1 to ${REPEAT_LIMITS.max} (unset, it is ${REPEAT_LIMITS.default})`);
    return;
  }
  for (const key of repeat.counts) {
    if (el[key] !== undefined && !(Number.isInteger(el[key]) && Number(el[key]) >= 0 && Number(el[key]) <= max)) {
      problems.push(`${owner}: ${key} must be a whole number from 0 to ${repeat.max} (${max})`);
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a name may key a stored answer (no prototype keys, nothing survey-core reads as a comment). */
export const isSafeName = (name: string) => SAFE_NAME.test(name) && !RESERVED_NAMES.has(name) && !name.endsWith('-Comment');

function partNames(parts: unknown, noun: string, owner: string, problems: string[]): Record<string, unknown>[] {
  if (!Array.isArray(parts)) return [];
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const part of parts) {
    // survey-core also takes a bare string as a column or item named by it.
    const obj = typeof part === 'string' ? { name: part } : part;
    if (!isObject(obj) || typeof obj.name !== 'string') {
      problems.push(`${owner}: every ${noun} needs a name`);
      continue;
    }
    if (!isSafeName(obj.name)) problems.push(`${owner}, ${noun} "${obj.name}": names must be letters, digits, _ . - or spaces, and not reserved`);
    else if (seen.has(obj.name)) problems.push(`${owner}, ${noun} "${obj.name}": the name is used twice; names must be unique`);
    seen.add(obj.name);
    out.push(obj);
  }
  return out;
}

/**
 * Every problem with the columns, items and repeats of the definition's questions, all listed at
 * once. Sets an unset maxRowCount / maxPanelCount to its default, in place.
 */
export function cellProblems(elements: ScopedElement[]): string[] {
  const problems: string[] = [];
  for (const { el } of elements) {
    const type = String(el.type ?? '');
    const owner = `question "${String(el.name)}"`;
    if (type === 'multipletext') partNames(el.items, 'item', owner, problems);
    repeatProblems(el, owner, problems);
    if (!MATRICES.has(type)) continue;
    if (Array.isArray(el.columns) && el.columns.length > REPEAT_LIMITS.columns) problems.push(`${owner}: ${el.columns.length} columns; a matrix holds at most ${REPEAT_LIMITS.columns}`);
    if (Array.isArray(el.rows) && el.rows.length > REPEAT_LIMITS.rows) problems.push(`${owner}: ${el.rows.length} rows; a matrix holds at most ${REPEAT_LIMITS.rows}`);
    if (el.detailElements !== undefined || (el.detailPanelMode !== undefined && el.detailPanelMode !== 'none')) {
      problems.push(`${owner}: a detail panel under matrix rows is not hosted yet; put its questions into columns, or use a dynamic panel`);
    }
    const matrixCellType = String(el.cellType ?? 'dropdown');
    const own = cellTypeProblem(matrixCellType, owner);
    if (own) problems.push(own);
    for (const column of partNames(el.columns, 'column', owner, problems)) {
      const cellType = String(column.cellType ?? 'default');
      const p = cellTypeProblem(cellType, `${owner}, column "${String(column.name)}"`);
      if (p) problems.push(p);
    }
  }
  return problems;
}
