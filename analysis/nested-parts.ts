/**
 * The parts of a question that holds answers inside its answer, read from survey-core: a matrix's
 * columns (each with the question that edits its cells), a dynamic panel's questions, a multiple
 * text's items. The catalogue (nested-catalogue.ts), the export columns and the codebook
 * (nested-export-columns.ts, codebook.ts) all ask this module.
 */
import type { Question } from 'survey-core';
import { props } from './question-kinds/kind-module.ts';

/** The SurveyJS types whose answers hold answers. */
export const NESTED_TYPES = new Set(['matrixdropdown', 'matrixdynamic', 'paneldynamic', 'multipletext']);

/** Elements of a panel that hold no answer. */
const NO_ANSWER = new Set(['html', 'image']);

export interface NestedPart {
  /** The key of its value inside a row, a panel or the answer: column or item name, panel question's valueName. */
  name: string;
  /** In the model's current language. */
  title: string;
  question: Question;
}

/** A nested question's parts, in their order (none for any other question). */
export function nestedParts(q: Question): NestedPart[] {
  const qa = props(q);
  switch (q.getType()) {
    case 'multipletext': {
      const items = (qa.items as { name: string; title?: string; editor?: Question }[] | undefined) ?? [];
      return items.flatMap((it) => (it.editor ? [{ name: it.name, title: it.title || it.name, question: it.editor }] : []));
    }
    case 'paneldynamic': {
      const template = qa.template as { questions?: Question[] } | undefined;
      return (template?.questions ?? []).filter((t) => !NO_ANSWER.has(t.getType())).map((t) => ({ name: t.getValueName(), title: t.title || t.name, question: t }));
    }
    case 'matrixdropdown':
    case 'matrixdynamic': {
      const columns = (qa.columns as { name: string; title?: string; templateQuestion?: Question }[] | undefined) ?? [];
      return columns.flatMap((c) => (c.templateQuestion ? [{ name: c.name, title: c.title || c.name, question: c.templateQuestion }] : []));
    }
    default:
      return [];
  }
}
