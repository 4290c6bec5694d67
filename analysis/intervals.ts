/**
 * 95 % intervals for the figures of a report: Wilson's score interval for a share, Student's t
 * interval for a mean, and Newcombe's hybrid score interval (his method 10) for the difference of
 * two independent shares. Pure functions; the quantiles come from jStat. A figure that is hidden
 * (null) gets no interval, so an interval can never hint at a hidden count.
 */
import jstat from 'jstat';

const { jStat } = jstat;

export interface Interval {
  low: number;
  high: number;
}

/** The normal quantile of a two-sided 95 % interval (1.959964...). */
export const Z95 = jStat.normal.inv(0.975, 0, 1);

/** Wilson's score interval for x successes out of n, as shares 0..1; null when hidden or n = 0. */
export function wilsonInterval(x: number | null, n: number | null, z = Z95): Interval | null {
  if (x === null || n === null || n <= 0 || x < 0 || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (2 * n * p + z2) / (2 * (n + z2));
  const half = (z * Math.sqrt(z2 + 4 * n * p * (1 - p))) / (2 * (n + z2));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface MeanInterval extends Interval {
  mean: number;
  /** Sample standard deviation (n - 1). */
  sd: number;
  n: number;
}

/** Mean, standard deviation and t interval of values given with their counts; null when n < 2 or any count is hidden. */
export function meanIntervalFromCounts(values: readonly { value: number; count: number | null }[]): MeanInterval | null {
  if (values.some((v) => v.count === null)) return null;
  const rows = values as readonly { value: number; count: number }[];
  const n = rows.reduce((a, v) => a + v.count, 0);
  if (n < 2) return null;
  const mean = rows.reduce((a, v) => a + v.value * v.count, 0) / n;
  const sd = Math.sqrt(rows.reduce((a, v) => a + v.count * (v.value - mean) ** 2, 0) / (n - 1));
  return meanInterval(mean, sd, n);
}

/** Student's t interval of a mean from its standard deviation and n. */
export function meanInterval(mean: number, sd: number, n: number): MeanInterval | null {
  if (n < 2 || !Number.isFinite(mean) || !Number.isFinite(sd)) return null;
  const half = jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, sd, n, low: mean - half, high: mean + half };
}

export interface Difference extends Interval {
  /** p2 - p1, 0..1 scale. */
  difference: number;
}

/**
 * Newcombe's interval for p2 - p1 (the later share minus the earlier one) from the two Wilson
 * intervals (Newcombe 1998, method 10). Null when either side is hidden or empty.
 */
export function newcombeDifference(x1: number | null, n1: number | null, x2: number | null, n2: number | null, z = Z95): Difference | null {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  if (!a || !b || x1 === null || n1 === null || x2 === null || n2 === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p2 - p1;
  const low = d - Math.sqrt((p2 - b.low) ** 2 + (a.high - p1) ** 2);
  const high = d + Math.sqrt((b.high - p2) ** 2 + (p1 - a.low) ** 2);
  return { difference: d, low, high };
}
