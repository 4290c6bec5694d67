/**
 * Answers inside answers on the SurveyJS Dashboard. survey-analytics draws a matrix of cells, a
 * dynamic matrix or panel and a multiple text from the raw answers, which never reach the browser.
 * The page is given, in each such question's place, one plain question per part the results
 * count (analysis/nested-catalogue.ts): a choice column as a matrix of its rows, a number or
 * rating cell, a multiple-text item, a dynamic row's or panel's question over all rows, and the
 * number of rows or panels. Each is named as the part is, so the summary endpoint serves its
 * figures, aggregated and suppressed on the server like any other question's.
 */
import type { QuestionInfo } from '../../../analysis/question-catalogue.ts';
import { NESTED_TYPES } from '../../../analysis/nested-parts.ts';

type Element = Record<string, unknown>;

const items = (list: QuestionInfo['choices']) => list.map((c) => ({ value: c.value, text: c.label }));

/** The plain question the Dashboard draws for one part, or null when it draws nothing of that kind. */
function partElement(q: QuestionInfo): Element | null {
  const base = { name: q.name, title: q.title };
  switch (q.kind) {
    case 'matrix': return { ...base, type: 'matrix', rows: items(q.rows), columns: items(q.columns) };
    case 'single': return { ...base, type: 'radiogroup', choices: items(q.choices) };
    case 'multi': return { ...base, type: 'checkbox', choices: items(q.choices) };
    case 'rating': return { ...base, type: 'rating', rateValues: items(q.choices) };
    case 'number': return { ...base, type: 'text', inputType: 'number' };
    case 'text': return { ...base, type: 'comment' };
    default: return null;
  }
}

/** The definition the Dashboard loads, each nested question replaced by its parts (the stored one is untouched). */
export function withNestedParts(definition: Record<string, unknown>, panel: readonly QuestionInfo[]): Record<string, unknown> {
  const partsOf = new Map<string, Element[]>();
  for (const q of panel) {
    if (!q.nested) continue;
    const el = partElement(q);
    if (el) partsOf.set(q.nested.root, [...(partsOf.get(q.nested.root) ?? []), el]);
  }
  if (partsOf.size === 0) return definition;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.flatMap((v) => {
        const el = v as Element;
        if (el && typeof el === 'object' && NESTED_TYPES.has(String(el.type))) {
          const key = typeof el.valueName === 'string' && el.valueName ? el.valueName : String(el.name);
          return partsOf.get(key) ?? [];
        }
        return [walk(v)];
      });
    }
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value as Element).map(([k, v]) => [k, walk(v)]));
  };
  return walk(definition) as Record<string, unknown>;
}
