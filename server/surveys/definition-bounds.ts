/**
 * Bounds on a definition, checked on the raw JSON before anything walks it recursively or loads it
 * into survey-core. survey-core lays out the first page's rows in time that grows with the square
 * of the elements on that page (each row added filters every row), and its model costs about a
 * millisecond per question on top: without bounds an upload of 10,000 questions held the event
 * loop for seconds and 3,000 nested panels overflowed the stack. Real editions have about 50
 * questions on pages of under 20, so these limits are far above any survey a respondent could finish.
 */
import { textProblem } from '../input/input-inspection.ts';

export const DEFINITION_LIMITS = {
  /** Questions, panels and html elements in the whole definition. */
  elements: 1_000,
  /** Elements directly on one page or in one panel. */
  perContainer: 250,
  /** Panels inside panels. */
  panelDepth: 10,
  /** Nesting of the JSON itself (objects and arrays): panels, localised texts and choices included. */
  jsonDepth: 64,
} as const;

const MAX_PROBLEMS = 20;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every value must survive being stored as JSON unchanged: finite numbers, valid text, bounded depth. */
function valueProblems(raw: unknown, problems: string[]): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: raw, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path, depth } = stack.pop()!;
    const where = path || 'the definition';
    if (typeof value === 'number') {
      // JSON.parse reads 1e400 as Infinity, which would be stored as null: refuse what cannot be kept as checked.
      if (!Number.isFinite(value)) problems.push(`${where}: the number is too large to be represented`);
      continue;
    }
    if (typeof value === 'string') {
      const p = textProblem(value);
      if (p) problems.push(`${where}: ${p}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= DEFINITION_LIMITS.jsonDepth) {
      problems.push(`the definition is nested more than ${DEFINITION_LIMITS.jsonDepth} levels deep (at ${where.slice(0, 80)}…)`);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const p = textProblem(k);
      if (p) problems.push(`${path ? `${path}.` : ''}${k}: the key ${p}`);
      else stack.push({ value: (value as Record<string, unknown>)[k], path: path ? `${path}.${k}` : k, depth: depth + 1 });
    }
  }
}

/** Counts elements page by page and panel by panel, without recursion. */
function elementProblems(raw: Record<string, unknown>, problems: string[]): void {
  const containers: { elements: unknown; where: string; panelDepth: number }[] = [];
  // The older "questions" key holds elements as well (definition-elements.ts): it counts the same.
  const pages = Array.isArray(raw.pages) ? raw.pages : [{ elements: raw.elements }, { elements: raw.questions }];
  pages.forEach((page, i) => {
    if (!isObject(page)) return;
    containers.push({ elements: page.elements, where: `page ${String(page.name ?? i + 1)}`, panelDepth: 0 });
    containers.push({ elements: page.questions, where: `page ${String(page.name ?? i + 1)}`, panelDepth: 0 });
  });
  let total = 0;
  while (containers.length > 0) {
    const { elements, where, panelDepth } = containers.pop()!;
    if (!Array.isArray(elements)) continue;
    if (elements.length > DEFINITION_LIMITS.perContainer) {
      problems.push(`${where}: ${elements.length} elements; a page or panel holds at most ${DEFINITION_LIMITS.perContainer} (split it into several pages)`);
    }
    total += elements.length;
    if (total > DEFINITION_LIMITS.elements) {
      problems.push(`the definition has more than ${DEFINITION_LIMITS.elements} questions, panels and texts; split it into several editions`);
      return;
    }
    for (const el of elements) {
      if (!isObject(el)) continue;
      for (const key of ['elements', 'templateElements', 'questions'] as const) {
        if (el[key] === undefined) continue;
        if (panelDepth + 1 > DEFINITION_LIMITS.panelDepth) {
          problems.push(`panel "${String(el.name)}": panels are nested more than ${DEFINITION_LIMITS.panelDepth} deep`);
          return;
        }
        containers.push({ elements: el[key], where: `panel ${String(el.name)}`, panelDepth: panelDepth + 1 });
      }
    }
  }
}

/** Problems that must stop a definition before it is expanded, checked or loaded; empty when it is within bounds. */
export function definitionBoundsProblems(raw: unknown): string[] {
  const problems: string[] = [];
  valueProblems(raw, problems);
  if (problems.length === 0 && isObject(raw)) elementProblems(raw, problems);
  return problems;
}
