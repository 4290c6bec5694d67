/**
 * The catalogue entries of questions that hold answers inside their answer (nested-sources.ts):
 * - a matrix of cells (matrixdropdown): each choice column as a matrix of its rows (one table per
 *   column, a distribution per row); each number, rating, checkbox or text cell as a question of
 *   its own kind, per row (so numbers and ratings get their mean and median);
 * - multiple text: each item as a text or number question;
 * - a dynamic matrix or panel: the number of rows or panels, then each of its questions over all
 *   rows or panels.
 * Each entry is a question of an existing kind, so every surface (summary, card, chart, report,
 * aggregate export, comparison of editions) treats it as it treats that kind.
 */
import type { Question } from 'survey-core';
import { nestedKey, type NestedMode, type NestedSource } from './nested-sources.ts';
import type { QuestionInfo } from './question-catalogue.ts';
import { nestedParts } from './nested-parts.ts';
import { labelled, props } from './question-kinds/kind-module.ts';

/** Cells whose single value comes from a list: tabled per column, a distribution per row. */
const LISTED_CELLS = new Set(['dropdown', 'radiogroup', 'boolean', 'imagepicker', 'buttongroup']);

/** Parts that are computed, not answered (an expression column or panel question). */
const COMPUTED = new Set(['expression']);

type Describe = (q: Question, base: Partial<QuestionInfo>) => QuestionInfo;

/** The answered parts: a nested question inside a panel is counted as answered, per panel (other-kind.ts). */
const answeredParts = (q: Question) => nestedParts(q).filter((p) => !COMPUTED.has(p.question.getType()));

/** Every entry a nested question stands for, in the order of its parts. */
export function nestedEntries(q: Question, describe: Describe): QuestionInfo[] {
  const root = q.getValueName();
  const title = q.title || q.name;
  const at = (mode: NestedMode, a = '', b = ''): { key: string; nested: NestedSource } => {
    const nested = { root, mode, a, b };
    return { key: nestedKey(nested), nested };
  };
  const type = q.getType();
  if (type === 'multipletext') {
    return answeredParts(q).map((it) => describe(it.question, { name: `${q.name}.${it.name}`, title: `${title}: ${it.title}`, ...at('cell', it.name) }));
  }
  if (type === 'matrixdropdown') {
    const rows = labelled(props(q).rows as { value: unknown; text?: string }[]);
    return answeredParts(q).flatMap((c) => {
      if (LISTED_CELLS.has(c.question.getType())) {
        // Described as a choice question first, for its choices (with "other" and "none").
        const cell = describe(c.question, { name: `${q.name}.${c.name}`, title: `${title}: ${c.title}`, ...at('column', c.name) });
        return [{ ...cell, kind: 'matrix' as const, rows, columns: cell.choices, choices: [] }];
      }
      return rows.map((r) => describe(c.question, { name: `${q.name}.${r.value}.${c.name}`, title: `${title}: ${r.label}: ${c.title}`, ...at('cell', r.value, c.name) }));
    });
  }
  // Dynamic rows or panels: how many each response has, then each part over all of them.
  const noun = type === 'paneldynamic' ? 'panels' : 'rows';
  const count: QuestionInfo = {
    name: q.name, ...at('count'), title: `${title}: number of ${noun}`, type, kind: 'number',
    choices: [], rows: [], columns: [], textsMayBeShown: true,
  };
  const parts = answeredParts(q).map((p) => describe(p.question, { name: `${q.name}.${p.name}`, title: `${title}: ${p.title} (all ${noun})`, over: noun, ...at('each', p.name) }));
  return [count, ...parts];
}

/** What a reader is told of a part counted over all rows or panels (results page, report). */
export function countedOverNote(over: 'rows' | 'panels'): string {
  const one = over === 'rows' ? 'row' : 'panel';
  return `Counted over all ${over}: a response with several ${over} gives one answer per ${one}, and the figures count ${over}, not responses.`;
}
