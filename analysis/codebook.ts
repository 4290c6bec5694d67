/**
 * The codebook of an edition: every question that takes an answer, with its texts in each language
 * the edition offers, its choices (or rows, columns, rating values, ranked items) and the columns it
 * becomes in a response export. Built with survey-core, so texts are the ones respondents saw
 * (a missing translation falls back to the default text, as it did on their screen).
 */
import 'survey-core/i18n';
import { Model, type Question } from 'survey-core';
import { longTableOf, nestedExportColumns, type LongTable } from './nested-export-columns.ts';
import { nestedParts, NESTED_TYPES } from './nested-parts.ts';
import { moduleOfQuestion } from './question-kinds/registry.ts';

/** Language code -> text. Every language of the edition is present. */
export type LocalisedText = Record<string, string>;
export type ItemValue = string | number | boolean;

export interface CodebookItem {
  value: ItemValue;
  text: LocalisedText;
}

/**
 * One column of a response export. `value`: the answer as stored; `choice`: 1 when the item was
 * chosen, 0 when not; `rank`: the item's position (1 = first); `row`: the column chosen in a matrix
 * row; `comment`: the text typed for "other" or in a comment area; `cell`: the value at `path`
 * inside the answer (a matrix cell, a multiple-text item, a column of a dynamic row), or with `item`
 * 1 / 0 for a choice of a list there; `count`: the number of rows or panels of a dynamic answer.
 */
export interface ExportColumn {
  name: string;
  question: string;
  kind: 'value' | 'choice' | 'rank' | 'row' | 'comment' | 'cell' | 'count';
  item?: ItemValue;
  path?: string[];
}

export interface CodebookQuestion {
  name: string;
  type: string;
  /** Text questions only: text, number, email, date, ... */
  inputType?: string;
  title: LocalisedText;
  /** Choices of choice questions, items of a ranking, values of a rating, true/false of a boolean. */
  choices: CodebookItem[];
  rows: CodebookItem[];
  columns: CodebookItem[];
  otherItem: CodebookItem | null;
  noneItem: CodebookItem | null;
  /** A "<name>-Comment" text is stored (the "other" text or a comment area). */
  hasComment: boolean;
  /** Computed by the server from the answers (an expression, a calculated value); never sent by the respondent. */
  computed?: true;
  exportColumns: ExportColumn[];
  /** A dynamic matrix or panel: its rows or panels, one per line, in a table of their own. */
  longTable?: LongTable;
  /** A nested question's parts (matrix columns, panel questions, items), each with its type and choices. */
  parts?: CodebookPart[];
}

export interface CodebookPart {
  name: string;
  type: string;
  title: LocalisedText;
  choices: CodebookItem[];
}

export interface EditionRef {
  surveyId: string;
  edition: string;
}

export interface Codebook extends EditionRef {
  languages: string[];
  questions: CodebookQuestion[];
}

const NO_ANSWER_TYPES = new Set(['html', 'image']);

interface TextItem {
  value: ItemValue;
  text: string;
}

type QuestionLike = Question & Record<string, unknown>;

/** The items a question lists, read in the model's current language. */
function listedItems(m: Model, q: QuestionLike): TextItem[] {
  const type = q.getType();
  if (type === 'boolean') {
    return [
      { value: (q.valueTrue as ItemValue | undefined) ?? true, text: String(q.labelTrue) },
      { value: (q.valueFalse as ItemValue | undefined) ?? false, text: String(q.labelFalse) },
    ];
  }
  if (type === 'rating') return ((q.visibleRateValues as TextItem[] | undefined) ?? []).map((c) => ({ value: c.value, text: c.text }));
  const source = typeof q.choicesFromQuestion === 'string' && q.choicesFromQuestion ? (m.getQuestionByName(q.choicesFromQuestion) as QuestionLike | null) : null;
  const choices = ((source ?? q).choices as TextItem[] | undefined) ?? [];
  return choices.map((c) => ({ value: c.value, text: c.text }));
}

function specialItem(q: QuestionLike, flag: string, key: string): TextItem | null {
  if (!q[flag]) return null;
  const item = q[key] as TextItem | undefined;
  return item ? { value: item.value, text: item.text } : null;
}

type Named = { name: string; title?: string };

/**
 * Rows and columns: a matrix's; a matrix of cells' rows and columns (by name); a dynamic matrix's
 * columns, a multiple text's items and a dynamic panel's questions, as columns.
 */
function matrixItems(q: QuestionLike, key: 'rows' | 'columns'): TextItem[] {
  const type = q.getType();
  if (type === 'matrix' || (type === 'matrixdropdown' && key === 'rows')) return ((q[key] as TextItem[] | undefined) ?? []).map((c) => ({ value: c.value, text: c.text }));
  if (key === 'rows') return [];
  const named = (list: Named[] | undefined) => (list ?? []).map((c) => ({ value: c.name, text: c.title || c.name }));
  if (type === 'matrixdropdown' || type === 'matrixdynamic') return named(q.columns as Named[] | undefined);
  if (type === 'multipletext') return named(q.items as Named[] | undefined);
  if (type === 'paneldynamic') {
    const template = q.template as { questions?: Question[] } | undefined;
    return (template?.questions ?? []).map((t) => ({ value: t.getValueName(), text: t.title || t.name }));
  }
  return [];
}

/** The export columns of one question, in a stable order: its kind's, then its comment. */
function exportColumnsOf(q: Question, base: Omit<CodebookQuestion, 'exportColumns'>): ExportColumn[] {
  if (NESTED_TYPES.has(q.getType())) return nestedExportColumns(q);
  const cols = moduleOfQuestion(q).exportColumns(base);
  if (base.hasComment) cols.push({ name: `${base.name}-Comment`, question: base.name, kind: 'comment' });
  return cols;
}

/** Languages the edition has texts in, English (the default text) first. */
export function editionLanguages(m: Model): string[] {
  return [...new Set(['en', ...m.getUsedLocales()])];
}

export function buildCodebook(definition: Record<string, unknown>, ref: EditionRef): Codebook {
  const m = new Model(definition);
  const languages = editionLanguages(m);
  const questions = m.getAllQuestions(false, false, false).filter((q) => !NO_ANSWER_TYPES.has(q.getType())) as QuestionLike[];

  // Read every text once per language, then fold the languages into one item list per question.
  const perLanguage = languages.map((lang) => {
    m.locale = lang === 'en' ? '' : lang;
    return questions.map((q) => ({
      title: q.title,
      choices: listedItems(m, q),
      rows: matrixItems(q, 'rows'),
      columns: matrixItems(q, 'columns'),
      other: specialItem(q, 'showOtherItem', 'otherItem'),
      none: specialItem(q, 'showNoneItem', 'noneItem'),
      parts: nestedParts(q).map((p) => ({ name: p.name, type: p.question.getType(), title: p.title, choices: listedItems(m, p.question as QuestionLike) })),
    }));
  });
  m.locale = '';

  const localised = (pick: (i: number) => string): LocalisedText =>
    Object.fromEntries(languages.map((lang, i) => [lang, pick(i)]));
  const foldItems = (qi: number, key: 'choices' | 'rows' | 'columns'): CodebookItem[] =>
    (perLanguage[0]?.[qi]?.[key] ?? []).map((item, ii) => ({
      value: item.value,
      text: localised((li) => perLanguage[li]?.[qi]?.[key][ii]?.text ?? item.text),
    }));
  const foldSpecial = (qi: number, key: 'other' | 'none'): CodebookItem | null => {
    const first = perLanguage[0]?.[qi]?.[key];
    return first ? { value: first.value, text: localised((li) => perLanguage[li]?.[qi]?.[key]?.text ?? first.text) } : null;
  };

  return {
    surveyId: ref.surveyId,
    edition: ref.edition,
    languages,
    questions: questions.map((q, qi) => {
      const type = q.getType();
      const base = {
        name: q.getValueName(),
        type,
        ...(type === 'text' ? { inputType: String(q.inputType ?? 'text') } : {}),
        title: localised((li) => perLanguage[li]?.[qi]?.title ?? q.name),
        choices: foldItems(qi, 'choices'),
        rows: foldItems(qi, 'rows'),
        columns: foldItems(qi, 'columns'),
        otherItem: foldSpecial(qi, 'other'),
        noneItem: foldSpecial(qi, 'none'),
        hasComment: Boolean(q.showOtherItem || q.showCommentArea || q.hasComment),
        ...(type === 'expression' ? { computed: true as const } : {}),
      };
      const longTable = longTableOf(q);
      const parts = (perLanguage[0]?.[qi]?.parts ?? []).map((p, pi): CodebookPart => ({
        name: p.name,
        type: p.type,
        title: localised((li) => perLanguage[li]?.[qi]?.parts[pi]?.title ?? p.title),
        choices: p.choices.map((c, ci) => ({ value: c.value, text: localised((li) => perLanguage[li]?.[qi]?.parts[pi]?.choices[ci]?.text ?? c.text) })),
      }));
      return { ...base, exportColumns: exportColumnsOf(q, base), ...(longTable ? { longTable } : {}), ...(parts.length > 0 ? { parts } : {}) };
    }).concat(calculatedValues(m, languages, new Set(questions.map((q) => q.getValueName())))),
  };
}

/** The calculated values kept in the results (stored recomputed by the server), after the questions. */
function calculatedValues(m: Model, languages: string[], taken: ReadonlySet<string>): CodebookQuestion[] {
  return m.calculatedValues
    .filter((c) => c.includeIntoResult && c.name && !taken.has(c.name))
    .map((c) => ({
      name: c.name, type: 'calculatedvalue', title: Object.fromEntries(languages.map((lang) => [lang, c.name])),
      choices: [], rows: [], columns: [], otherItem: null, noneItem: null, hasComment: false, computed: true as const,
      exportColumns: [{ name: c.name, question: c.name, kind: 'value' as const }],
    }));
}

const cache = new Map<string, Codebook>();

/** One codebook per stored edition version; an edition with answers never changes. */
export function codebookFor(editionId: string, definition: Record<string, unknown>, ref: EditionRef): Codebook {
  let cb = cache.get(editionId);
  if (!cb) {
    cb = buildCodebook(definition, ref);
    cache.set(editionId, cb);
  }
  return cb;
}
