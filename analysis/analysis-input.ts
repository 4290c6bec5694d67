/**
 * Checks of what a reader asks for against the edition: question names in filters, cross-tab axes.
 * Analysis stays free of HTTP: it throws AnalysisInputError, and the routes turn it into a 422 with
 * the same per-field details.
 */
import type { ResultFilters } from './filters.ts';
import { isChoiceQuestion, type QuestionInfo } from './question-catalogue.ts';

export class AnalysisInputError extends Error {
  constructor(readonly details: Record<string, string[]>) {
    super('The request does not fit this edition.');
    this.name = 'AnalysisInputError';
  }
}

/** Every question filter must name a choice question of the edition and use its values. */
export function checkQuestionFilters(filters: ResultFilters, catalogue: readonly QuestionInfo[]): void {
  const details = Object.create(null) as Record<string, string[]>;
  for (const f of filters.questions) {
    const q = catalogue.find((x) => x.name === f.question);
    const key = `q.${f.question}`;
    if (!q) details[key] = ['There is no such question in this edition.'];
    else if (!isChoiceQuestion(q)) details[key] = ['Only choice questions can filter results.'];
    else {
      const unknown = f.values.filter((v) => !q.choices.some((c) => c.value === v));
      if (unknown.length > 0) details[key] = [`Not an answer of this question: ${unknown.join(', ')}.`];
    }
  }
  if (Object.keys(details).length > 0) throw new AnalysisInputError(details);
}
