/**
 * The shapes of per-question aggregates, after suppression. Every count, share and mean is a
 * number, or null where it is hidden because it comes from a group of fewer than k responses.
 */
import type { Labelled, QuestionKind } from './question-catalogue.ts';

/** Why a whole result shows no figures. */
export type SuppressionReason = 'fewer-than-k' | 'small-filter-group';

export interface Suppressed {
  suppressed: true;
  reason: SuppressionReason;
  /** A sentence for the reader, e.g. "Fewer than 5 responses: no figures are shown." */
  message: string;
}

export interface QuestionHead {
  name: string;
  title: string;
  /** The SurveyJS type. */
  type: string;
  kind: QuestionKind;
  /** Counted over all rows or panels of a dynamic matrix or panel: each one is an answer. */
  over?: 'rows' | 'panels';
}

export interface CountRow extends Labelled {
  count: number | null;
  /** count / base, 0..1, 4 decimals. */
  share: number | null;
}

/** Free texts: how many, and the texts themselves only for those allowed and in groups of >= k. */
export interface TextSummary {
  count: number | null;
  /** Sorted alphabetically; null when withheld. */
  texts: string[] | null;
  /** Why the texts are withheld. */
  withheld?: 'not-allowed' | 'fewer-than-k' | 'identifying';
  /** True when there are more texts than were returned. */
  truncated?: boolean;
}

export interface ChoiceSummary extends QuestionHead {
  kind: 'single' | 'multi';
  suppressed: false;
  /** Responses that answered the question. */
  base: number;
  /** Single choice: shares of the base adding up to 1. Multiple choice: share of respondents choosing each. */
  choices: CountRow[];
  /** The free text of "other" or of a comment area. */
  comments?: TextSummary;
}

export interface RatingSummary extends QuestionHead {
  kind: 'rating';
  suppressed: false;
  base: number;
  values: CountRow[];
  /** Hidden when any value's count is hidden: with the visible counts they would give the hidden ones away. */
  mean: number | null;
  median: number | null;
}

export interface RankingItem extends Labelled {
  /** Hidden when any of the item's positions is hidden. */
  meanRank: number | null;
  firstChoice: number | null;
  firstChoiceShare: number | null;
  /** Responses that put the item 1st, 2nd, ... */
  byPosition: (number | null)[];
}

export interface RankingSummary extends QuestionHead {
  kind: 'ranking';
  suppressed: false;
  base: number;
  items: RankingItem[];
}

export interface MatrixRowSummary extends Labelled {
  /** Responses that answered this row; null when under k (then every cell is null). */
  base: number | null;
  cells: { count: number | null; share: number | null }[];
}

export interface MatrixSummary extends QuestionHead {
  kind: 'matrix';
  suppressed: false;
  base: number;
  columns: Labelled[];
  rows: MatrixRowSummary[];
}

export interface HistogramBin {
  /** The bin holds from <= value < to. */
  from: number;
  to: number;
  label: string;
  count: number | null;
}

export interface NumberSummary extends QuestionHead {
  kind: 'number';
  suppressed: false;
  base: number;
  mean: number;
  q1: number;
  median: number;
  q3: number;
  /** Bins as wide as needed for none to hold 1 to k-1 answers (so no bin is ever hidden). */
  histogram: HistogramBin[];
}

export interface TextQuestionSummary extends QuestionHead, Omit<TextSummary, 'count'> {
  kind: 'text';
  suppressed: false;
  base: number;
}

/** A date or time counted per day, month, week or hour (question-kinds/date-bins.ts). */
export interface DateSummary extends QuestionHead {
  kind: 'date';
  suppressed: false;
  base: number;
  grain: 'day' | 'month' | 'week' | 'hour';
  /** In time order; `value` is the bin's first key, `to` its last (bins of 1..k-1 are merged). */
  bins: (CountRow & { to: string })[];
  /** Answers not stored in the input's own form; null when 1..k-1 (then not in the base either). */
  unread: number | null;
}

export interface OtherSummary extends QuestionHead {
  kind: 'other';
  suppressed: false;
  base: number;
}

/**
 * A value computed by the server (an expression question, a calculated value kept in the results):
 * its number summary when every value is a number, else its values counted like one answer from a
 * list; neither when they are too scattered (then only the base).
 */
export interface ComputedSummary extends QuestionHead {
  kind: 'computed';
  suppressed: false;
  base: number;
  numbers?: NumberSummary;
  values?: ChoiceSummary;
}

export interface SuppressedQuestion extends QuestionHead, Suppressed {}

/**
 * The shown summary of each kind of question (question-kinds/): its keys are the kinds. A new kind
 * adds its line here and its module in question-kinds/.
 */
export interface SummaryByKind {
  single: ChoiceSummary;
  multi: ChoiceSummary;
  rating: RatingSummary;
  ranking: RankingSummary;
  matrix: MatrixSummary;
  number: NumberSummary;
  text: TextQuestionSummary;
  date: DateSummary;
  computed: ComputedSummary;
  other: OtherSummary;
}

export type QuestionSummary = SummaryByKind[keyof SummaryByKind] | SuppressedQuestion;

export interface EditionSummaryShown {
  suppressed: false;
  k: number;
  /** Responses counted (after filters). */
  responses: number;
  questions: QuestionSummary[];
}

export type EditionSummary = EditionSummaryShown | (Suppressed & { k: number });

export interface AggregateOptions {
  k: number;
  /** Analysts and admins: free texts may be shown (in groups of at least k). */
  viewerMaySeeTexts: boolean;
  /** Labels in this language ('' or absent: the edition's default). */
  locale?: string;
  /** Most texts returned per question (default 200). */
  textLimit?: number;
}

export function fewerThanK(k: number, what = 'responses'): Suppressed {
  return { suppressed: true, reason: 'fewer-than-k', message: `Fewer than ${k} ${what}: no figures are shown.` };
}
