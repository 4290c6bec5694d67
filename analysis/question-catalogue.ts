/**
 * What an edition asks, read with survey-core (SURVEYJS.md, "Codebook in Node"): each question's
 * answer key, kind of aggregate, choices, rows and columns, with labels in one language.
 * Read once per definition and language, then cached.
 */
import 'survey-core/i18n';
import { Model, type Question } from 'survey-core';

export type QuestionKind = 'single' | 'multi' | 'rating' | 'ranking' | 'matrix' | 'number' | 'text' | 'other';

export interface Labelled {
  /** The stored value, as text (the form ->> gives in SQL). */
  value: string;
  label: string;
}

export interface QuestionInfo {
  name: string;
  /** The key of the answer in `response.answers` (SurveyJS valueName, else the name). */
  key: string;
  title: string;
  /** The SurveyJS type: radiogroup, checkbox, matrix, ... */
  type: string;
  kind: QuestionKind;
  /** Choices (single, multi, ranking), rate values (rating), true / false (boolean). */
  choices: Labelled[];
  otherValue?: string;
  noneValue?: string;
  /** Key of the free text that goes with "other" or a comment area. */
  commentKey?: string;
  rows: Labelled[];
  columns: Labelled[];
  /** Declared bounds of a number question. */
  min?: number;
  max?: number;
  /**
   * False for answers that identify a person by their nature (e-mail address, telephone): their
   * number is counted, their text never shown.
   */
  textsMayBeShown: boolean;
}

const NOT_ANSWERS = new Set(['html', 'expression', 'image', 'panel', 'paneldynamic', 'flowpanel']);
const SINGLE = new Set(['radiogroup', 'dropdown', 'imagepicker', 'buttongroup']);
const MULTI = new Set(['checkbox', 'tagbox']);
const IDENTIFYING_INPUTS = new Set(['email', 'tel']);

type ItemLike = { value: unknown; text?: string; name?: string };
const labelled = (items: readonly ItemLike[] | undefined): Labelled[] =>
  (items ?? []).map((c) => ({ value: String(c.value ?? c.name), label: String(c.text ?? c.value) }));

function kindOf(q: Question): QuestionKind {
  const type = q.getType();
  const inputType = String((q as unknown as { inputType?: string }).inputType ?? 'text');
  if (SINGLE.has(type) || type === 'boolean') return 'single';
  if (MULTI.has(type)) return 'multi';
  if (type === 'rating') return 'rating';
  if (type === 'ranking') return 'ranking';
  if (type === 'matrix') return 'matrix';
  if (type === 'text' && (inputType === 'number' || inputType === 'range')) return 'number';
  if (type === 'text' || type === 'comment') return 'text';
  return 'other';
}

function describe(q: Question): QuestionInfo {
  const qa = q as unknown as Record<string, unknown>;
  const type = q.getType();
  const kind = kindOf(q);
  const info: QuestionInfo = {
    name: q.name,
    key: q.getValueName(),
    title: q.title || q.name,
    type,
    kind,
    choices: [],
    rows: [],
    columns: [],
    textsMayBeShown: !IDENTIFYING_INPUTS.has(String(qa.inputType ?? '')),
  };
  if (type === 'boolean') {
    info.choices = [
      { value: String(qa.valueTrue ?? true), label: String(qa.labelTrue ?? 'Yes') },
      { value: String(qa.valueFalse ?? false), label: String(qa.labelFalse ?? 'No') },
    ];
  } else if (kind === 'single' || kind === 'multi' || kind === 'ranking') {
    info.choices = labelled(qa.choices as ItemLike[]);
    const other = qa.otherItem as ItemLike | undefined;
    const none = qa.noneItem as ItemLike | undefined;
    if (qa.showNoneItem && none) {
      info.noneValue = String(none.value);
      info.choices.push({ value: info.noneValue, label: String(none.text ?? none.value) });
    }
    if (qa.showOtherItem && other) {
      info.otherValue = String(other.value);
      info.choices.push({ value: info.otherValue, label: String(other.text ?? other.value) });
    }
  } else if (kind === 'rating') {
    info.choices = labelled(qa.visibleRateValues as ItemLike[]);
  } else if (kind === 'matrix') {
    info.rows = labelled(qa.rows as ItemLike[]);
    info.columns = labelled(qa.columns as ItemLike[]);
  } else if (kind === 'number') {
    const min = Number(qa.min);
    const max = Number(qa.max);
    if (qa.min !== undefined && qa.min !== '' && Number.isFinite(min)) info.min = min;
    if (qa.max !== undefined && qa.max !== '' && Number.isFinite(max)) info.max = max;
  }
  if (qa.showOtherItem || qa.showCommentArea || qa.hasComment) info.commentKey = `${info.key}-Comment`;
  return info;
}

const cache = new Map<string, QuestionInfo[]>();
const CACHE_SIZE = 32;

/** Every question that holds an answer, in the order of the survey, labels in `locale` ('' = default). */
export function questionCatalogue(definition: Record<string, unknown>, locale = ''): QuestionInfo[] {
  const cacheKey = `${locale}\u0000${JSON.stringify(definition)}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const m = new Model(definition);
  if (locale) m.locale = locale;
  const questions = m
    .getAllQuestions(false, false, false)
    .filter((q) => !NOT_ANSWERS.has(q.getType()))
    .map(describe);
  cache.set(cacheKey, questions);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return questions;
}

/** One question of the catalogue by name, or undefined. */
export function findQuestion(definition: Record<string, unknown>, name: string, locale = ''): QuestionInfo | undefined {
  return questionCatalogue(definition, locale).find((q) => q.name === name);
}

/** Questions whose answer is one value from a list: what cross-tabs and answer filters accept. */
export function isChoiceQuestion(q: QuestionInfo): boolean {
  return q.kind === 'single' || q.kind === 'multi' || q.kind === 'rating';
}
