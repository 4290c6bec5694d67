/**
 * The daily curve is a breakdown of a country's responses by day, so it follows the k rule too:
 * consecutive days are merged into periods until each period holds at least k responses. A day
 * with no response stays its own period (a zero counts nobody). Periods close from the first day
 * on, so later answers change only the last period with answers: the still-open tail joins it. Every period shown therefore holds 0 or at least k responses, and the
 * cumulative curve steps only at period ends: no day with 1..k-1 responses can be read off it.
 */
import { effectiveK } from '../../analysis/suppress-small-cells.ts';

export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  count: number;
}

export interface Period {
  from: string;
  to: string;
  /** Number of days in the period. */
  days: number;
  count: number;
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD, UTC). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = new Date(`${to}T00:00:00Z`).getTime();
  for (let t = new Date(`${from}T00:00:00Z`).getTime(); t <= end && out.length < 3660; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Merges a continuous run of days into periods of 0 or at least k. Returns null when the whole
 * run holds between 1 and k-1 responses: then no curve can be shown at all.
 */
export function periodsOfAtLeastK(days: readonly DayCount[], k: number): Period[] | null {
  const kk = effectiveK(k);
  const periods: Period[] = [];
  let open: Period | null = null;
  for (const { day, count } of days) {
    if (open === null) {
      if (count === 0) {
        periods.push({ from: day, to: day, days: 1, count: 0 });
        continue;
      }
      open = { from: day, to: day, days: 0, count: 0 };
    }
    open.to = day;
    open.days += 1;
    open.count += count;
    if (open.count >= kk) {
      periods.push(open);
      open = null;
    }
  }
  if (open !== null) {
    // Fold the open period, and any empty days before it, into the last period with answers.
    while (periods.length > 0 && periods[periods.length - 1]!.count === 0) {
      const empty = periods.pop()!;
      open = { from: empty.from, to: open.to, days: open.days + empty.days, count: open.count };
    }
    const last = periods.pop();
    if (!last) return null;
    periods.push({ from: last.from, to: open.to, days: last.days + open.days, count: last.count + open.count });
  }
  return periods;
}
