/**
 * What a kind of question means, in one place: how survey-core's question is read, how its
 * answers are checked, counted, summarised, charted, tabled, fed to the SurveyJS Dashboard, laid
 * out in an export and compared across editions, and what a demo respondent answers. Every surface
 * asks the registry (registry.ts) for the module of a question instead of switching on its type.
 */
import type { Question } from 'survey-core';
import type { CountRow, NumberSummary, SummaryByKind, SuppressedQuestion } from '../aggregate-types.ts';
import type { Bins, NumberStats } from '../answer-queries.ts';
import type { ChartConfig } from '../chart-configs.ts';
import type { CodebookQuestion, ExportColumn } from '../codebook.ts';
import type { Cell } from '../export-cells.ts';
import type { MeanInterval } from '../intervals.ts';
import type { Labelled, QuestionInfo, QuestionKind } from '../question-catalogue.ts';
import type { QuestionReport } from '../report-tables.ts';
import type { CardPart } from './card-parts.ts';
import type { DashboardShape, GaugeRange, VisualizerType } from './dashboard-parts.ts';

/**
 * How the answers are read from the responses (answer-queries.ts): one value, a list of values,
 * a ranked list, a matrix's row -> column, a number, or only whether it was answered.
 */
export type EntryRole = 'scalar' | 'array' | 'ranking' | 'matrix' | 'number' | 'answered';

/** What the running tallies keep of an answer: its values, its text (for samples), or only that it was given. */
export type TallyRole = 'values' | 'texts' | 'answered';

/** The counts gathered for one question, ready to be summarised. */
export interface SummaryInput {
  /** Responses that answered it. */
  answered: number;
  /** Value (or list element) -> responses. */
  byValue: ReadonlyMap<string, number>;
  /** Ranked item -> position -> responses. */
  positions: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Matrix row -> column -> responses. */
  cells: ReadonlyMap<string, ReadonlyMap<string, number>>;
  stats: NumberStats | undefined;
  bins: Bins | undefined;
  binCounts: ReadonlyMap<number, number>;
  /** Sampled free texts of the question (only when the viewer may read them). */
  texts: string[] | undefined;
  /** The "other" / comment texts that go with it. */
  comment: { count: number; texts?: string[] } | undefined;
}

export interface SummaryOptions {
  k: number;
  viewerMaySeeTexts: boolean;
  textLimit: number;
}

/** One line of the aggregate export: matrix row, item value, label, measure, value, note. */
export type AggregateLine = (row: Cell, item: Cell, label: Cell, measure: string, value: number | null, note?: string | null) => Cell[];

/** A choice list's count and share lines. */
export const countLines = (rows: readonly CountRow[], line: AggregateLine): Cell[][] =>
  rows.flatMap((c) => [line(null, c.value, c.label, 'count', c.count), line(null, c.value, c.label, 'share', c.share)]);

/** A codebook question before its export columns are laid out. */
export type CodebookQuestionBase = Omit<CodebookQuestion, 'exportColumns'>;

export type Shown<K extends QuestionKind> = SummaryByKind[K];

export interface KindModule<K extends QuestionKind> {
  kind: K;
  /** The kind as the results page names it. */
  label: string;
  /** Whether a survey-core question is of this kind (its SurveyJS type, input type, ...). */
  hosts(q: Question): boolean;
  /** Reads the kind's own parts (choices, rows, bounds) into the catalogue entry. */
  describe(q: Question, info: QuestionInfo): void;
  entries: EntryRole;
  /** Rating-like: mean and quartiles come from the counts of the values. */
  statsFromValues?: boolean;
  tally: TallyRole;
  /** Answer filters and the response index reproduce its values exactly. */
  filterable: boolean;
  summarize(x: QuestionInfo, input: SummaryInput, opts: SummaryOptions): Shown<K> | SuppressedQuestion;
  chart(s: Shown<K>): ChartConfig | null;
  card(s: Shown<K>, k: number): CardPart;
  /** Its tables are wide: the card takes the page's full width. */
  wideCard: boolean;
  report(s: Shown<K>, spread?: MeanInterval | null): QuestionReport;
  dashboard(s: Shown<K>, visualizer: VisualizerType, range?: GaugeRange): DashboardShape;
  /** The lines of the aggregate export after its "answers" line (texts and other answers: none). */
  aggregateLines(s: Shown<K>, line: AggregateLine): Cell[][];
  /** How two editions are compared: shares of each value, or means and medians; absent: not compared. */
  comparison?: {
    rows?(s: Shown<K>): readonly CountRow[];
    /** null: this summary is not compared (a computed value counted as values). */
    numbers?(s: Shown<K>): Pick<NumberSummary, 'base' | 'mean' | 'median'> | null;
    /** Said when the two editions list different answers. */
    changedListNote?: string;
    /** The values compared, as `rows` names them (default: the question's choices). */
    items?(x: QuestionInfo): Labelled[];
  };
  /** The columns of a tabular export (the "-Comment" column is added by the codebook). */
  exportColumns(q: CodebookQuestionBase): ExportColumn[];
  /**
   * Messages for one answer (empty when fine); null for a SurveyJS type of this kind that takes
   * no answer on this platform yet (the validator refuses it).
   */
  check(q: Question, value: unknown, locale: string): string[] | null;
  /** A valid, varied answer for demo data (undefined: none). */
  demoAnswer(q: Question, rng: () => number): unknown;
}

/** The export column of a question stored as one value. */
export const valueColumn = (q: CodebookQuestionBase): ExportColumn[] => [{ name: q.name, question: q.name, kind: 'value' }];

/** survey-core's question as a bag of properties (its typings do not list each type's own). */
export const props = (q: Question) => q as unknown as Record<string, unknown>;

type ItemLike = { value: unknown; text?: string; name?: string };
/** Items (choices, rows, rate values) as stored value and label. */
export const labelled = (items: readonly ItemLike[] | undefined): Labelled[] =>
  (items ?? []).map((c) => ({ value: String(c.value ?? c.name), label: String(c.text ?? c.value) }));

/** The listed choices, then "none" and "other" when shown, as the catalogue lists them. */
export function describeChoices(q: Question, info: QuestionInfo): void {
  const qa = props(q);
  // Choices taken from another question's are that question's (survey-core fills them in only
  // while a respondent answers).
  const from = typeof qa.choicesFromQuestion === 'string' && qa.choicesFromQuestion ? q.survey?.getQuestionByName(qa.choicesFromQuestion) : null;
  info.choices = labelled(((from ? (from as unknown as Record<string, unknown>) : qa).choices as ItemLike[]) ?? []);
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
}
