/**
 * The k rule applied to the figures of a country's campaign dashboard. Pure functions: counts in,
 * figures out, with null wherever a group of 1..k-1 responses (or something that would reveal one)
 * would show. Visits are page loads, not responses, and are shown as they are.
 */
import { isBelowK, shareOf, suppressVector } from '../../analysis/suppress-small-cells.ts';

/** A count on its own (no breakdown): shown when 0 or at least k. */
export function safeCount(n: number, k: number): number | null {
  return n === 0 || !isBelowK(n, k) ? n : null;
}

/** count / invited, or null when the count is hidden or there is no target. */
export function rate(count: number | null, invited: number | null | undefined): number | null {
  if (invited === null || invited === undefined || invited <= 0) return null;
  return shareOf(count, invited);
}

export interface Breakdown<T> {
  rows: (T & { count: number | null; share: number | null })[];
  /** The total, or null (then every row is null too). */
  total: number | null;
}

/** A breakdown shown with its total: primary and secondary suppression over the rows. */
export function breakdown<T extends { count: number }>(rows: readonly T[], k: number): Breakdown<T> {
  const counts = rows.map((r) => r.count);
  const total = safeCount(counts.reduce((a, b) => a + b, 0), k);
  const shown = suppressVector(counts, k);
  return {
    total,
    rows: rows.map((r, i) => ({ ...r, count: shown[i] ?? null, share: shareOf(shown[i] ?? null, total) })),
  };
}

export interface FunnelCounts {
  visits: number;
  starts: number;
  completions: number;
}

export interface FunnelFigures {
  visits: number;
  starts: number | null;
  completions: number | null;
  /** completions / visits */
  conversion: number | null;
}

/**
 * Completions are a breakdown of the country's completions by link; starts are completions plus
 * abandoned starts, and the abandoned ones are a breakdown too. A start figure shows only when both
 * of its parts show, so that no small group of abandoned or completed starts can be subtracted out.
 */
export function funnelFigures(rows: readonly FunnelCounts[], k: number): { rows: FunnelFigures[]; total: FunnelFigures } {
  const completions = rows.map((r) => r.completions);
  const abandoned = rows.map((r) => Math.max(0, r.starts - r.completions));
  const shownC = suppressVector(completions, k);
  const shownA = suppressVector(abandoned, k);
  const figures = (visits: number, starts: number, c: number | null, a: number | null): FunnelFigures => ({
    visits,
    completions: c,
    starts: c !== null && a !== null ? starts : null,
    conversion: visits > 0 ? shareOf(c, visits) : null,
  });
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  return {
    rows: rows.map((r, i) => figures(r.visits, r.starts, shownC[i] ?? null, shownA[i] ?? null)),
    total: figures(
      sum(rows.map((r) => r.visits)),
      sum(rows.map((r) => r.starts)),
      safeCount(sum(completions), k),
      safeCount(sum(abandoned), k),
    ),
  };
}

/**
 * The network's figure for a national contact: the total of every country may be shown, but not
 * when it would give away another single country's figure (the network minus their own) or a
 * small group. Needs at least two other countries with responses, together at least k.
 */
export function networkTotalForCountry(byCountry: ReadonlyMap<string, number>, own: string, k: number): number | null {
  let others = 0;
  let otherCountries = 0;
  for (const [country, n] of byCountry) {
    if (country === own || n === 0) continue;
    others += n;
    otherCountries += 1;
  }
  if (otherCountries < 2 || isBelowK(others, k)) return null;
  const total = others + (byCountry.get(own) ?? 0);
  return safeCount(total, k);
}

/** The network's invited total for a national contact: only when at least two other countries set one. */
export function networkTargetForCountry(targets: ReadonlyMap<string, number>, own: string): number | null {
  const others = [...targets].filter(([c, n]) => c !== own && n > 0);
  if (others.length < 2) return null;
  return [...targets.values()].reduce((a, b) => a + b, 0);
}
