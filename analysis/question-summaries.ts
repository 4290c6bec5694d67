/**
 * Per-question summaries from grouped counts (answer-queries.ts), with suppression applied. Pure:
 * no database here, so each rule is easy to test by hand.
 */
import type {
  ChoiceSummary, CountRow, HistogramBin, MatrixSummary, NumberSummary, QuestionHead,
  RankingSummary, RatingSummary, SuppressedQuestion, TextSummary,
} from './aggregate-types.ts';
import { fewerThanK } from './aggregate-types.ts';
import type { Bins, NumberStats } from './answer-queries.ts';
import type { QuestionInfo } from './question-catalogue.ts';
import { isBelowK, shareOf, suppressTable, suppressVector } from './suppress-small-cells.ts';

export const head = (q: QuestionInfo): QuestionHead => ({ name: q.name, title: q.title, type: q.type, kind: q.kind, ...(q.over ? { over: q.over } : {}) });
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function suppressedQuestion(q: QuestionInfo, k: number): SuppressedQuestion {
  return { ...head(q), ...fewerThanK(k, 'answers') };
}

/** Free texts: count (as a cell of its base), texts only when allowed, shown and at least k. */
export function textSummary(
  count: number,
  base: number,
  k: number,
  texts: string[] | undefined,
  allowed: boolean,
  opts: { identifying?: boolean; limit?: number; alsoHidden?: boolean } = {},
): TextSummary {
  const shown = opts.alsoHidden ? null : suppressVector([count, Math.max(0, base - count)], k)[0] ?? null;
  let withheld: TextSummary['withheld'];
  if (opts.identifying) withheld = 'identifying';
  else if (!allowed) withheld = 'not-allowed';
  else if (shown === null || isBelowK(count, k)) withheld = 'fewer-than-k';
  const out: TextSummary = { count: shown, texts: withheld ? null : [...(texts ?? [])].sort((a, b) => a.localeCompare(b)) };
  if (withheld) out.withheld = withheld;
  else if (opts.limit !== undefined && count > (texts?.length ?? 0)) out.truncated = true;
  return out;
}

function countRows(q: QuestionInfo, shown: readonly (number | null)[], base: number): CountRow[] {
  return q.choices.map((c, i) => {
    const count = shown[i] ?? null;
    return { ...c, count, share: shareOf(count, base) };
  });
}

export interface CommentInput {
  count: number;
  texts?: string[];
}

/**
 * Radiogroup, dropdown, boolean: one breakdown of the answers (cells add up to the base, which is
 * shown), so secondary suppression applies across the choices.
 */
/** The value of the row that counts answers outside the listed choices. */
export const UNLISTED_VALUE = '__unlisted__';
const UNLISTED_LABEL = 'Other values (typed in by respondents, or not in the list)';

/**
 * Answers outside the listed choices (a value typed in with allowCustomChoices, or a list that
 * changed): counted together in one row, never by their own text, which a respondent wrote.
 */
function unlistedCount(q: QuestionInfo, byValue: ReadonlyMap<string, number>): number {
  const listed = new Set(q.choices.map((c) => c.value));
  let n = 0;
  for (const [value, count] of byValue) if (!listed.has(value)) n += count;
  return n;
}

function withUnlisted(q: QuestionInfo, unlisted: number): QuestionInfo {
  return unlisted > 0 ? { ...q, choices: [...q.choices, { value: UNLISTED_VALUE, label: UNLISTED_LABEL }] } : q;
}

export function singleChoiceSummary(q: QuestionInfo, byValue: ReadonlyMap<string, number>, k: number, comment: CommentInput | undefined, allowTexts: boolean, limit?: number): ChoiceSummary | SuppressedQuestion {
  const unlisted = unlistedCount(q, byValue);
  const rows = withUnlisted(q, unlisted);
  const counts = [...q.choices.map((c) => byValue.get(c.value) ?? 0), ...(unlisted > 0 ? [unlisted] : [])];
  const base = counts.reduce((a, b) => a + b, 0);
  if (isBelowK(base, k)) return suppressedQuestion(q, k);
  const shown = suppressVector(counts, k);
  const out: ChoiceSummary = { ...head(q), kind: 'single', suppressed: false, base, choices: countRows(rows, shown, base) };
  if (q.commentKey && comment) {
    const otherIndex = q.otherValue === undefined ? -1 : q.choices.findIndex((c) => c.value === q.otherValue);
    // The texts of "other" are as many as the "other" answers: hidden with them.
    out.comments = textSummary(comment.count, base, k, comment.texts, allowTexts, { alsoHidden: otherIndex >= 0 && shown[otherIndex] === null, ...(limit ? { limit } : {}) });
  }
  return out;
}

/**
 * Checkbox, tagbox: choices overlap, so they do not add up to a total; but "chose X" and "did not
 * choose X" do add up to the base, so each count is hidden when either side is small.
 */
export function multiChoiceSummary(q: QuestionInfo, base: number, byValue: ReadonlyMap<string, number>, k: number, comment: CommentInput | undefined, allowTexts: boolean, limit?: number): ChoiceSummary | SuppressedQuestion {
  if (isBelowK(base, k)) return suppressedQuestion(q, k);
  // Selections of unlisted values: at most one per respondent is assumed for the share.
  const unlisted = Math.min(base, unlistedCount(q, byValue));
  const rows = withUnlisted(q, unlisted);
  const counts = [...q.choices.map((c) => byValue.get(c.value) ?? 0), ...(unlisted > 0 ? [unlisted] : [])];
  const shown = counts.map((c) => suppressVector([c, Math.max(0, base - c)], k)[0] ?? null);
  const out: ChoiceSummary = { ...head(q), kind: 'multi', suppressed: false, base, choices: countRows(rows, shown, base) };
  if (q.commentKey && comment) {
    const otherIndex = q.otherValue === undefined ? -1 : q.choices.findIndex((c) => c.value === q.otherValue);
    out.comments = textSummary(comment.count, base, k, comment.texts, allowTexts, { alsoHidden: otherIndex >= 0 && shown[otherIndex] === null, ...(limit ? { limit } : {}) });
  }
  return out;
}

/**
 * Rating: distribution over the rate values; mean and median only when no value is hidden, since
 * with the visible counts they would pin the hidden ones (a mean gives their weighted sum, an
 * interpolated median a cumulative count).
 */
export function ratingSummary(q: QuestionInfo, byValue: ReadonlyMap<string, number>, stats: NumberStats | undefined, k: number): RatingSummary | SuppressedQuestion {
  const counts = q.choices.map((c) => byValue.get(c.value) ?? 0);
  const base = counts.reduce((a, b) => a + b, 0);
  if (isBelowK(base, k)) return suppressedQuestion(q, k);
  const shown = suppressVector(counts, k);
  const anyHidden = shown.some((c) => c === null);
  const out: RatingSummary = {
    ...head(q), kind: 'rating', suppressed: false, base,
    values: countRows(q, shown, base),
    mean: stats && !anyHidden ? round(stats.mean) : null,
    median: stats && !anyHidden ? round(stats.median) : null,
  };
  return out;
}

/**
 * Ranking: the item x position table (each row and each column adds up to the base), suppressed as
 * a cross-tab; first choices are its first column; a mean rank only for items with nothing hidden.
 */
export function rankingSummary(q: QuestionInfo, base: number, positions: ReadonlyMap<string, ReadonlyMap<number, number>>, k: number): RankingSummary | SuppressedQuestion {
  if (isBelowK(base, k)) return suppressedQuestion(q, k);
  const width = q.choices.length;
  const counts = q.choices.map((c) => Array.from({ length: width }, (_, p) => positions.get(c.value)?.get(p + 1) ?? 0));
  const table = suppressTable(counts, k);
  const out: RankingSummary = {
    ...head(q), kind: 'ranking', suppressed: false, base,
    items: q.choices.map((c, i) => {
      const row = counts[i] as number[];
      // A table hidden whole comes back as one cell: every position of every item is hidden.
      const shownRow = table.cells[i] ?? row.map(() => null);
      const ranked = row.reduce((a, b) => a + b, 0);
      const complete = shownRow.every((x) => x !== null) && ranked > 0;
      const firstChoice = shownRow[0] ?? null;
      return {
        ...c,
        meanRank: complete ? round(row.reduce((a, n, p) => a + n * (p + 1), 0) / ranked) : null,
        firstChoice,
        firstChoiceShare: shareOf(firstChoice, base),
        byPosition: shownRow,
      };
    }),
  };
  return out;
}

/** Matrix: per row, a breakdown over the columns (no column totals are shown). */
export function matrixSummary(q: QuestionInfo, base: number, cells: ReadonlyMap<string, ReadonlyMap<string, number>>, k: number): MatrixSummary | SuppressedQuestion {
  if (isBelowK(base, k)) return suppressedQuestion(q, k);
  const out: MatrixSummary = {
    ...head(q), kind: 'matrix', suppressed: false, base, columns: q.columns,
    rows: q.rows.map((r) => {
      const counts = q.columns.map((c) => cells.get(r.value)?.get(c.value) ?? 0);
      const rowBase = counts.reduce((a, b) => a + b, 0);
      const hiddenRow = isBelowK(rowBase, k);
      const shown = suppressVector(counts, k);
      return {
        ...r,
        base: hiddenRow ? null : rowBase,
        cells: shown.map((count) => ({ count: hiddenRow ? null : count, share: hiddenRow ? null : shareOf(count, rowBase) })),
      };
    }),
  };
  return out;
}

const NICE = [1, 2, 2.5, 5, 10];
function niceWidth(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return (NICE.find((m) => m * p >= raw) ?? 10) * p;
}

/**
 * The fine bins a number question is counted in: one per whole number for a short range, else
 * twenty bins of a round width over the range of the answers (a declared min / max would only add
 * empty bins).
 */
export function chooseBins(q: QuestionInfo, stats: NumberStats): Bins {
  const lo = stats.min;
  const hi = stats.max;
  if (Number.isInteger(lo) && Number.isInteger(hi) && hi - lo <= 20) return { key: q.key, from: lo, width: 1, count: hi - lo + 1 };
  const width = niceWidth(Math.max(hi - lo, 1e-9) / 20);
  const from = Math.floor(lo / width) * width;
  return { key: q.key, from, width, count: Math.floor((hi - from) / width) + 1 };
}

/**
 * Merges neighbouring fine bins, left to right, until each holds at least k answers (a run of empty
 * bins stays a bin of 0); a small remainder at the end joins the last bin. So no bin is ever small.
 */
function mergeBins(fine: readonly number[], k: number): { first: number; last: number; count: number }[] {
  const out: { first: number; last: number; count: number }[] = [];
  let open: { first: number; last: number; count: number } | null = null;
  fine.forEach((n, i) => {
    if (!open && n === 0) {
      const prev = out[out.length - 1];
      if (prev && prev.count === 0) prev.last = i;
      else out.push({ first: i, last: i, count: 0 });
      return;
    }
    open ??= { first: i, last: i, count: 0 };
    open.last = i;
    open.count += n;
    if (!isBelowK(open.count, k)) {
      out.push(open);
      open = null;
    }
  });
  if (open) {
    const remainder: { first: number; last: number; count: number } = open;
    // Join the last non-empty bin, with any empty ones in between.
    while (out.length > 0 && out[out.length - 1]!.count === 0) out.pop();
    const prev = out[out.length - 1];
    if (prev) {
      prev.last = remainder.last;
      prev.count += remainder.count;
    } else out.push({ ...remainder, first: 0 });
  }
  return out;
}

/**
 * Number: count, mean and quartiles of a base of at least k, and a histogram of bins merged until
 * none holds 1 to k-1 answers. A histogram with hidden bins next to a mean would give the hidden
 * bins away, so bins are widened instead of hidden.
 */
export function numberSummary(q: QuestionInfo, stats: NumberStats | undefined, bins: Bins | undefined, binCounts: ReadonlyMap<number, number>, k: number): NumberSummary | SuppressedQuestion {
  if (!stats || !bins || isBelowK(stats.n, k)) return suppressedQuestion(q, k);
  const fine = Array.from({ length: bins.count }, (_, i) => binCounts.get(i + 1) ?? 0);
  const edge = (i: number) => round(bins.from + i * bins.width, 6);
  const histogram: HistogramBin[] = mergeBins(fine, k).map((b) => {
    const from = edge(b.first);
    const to = edge(b.last + 1);
    const single = bins.width === 1 && b.first === b.last && Number.isInteger(from);
    return { from, to, label: single ? String(from) : bins.width === 1 && Number.isInteger(from) ? `${from}–${to - 1}` : `${from}–${to}`, count: b.count };
  });
  const out: NumberSummary = {
    ...head(q), kind: 'number', suppressed: false, base: stats.n,
    mean: round(stats.mean), q1: round(stats.q1), median: round(stats.median), q3: round(stats.q3), histogram,
  };
  return out;
}
