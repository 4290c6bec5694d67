/**
 * Dates and times counted in bins: answers as stored (2026-03-14, 2026-03-14T09:30, 2026-03,
 * 2026-W11, 09:30) grouped by day, month, week or hour. The grain follows the spread of the
 * answers: a survey open for a few weeks reads by day, birth dates or project starts by month.
 * A bin of 1 to k-1 answers is merged with its neighbour until none is left, so no bin is hidden.
 * Pure.
 */
import { effectiveK, isSmallCell } from '../suppress-small-cells.ts';

export type DateGrain = 'day' | 'month' | 'week' | 'hour';

/** The input types counted as dates or times, and the form each is stored in. */
export const DATE_FORMS: Readonly<Record<string, RegExp>> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'datetime-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  month: /^\d{4}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
};

/** Beyond this many days between the first and last answer, dates are counted by month. */
export const DAYS_BY_DAY = 90;

export interface DateBin {
  /** First and last bin key merged into this bin (equal when not merged). */
  from: string;
  to: string;
  label: string;
  count: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The bin key of one stored answer at a grain; null when the answer is not in its input's form. */
export function binKey(inputType: string, value: string, grain: DateGrain): string | null {
  const form = DATE_FORMS[inputType];
  if (!form || !form.test(value)) return null;
  if (inputType === 'time') return value.slice(0, 2);
  if (inputType === 'week') return value;
  return grain === 'month' ? value.slice(0, 7) : value.slice(0, 10);
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The grain for these answers: hours for times, weeks for weeks, months for months, else by the spread. */
export function chooseGrain(inputType: string, values: Iterable<string>): DateGrain {
  if (inputType === 'time') return 'hour';
  if (inputType === 'week') return 'week';
  if (inputType === 'month') return 'month';
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const day = binKey(inputType, v, 'day');
    if (day === null) continue;
    const n = dayNumber(day);
    if (!Number.isFinite(n)) continue;
    lo = Math.min(lo, n);
    hi = Math.max(hi, n);
  }
  return hi - lo > DAYS_BY_DAY ? 'month' : 'day';
}

/** How a bin key reads: 14 Mar 2026, Mar 2026, week 11 of 2026, 09:00–09:59. */
export function keyLabel(key: string, grain: DateGrain): string {
  if (grain === 'hour') return `${key}:00–${key}:59`;
  if (grain === 'week') return `week ${Number(key.slice(6))} of ${key.slice(0, 4)}`;
  const month = MONTHS[Number(key.slice(5, 7)) - 1] ?? key.slice(5, 7);
  return grain === 'month' ? `${month} ${key.slice(0, 4)}` : `${Number(key.slice(8, 10))} ${month} ${key.slice(0, 4)}`;
}

/**
 * The answers counted per bin, in order, with bins of 1..k-1 merged into the next one (the last
 * into the one before). Answers not in the input's form are counted apart (`unread`). Bins that
 * nobody falls in are not listed. When fewer than k answers are read, there are no bins.
 */
export function dateBins(inputType: string, byValue: ReadonlyMap<string, number>, k: number): { grain: DateGrain; bins: DateBin[]; unread: number } {
  const kk = effectiveK(k);
  const grain = chooseGrain(inputType, byValue.keys());
  const counts = new Map<string, number>();
  let unread = 0;
  for (const [value, n] of byValue) {
    const key = binKey(inputType, value, grain);
    if (key === null) unread += n;
    else counts.set(key, (counts.get(key) ?? 0) + n);
  }
  const bins: DateBin[] = [...counts.keys()].sort().map((key) => ({ from: key, to: key, label: keyLabel(key, grain), count: counts.get(key)! }));
  const total = bins.reduce((a, b) => a + b.count, 0);
  if (total < kk) return { grain, bins: [], unread };
  for (let i = 0; i < bins.length; ) {
    const bin = bins[i]!;
    if (!isSmallCell(bin.count, kk) || bins.length === 1) {
      i += 1;
      continue;
    }
    // Into the next bin; the last goes into the one before, and that one is looked at again.
    const j = i + 1 < bins.length ? i + 1 : i - 1;
    const other = bins[j]!;
    const [first, last] = j > i ? [bin, other] : [other, bin];
    bins.splice(Math.min(i, j), 2, { from: first.from, to: last.to, label: '', count: bin.count + other.count });
    i = Math.min(i, j);
  }
  const span = (b: DateBin) => (grain === 'hour' ? `${b.from}:00–${b.to}:59` : `${keyLabel(b.from, grain)} – ${keyLabel(b.to, grain)}`);
  for (const b of bins) b.label = b.from === b.to ? keyLabel(b.from, grain) : span(b);
  return { grain, bins, unread };
}

/**
 * Answers counted in bins fixed beforehand (the Dashboard's, chosen for the page's filters):
 * a value falls in the bin whose keys hold its own key at that grain; values outside every bin
 * are not counted. The caller suppresses the counts.
 */
export function countInBins(inputType: string, grain: DateGrain, bins: readonly { value: string; to: string }[], byValue: ReadonlyMap<string, number>): number[] {
  const counts = bins.map(() => 0);
  for (const [value, n] of byValue) {
    const key = binKey(inputType, value, grain);
    if (key === null) continue;
    const i = bins.findIndex((b) => b.value <= key && key <= b.to);
    if (i >= 0) counts[i]! += n;
  }
  return counts;
}
