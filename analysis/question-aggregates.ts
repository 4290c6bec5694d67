/**
 * Per-question aggregates of an edition (or campaign), computed in PostgreSQL and suppressed:
 * summarizeEdition() for the whole questionnaire, summarizeQuestions() for a few. A handful of
 * grouped queries whatever the number of questions (see answer-queries.ts), so that the cost grows
 * with the number of responses scanned, not with questions times choices.
 */
import type { AggregateOptions, EditionSummary, QuestionSummary, Suppressed } from './aggregate-types.ts';
import { fewerThanK } from './aggregate-types.ts';
import * as q from './answer-queries.ts';
import type { AnyDb } from './answer-queries.ts';
import { smallFilterGroupMessage, smallFilterGroups } from './filter-differencing.ts';
import type { ResultFilters } from './filters.ts';
import { questionCatalogue, type QuestionInfo } from './question-catalogue.ts';
import type { EntryRole, SummaryInput } from './question-kinds/kind-module.ts';
import { respondentsKey } from './nested-sources.ts';
import { kindModule } from './question-kinds/registry.ts';
import * as build from './question-summaries.ts';
import { effectiveK, isBelowK } from './suppress-small-cells.ts';

const DEFAULT_TEXT_LIMIT = 200;

/** key -> value -> count */
function nested<T extends { key: string; n: number }>(rows: readonly T[], inner: (r: T) => string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.key) ?? new Map<string, number>();
    m.set(inner(r), (m.get(inner(r)) ?? 0) + Number(r.n));
    out.set(r.key, m);
  }
  return out;
}

const EMPTY = new Map<string, number>();

/** Mean and quartiles from a distribution (also used for ratings, from their value counts). */
export const statsFromCounts = q.statsFromCounts;

/**
 * Summaries of the given questions over the filtered responses. The caller has checked that the
 * filtered set has at least k responses (summarizeEdition does).
 */
export async function summarizeQuestions(db: AnyDb, questions: readonly QuestionInfo[], filters: ResultFilters, opts: AggregateOptions): Promise<QuestionSummary[]> {
  const k = effectiveK(opts.k);
  const limit = opts.textLimit ?? DEFAULT_TEXT_LIMIT;
  const moduleOf = (x: QuestionInfo) => kindModule(x.kind);
  const keysOf = (...roles: EntryRole[]) => questions.filter((x) => roles.includes(moduleOf(x).entries)).map((x) => x.key);
  const commentKeys = questions.flatMap((x) => (x.commentKey ? [x.commentKey] : []));
  // A part counted over rows or panels is shown only when at least k responses gave them.
  const respondentKeys = questions.flatMap((x) => respondentsKey(x.key) ?? []);
  const textKeys = questions.filter((x) => moduleOf(x).tally === 'texts').map((x) => x.key);

  // One read of the entries for every question; the answered counts come with them (free texts
  // and "other" texts are counted among the single values, without them).
  const multiKeys = new Set(keysOf('array'));
  const choiceKeys = { scalar: keysOf('scalar'), array: [...multiKeys], countOnly: [...keysOf('answered'), ...commentKeys, ...respondentKeys] };
  const entries = await q.answerEntries(db, filters, {
    full: [...choiceKeys.scalar, ...choiceKeys.array, ...keysOf('ranking', 'matrix', 'number')],
    countOnly: choiceKeys.countOnly,
  });
  const choices = q.choiceCountsOf(entries, choiceKeys);
  const positions = q.rankingPositionsOf(entries, keysOf('ranking'));
  const cells = q.matrixCellsOf(entries, keysOf('matrix'));
  const stats = q.numberStatsOf(entries, keysOf('number'));
  const statsByKey = new Map(stats.map((s) => [s.key, s]));
  const answeredByKey = new Map<string, number>();
  const addAnswered = (key: string, n: number) => answeredByKey.set(key, (answeredByKey.get(key) ?? 0) + Number(n));
  const scalars = choices.filter((r) => !multiKeys.has(r.key));
  const arrays = choices.filter((r) => multiKeys.has(r.key));
  for (const r of scalars) addAnswered(r.key, r.n);
  for (const r of arrays) addAnswered(r.key, r.first);
  for (const r of cells) addAnswered(r.key, r.first);
  for (const r of positions) if (Number(r.position) === 1) addAnswered(r.key, r.n);
  for (const x of questions.filter((x) => moduleOf(x).statsFromValues)) {
    const rated = scalars.filter((r) => r.key === x.key).map((r) => ({ value: Number(r.value), count: Number(r.n) }));
    const fromCounts = statsFromCounts(x.key, rated);
    if (fromCounts) statsByKey.set(x.key, fromCounts);
  }

  // Histograms need each number question's range first.
  const bins = questions
    .filter((x) => moduleOf(x).entries === 'number' && statsByKey.has(x.key) && !isBelowK(statsByKey.get(x.key)!.n, k))
    .map((x) => build.chooseBins(x, statsByKey.get(x.key)!));
  // Texts only for viewers allowed to read them, and only where the group is large enough.
  const textWanted = opts.viewerMaySeeTexts
    ? [...textKeys, ...commentKeys].filter((key) => !isBelowK(answeredByKey.get(key) ?? 0, k))
    : [];
  const [binRows, texts] = await Promise.all([
    q.histogramCounts(db, filters, bins),
    q.textSamples(db, filters, textWanted, limit),
  ]);

  const byValue = nested(scalars, (r) => r.value);
  const byElement = nested(arrays, (r) => r.value);
  const binsByKey = new Map(bins.map((b) => [b.key, b]));
  const binCounts = new Map<string, Map<number, number>>();
  for (const r of binRows) {
    const m = binCounts.get(r.key) ?? new Map<number, number>();
    m.set(Number(r.bin), Number(r.n));
    binCounts.set(r.key, m);
  }
  const rankMap = new Map<string, Map<string, Map<number, number>>>();
  for (const r of positions) {
    const items = rankMap.get(r.key) ?? new Map<string, Map<number, number>>();
    const item = items.get(r.value) ?? new Map<number, number>();
    item.set(Number(r.position), Number(r.n));
    items.set(r.value, item);
    rankMap.set(r.key, items);
  }
  const matrixMap = new Map<string, Map<string, Map<string, number>>>();
  for (const r of cells) {
    const rows = matrixMap.get(r.key) ?? new Map<string, Map<string, number>>();
    const row = rows.get(r.row) ?? new Map<string, number>();
    row.set(r.column, Number(r.n));
    rows.set(r.row, row);
    matrixMap.set(r.key, rows);
  }
  const textsByKey = new Map<string, string[]>();
  for (const t of texts) textsByKey.set(t.key, [...(textsByKey.get(t.key) ?? []), t.text]);
  const comment = (x: QuestionInfo) =>
    x.commentKey ? { count: answeredByKey.get(x.commentKey) ?? 0, texts: textsByKey.get(x.commentKey) ?? [] } : undefined;

  const summaryOptions = { k, viewerMaySeeTexts: opts.viewerMaySeeTexts, textLimit: limit };
  return questions.map((x): QuestionSummary => {
    const module = moduleOf(x);
    const input: SummaryInput = {
      answered: answeredByKey.get(x.key) ?? 0,
      byValue: (module.entries === 'array' ? byElement : byValue).get(x.key) ?? EMPTY,
      positions: rankMap.get(x.key) ?? new Map(),
      cells: matrixMap.get(x.key) ?? new Map(),
      stats: statsByKey.get(x.key),
      bins: binsByKey.get(x.key),
      binCounts: binCounts.get(x.key) ?? new Map(),
      texts: textsByKey.get(x.key),
      comment: comment(x),
    };
    const respondents = respondentsKey(x.key);
    if (respondents !== null && isBelowK(answeredByKey.get(respondents) ?? 0, k)) return build.suppressedQuestion(x, k);
    return module.summarize(x, input, summaryOptions);
  });
}

/**
 * Whether a filtered set may be shown at all: at least k responses, and no filter value that adds
 * fewer than k responses to the others. Returns the number of responses, or why nothing is shown.
 */
export async function checkFilteredSet(db: AnyDb, filters: ResultFilters, k: number): Promise<{ responses: number } | Suppressed> {
  const kk = effectiveK(k);
  const [responses, small] = await Promise.all([q.countResponses(db, filters), smallFilterGroups(db, filters, kk)]);
  if (isBelowK(responses, kk)) return fewerThanK(kk);
  if (small.length > 0) return { suppressed: true, reason: 'small-filter-group', message: smallFilterGroupMessage(small, kk) };
  return { responses };
}

/** The full per-question summary of an edition's (or campaign's) filtered responses. */
export async function summarizeEdition(db: AnyDb, definition: Record<string, unknown>, filters: ResultFilters, opts: AggregateOptions): Promise<EditionSummary> {
  const k = effectiveK(opts.k);
  const check = await checkFilteredSet(db, filters, k);
  if ('suppressed' in check) return { ...check, k };
  const questions = questionCatalogue(definition, opts.locale ?? '');
  return { suppressed: false, k, responses: check.responses, questions: await summarizeQuestions(db, questions, filters, { ...opts, k }) };
}

/** The summary of one question by name (for the dashboard feed and single-question views). */
export async function summarizeQuestion(db: AnyDb, definition: Record<string, unknown>, name: string, filters: ResultFilters, opts: AggregateOptions): Promise<QuestionSummary | Suppressed | undefined> {
  const k = effectiveK(opts.k);
  const question = questionCatalogue(definition, opts.locale ?? '').find((x) => x.name === name);
  if (!question) return undefined;
  const check = await checkFilteredSet(db, filters, k);
  if ('suppressed' in check) return check;
  const [summary] = await summarizeQuestions(db, [question], filters, { ...opts, k });
  return summary;
}
