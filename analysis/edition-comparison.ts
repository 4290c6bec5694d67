/**
 * Comparing two editions (2019 and 2022) question by question: questions are the same item when
 * their name is the same. Side-by-side distributions, each suppressed on its own side; a note where
 * the choices differ (added, removed, or seemingly renamed: another value with the same label); and
 * a difference drawn only for values that exist in both editions and are shown on both sides.
 */
import type { AggregateOptions, CountRow, NumberSummary, QuestionSummary, Suppressed } from './aggregate-types.ts';
import type { AnyDb } from './answer-queries.ts';
import type { ResultFilters } from './filters.ts';
import { checkFilteredSet, summarizeQuestions } from './question-aggregates.ts';
import { questionCatalogue, type QuestionInfo } from './question-catalogue.ts';
import { kindModule, withModule } from './question-kinds/registry.ts';
import { effectiveK } from './suppress-small-cells.ts';

export interface EditionSide {
  /** A short name for the reader: "2019". */
  label: string;
  definition: Record<string, unknown>;
  filters: ResultFilters;
}

export interface ComparedValue {
  value: string;
  label: string;
  before: CountRow | null;
  after: CountRow | null;
  /** after.share - before.share in percentage points; only for values in both, shown on both sides. */
  difference: number | null;
}

export interface ComparedQuestion {
  name: string;
  title: string;
  kind: QuestionInfo['kind'];
  /** False when the two editions ask it differently (another type), or a side is hidden. */
  compared: boolean;
  values: ComparedValue[];
  added: string[];
  removed: string[];
  /** [old value, new value] pairs with the same label. */
  renamed: [string, string][];
  notes: string[];
  /** Number questions: means and medians side by side. */
  numbers?: { before: Pick<NumberSummary, 'base' | 'mean' | 'median'> | null; after: Pick<NumberSummary, 'base' | 'mean' | 'median'> | null };
  before: QuestionSummary;
  after: QuestionSummary;
}

export interface EditionComparisonShown {
  suppressed: false;
  k: number;
  before: { label: string; responses: number };
  after: { label: string; responses: number };
  questions: ComparedQuestion[];
  /** Names asked in one edition only. */
  onlyBefore: string[];
  onlyAfter: string[];
}

export type EditionComparison = EditionComparisonShown | (Suppressed & { k: number; side?: string });

/** How a kind is compared: shares of each value, means and medians, or not at all. */
function comparedAs(kind: QuestionInfo['kind']): 'shares' | 'numbers' | null {
  const c = kindModule(kind).comparison;
  return c?.rows ? 'shares' : c?.numbers ? 'numbers' : null;
}

/** The values compared: a matrix's row x column cells, otherwise the choices. */
const itemsOf = (x: QuestionInfo) => kindModule(x.kind).comparison?.items?.(x) ?? x.choices;

function rowsOf(s: QuestionSummary): readonly CountRow[] | null {
  if (s.suppressed) return null;
  return withModule(s, (m, shown) => m.comparison?.rows?.(shown) ?? null);
}

function numbersOf(s: QuestionSummary): Pick<NumberSummary, 'base' | 'mean' | 'median'> | null {
  if (s.suppressed) return null;
  return withModule(s, (m, shown) => m.comparison?.numbers?.(shown) ?? null);
}

function compareQuestion(a: QuestionInfo, b: QuestionInfo, before: QuestionSummary, after: QuestionSummary): ComparedQuestion {
  const notes: string[] = [];
  const sameKind = a.kind === b.kind && comparedAs(a.kind) !== null;
  if (a.kind !== b.kind) notes.push(`Asked as ${a.type} in one edition and ${b.type} in the other: not compared.`);
  const itemsA = itemsOf(a);
  const itemsB = itemsOf(b);
  const beforeValues = new Set(itemsA.map((c) => c.value));
  const afterValues = new Set(itemsB.map((c) => c.value));
  const added = itemsB.filter((c) => !beforeValues.has(c.value)).map((c) => c.value);
  const removed = itemsA.filter((c) => !afterValues.has(c.value)).map((c) => c.value);
  const renamed: [string, string][] = [];
  for (const r of removed) {
    const label = itemsA.find((c) => c.value === r)?.label.trim().toLowerCase();
    const match = itemsB.find((c) => added.includes(c.value) && c.label.trim().toLowerCase() === label);
    if (match) renamed.push([r, match.value]);
  }
  if (added.length) notes.push(`New answers in the later edition: ${added.join(', ')}. Not compared.`);
  if (removed.length) notes.push(`Answers dropped from the later edition: ${removed.join(', ')}. Not compared.`);
  if (renamed.length) notes.push(`Possibly renamed (same label): ${renamed.map(([x, y]) => `${x} → ${y}`).join(', ')}. Not compared.`);
  const changedListNote = kindModule(a.kind).comparison?.changedListNote;
  if (changedListNote && sameKind && (added.length || removed.length)) notes.push(changedListNote);
  if (before.suppressed || after.suppressed) notes.push('One side has fewer than k answers: no comparison.');

  const beforeRows = rowsOf(before);
  const afterRows = rowsOf(after);
  const order = [...itemsA.map((c) => c.value), ...added];
  const label = (v: string) => itemsB.find((c) => c.value === v)?.label ?? itemsA.find((c) => c.value === v)?.label ?? v;
  const values: ComparedValue[] = sameKind && comparedAs(a.kind) === 'shares'
    ? order.map((value) => {
        const x = beforeRows?.find((r) => r.value === value) ?? null;
        const y = afterRows?.find((r) => r.value === value) ?? null;
        const inBoth = beforeValues.has(value) && afterValues.has(value);
        const difference = inBoth && x?.share != null && y?.share != null ? Math.round((y.share - x.share) * 1000) / 10 : null;
        return { value, label: label(value), before: x, after: y, difference };
      })
    : [];

  const out: ComparedQuestion = {
    name: b.name, title: b.title, kind: b.kind, compared: sameKind && !before.suppressed && !after.suppressed,
    values, added, removed, renamed, notes, before, after,
  };
  if (sameKind && comparedAs(a.kind) === 'numbers') out.numbers = { before: numbersOf(before), after: numbersOf(after) };
  return out;
}

/** Every question asked (by name) in both editions, side by side; `before` is the older edition. */
export async function compareEditions(db: AnyDb, before: EditionSide, after: EditionSide, opts: AggregateOptions): Promise<EditionComparison> {
  const k = effectiveK(opts.k);
  const [checkBefore, checkAfter] = await Promise.all([checkFilteredSet(db, before.filters, k), checkFilteredSet(db, after.filters, k)]);
  if ('suppressed' in checkBefore) return { ...checkBefore, k, side: before.label };
  if ('suppressed' in checkAfter) return { ...checkAfter, k, side: after.label };

  const locale = opts.locale ?? '';
  const catalogueBefore = questionCatalogue(before.definition, locale);
  const catalogueAfter = questionCatalogue(after.definition, locale);
  const shared = catalogueAfter.filter((q) => catalogueBefore.some((p) => p.name === q.name));
  const sharedBefore = shared.map((q) => catalogueBefore.find((p) => p.name === q.name) as QuestionInfo);
  const textsOff = { ...opts, k, viewerMaySeeTexts: false };
  const [summariesBefore, summariesAfter] = await Promise.all([
    summarizeQuestions(db, sharedBefore, before.filters, textsOff),
    summarizeQuestions(db, shared, after.filters, textsOff),
  ]);

  return {
    suppressed: false,
    k,
    before: { label: before.label, responses: checkBefore.responses },
    after: { label: after.label, responses: checkAfter.responses },
    questions: shared.map((q, i) => compareQuestion(sharedBefore[i] as QuestionInfo, q, summariesBefore[i] as QuestionSummary, summariesAfter[i] as QuestionSummary)),
    onlyBefore: catalogueBefore.filter((p) => !shared.some((q) => q.name === p.name)).map((p) => p.name),
    onlyAfter: catalogueAfter.filter((q) => !catalogueBefore.some((p) => p.name === q.name)).map((q) => q.name),
  };
}
