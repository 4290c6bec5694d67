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

/** Every problem with the columns and items of the definition's questions, all listed at once. */
export function cellProblems(elements: ScopedElement[]): string[] {
  const problems: string[] = [];
  for (const { el } of elements) {
    const type = String(el.type ?? '');
    const owner = `question "${String(el.name)}"`;
    if (type === 'multipletext') partNames(el.items, 'item', owner, problems);
    if (!MATRICES.has(type)) continue;
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
