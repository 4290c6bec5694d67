/**
 * Values a definition computes rather than asks: `expression` questions and `calculatedValues`.
 * survey-core puts them into its answer data (`model.data`, which the respondent page sends as it
 * is), so a respondent's answers carry them. They are never taken from the client: they are removed
 * before the answers are checked, and computed again here from the accepted answers.
 */
import type { Model, Question } from 'survey-core';

type Answers = Record<string, unknown>;

/** The keys under which survey-core's data may carry a computed value for this definition. */
export function computedKeys(model: Model): Set<string> {
  const keys = new Set<string>();
  for (const q of model.getAllQuestions(false, false, true)) if (q.getType() === 'expression') keys.add(q.getValueName());
  for (const c of model.calculatedValues) keys.add(c.name);
  return keys;
}

/** The answers without any key that holds a computed value (or a comment on one). */
export function withoutComputed(input: Answers, keys: Set<string>): Answers {
  if (keys.size === 0) return input;
  const out: Answers = {};
  for (const [key, value] of Object.entries(input)) {
    const base = key.endsWith('-Comment') ? key.slice(0, -'-Comment'.length) : key;
    if (!keys.has(base)) out[key] = value;
  }
  return out;
}

/** JSON that is stored exactly as computed: no NaN, Infinity, dates or objects. */
function storable(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v.length <= 10_000;
  if (typeof v === 'boolean') return true;
  return Array.isArray(v) && v.length <= 1_000 && v.every((x) => (typeof x === 'number' && Number.isFinite(x)) || typeof x === 'string' || typeof x === 'boolean');
}

/**
 * The computed values for accepted answers, as survey-core computes them: visible expression
 * questions, and the calculated values a definition includes in its results (`includeIntoResult`).
 * `m` is given the answers; what it cannot store as JSON (a division by zero) is left out.
 */
export function recompute(m: Model, answers: Answers): Answers {
  m.data = structuredClone(answers);
  const out: Answers = {};
  for (const q of m.getAllQuestions(false, false, true) as Question[]) {
    if (q.getType() !== 'expression' || !q.isVisible || !q.isParentVisible || (q.page && !q.page.isVisible)) continue;
    if (storable(q.value)) out[q.getValueName()] = q.value;
  }
  for (const c of m.calculatedValues) {
    if (c.includeIntoResult && storable(c.value)) out[c.name] = c.value;
  }
  return out;
}
