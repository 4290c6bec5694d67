/**
 * What an edition asks, read with survey-core (SURVEYJS.md, "Codebook in Node"): each question's
 * answer key, kind of aggregate, choices, rows and columns, with labels in one language.
 * Read once per definition and language, then cached.
 */
import 'survey-core/i18n';
import { Model, type Question } from 'survey-core';
import type { SummaryByKind } from './aggregate-types.ts';
import { nestedEntries } from './nested-catalogue.ts';
import { NESTED_TYPES } from './nested-parts.ts';
import type { NestedSource } from './nested-sources.ts';
import { moduleOfQuestion } from './question-kinds/registry.ts';

/** single, multi, rating, ranking, matrix, number, text, other: one module each in question-kinds/. */
export type QuestionKind = keyof SummaryByKind;

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
  /** The input type of a date or time question (date, datetime-local, month, week, time). */
  inputType?: string;
  /**
   * False for answers that identify a person by their nature (e-mail address, telephone): their
   * number is counted, their text never shown.
   */
  textsMayBeShown: boolean;
  /** Computed by the server from the answers (an expression, a calculated value), never asked. */
  computed?: boolean;
  /**
   * Set for a part of a matrix of cells, a multiple text or a dynamic matrix or panel, read from
   * inside its question's answer (nested-sources.ts); `key` is then a derived key.
   */
  nested?: NestedSource;
  /** A dynamic row's or panel's question, counted over all rows or panels (each one is an answer). */
  over?: 'rows' | 'panels';
}

const NOT_ANSWERS = new Set(['html', 'image', 'panel', 'flowpanel']);
const IDENTIFYING_INPUTS = new Set(['email', 'tel']);

/** A question's catalogue entry; `base` names a part of a nested question (nested-catalogue.ts). */
function describe(q: Question, base: Partial<QuestionInfo> = {}): QuestionInfo {
  const qa = q as unknown as Record<string, unknown>;
  const module = moduleOfQuestion(q);
  const info: QuestionInfo = {
    name: q.name,
    key: q.getValueName(),
    title: q.title || q.name,
    type: q.getType(),
    kind: module.kind,
    choices: [],
    rows: [],
    columns: [],
    textsMayBeShown: !IDENTIFYING_INPUTS.has(String(qa.inputType ?? '')),
    ...base,
  };
  module.describe(q, info);
  // A part of a nested answer keeps no comment of its own under a key of its own.
  if (!base.nested && (qa.showOtherItem || qa.showCommentArea || qa.hasComment)) info.commentKey = `${info.key}-Comment`;
  return info;
}

const entriesOf = (q: Question): QuestionInfo[] => (NESTED_TYPES.has(q.getType()) ? nestedEntries(q, describe) : [describe(q)]);

/**
 * The calculated values a definition keeps in its results (`includeIntoResult`), which the server
 * stores recomputed (server/surveys/computed-values.ts); after the questions, as they are not asked.
 */
function calculatedValues(m: Model, taken: ReadonlySet<string>): QuestionInfo[] {
  return m.calculatedValues
    .filter((c) => c.includeIntoResult && c.name && !taken.has(c.name))
    .map((c) => ({ name: c.name, key: c.name, title: c.name, type: 'calculatedvalue', kind: 'computed', choices: [], rows: [], columns: [], textsMayBeShown: true, computed: true }));
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
    .flatMap(entriesOf);
  questions.push(...calculatedValues(m, new Set(questions.map((q) => q.key))));
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
  // A part of a nested answer is summarised, not filtered on: a filter keeps whole responses.
  if (q.nested) return false;
  return q.kind === 'single' || q.kind === 'multi' || q.kind === 'rating';
}
