/**
 * How answers inside answers are laid out in a tabular export (CSV, XLSX):
 * - a matrix of cells (matrixdropdown): one column per cell, `question.row.column`; a checkbox or
 *   tagbox cell one 0 / 1 column per choice, `question.row.column.choice`;
 * - multiple text: one column per item, `question.item`;
 * - a dynamic matrix or panel: in the responses table one column, `question.count`, with the number
 *   of rows or panels; the rows or panels themselves in a long table of their own (one row per row
 *   or panel: response id, its 1-based index, one column per column or panel question), a sheet
 *   of the XLSX export or a CSV of its own (`table=<question>`).
 * The JSON export keeps each answer as SurveyJS gives it.
 */
import type { Question } from 'survey-core';
import type { ExportColumn, ItemValue } from './codebook.ts';
import { nestedParts, type NestedPart } from './nested-parts.ts';
import { props } from './question-kinds/kind-module.ts';

const DYNAMIC = new Set(['matrixdynamic', 'paneldynamic']);
const LISTS = new Set(['checkbox', 'tagbox']);

export interface LongTable {
  /** The question it holds the rows or panels of (the table's name). */
  name: string;
  /** "row" or "panel": the name of its index column. */
  index: 'row' | 'panel';
  columns: ExportColumn[];
}

type ChoiceLike = { value: unknown };

/** One column per part, or one 0 / 1 column per choice of a checkbox or tagbox part. */
function partColumns(question: string, prefix: readonly string[], p: NestedPart): ExportColumn[] {
  const path = [...prefix, p.name];
  const name = [question, ...path].join('.');
  if (LISTS.has(p.question.getType())) {
    const choices = (props(p.question).choices as ChoiceLike[] | undefined) ?? [];
    return choices.map((c) => ({ name: `${name}.${String(c.value)}`, question, kind: 'cell' as const, path, item: c.value as ItemValue }));
  }
  return [{ name, question, kind: 'cell', path }];
}

/** The responses table's columns of a nested question. */
export function nestedExportColumns(q: Question): ExportColumn[] {
  const question = q.getValueName();
  const type = q.getType();
  if (type === 'multipletext') return nestedParts(q).map((it) => ({ name: `${question}.${it.name}`, question, kind: 'cell', path: [it.name] }));
  if (type === 'matrixdropdown') {
    const rows = (props(q).rows as ChoiceLike[] | undefined) ?? [];
    return rows.flatMap((r) => nestedParts(q).flatMap((p) => partColumns(question, [String(r.value)], p)));
  }
  return [{ name: `${question}.count`, question, kind: 'count' }];
}

/** The long table of a dynamic matrix or panel, or null for any other question. */
export function longTableOf(q: Question): LongTable | null {
  if (!DYNAMIC.has(q.getType())) return null;
  const question = q.getValueName();
  return { name: question, index: q.getType() === 'paneldynamic' ? 'panel' : 'row', columns: nestedParts(q).flatMap((p) => partColumns(question, [], p)) };
}
