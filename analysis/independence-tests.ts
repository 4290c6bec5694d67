/**
 * Tests of independence for a cross-tab: Pearson's chi-square when the expected counts allow it
 * (Cochran's rule: none under 1 and at most a fifth under 5), else Fisher's exact test, with
 * Cramér's V as the strength of the association. A table with any hidden cell is never tested:
 * the test would need the hidden counts, and its result could give them away.
 */
import jstat from 'jstat';

const { jStat } = jstat;

export type IndependenceTest =
  | { tested: true; method: 'chi-square' | 'fisher'; statistic: number | null; df: number; p: number; cramersV: number; n: number }
  | { tested: false; reason: string };

export const TOO_FEW = 'too few answers to test';

/** Rows and columns whose total is zero say nothing about independence: they are left out. */
function trim(table: readonly (readonly number[])[]): number[][] {
  const cols = Math.max(0, ...table.map((r) => r.length));
  const colTotals = Array.from({ length: cols }, (_, j) => table.reduce((a, r) => a + (r[j] ?? 0), 0));
  return table
    .filter((r) => r.reduce((a, b) => a + b, 0) > 0)
    .map((r) => colTotals.flatMap((t, j) => (t > 0 ? [r[j] ?? 0] : [])));
}

function expectedCounts(t: readonly (readonly number[])[]): number[][] {
  const n = t.flat().reduce((a, b) => a + b, 0);
  const rows = t.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = (t[0] ?? []).map((_, j) => t.reduce((a, r) => a + (r[j] as number), 0));
  return rows.map((r) => cols.map((c) => (r * c) / n));
}

/** Pearson's chi-square statistic, degrees of freedom and p-value. */
export function chiSquare(table: readonly (readonly number[])[]): { statistic: number; df: number; p: number } {
  const t = trim(table);
  const e = expectedCounts(t);
  let statistic = 0;
  t.forEach((r, i) => r.forEach((o, j) => {
    const x = (e[i] as number[])[j] as number;
    statistic += (o - x) ** 2 / x;
  }));
  const df = (t.length - 1) * ((t[0]?.length ?? 1) - 1);
  return { statistic, df, p: df > 0 ? 1 - jStat.chisquare.cdf(statistic, df) : 1 };
}

/** Cramér's V from a chi-square statistic. */
export function cramersV(statistic: number, n: number, rows: number, cols: number): number {
  const m = Math.min(rows, cols) - 1;
  return m > 0 && n > 0 ? Math.sqrt(statistic / (n * m)) : 0;
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}

/** Most tables the exact test may visit; beyond it the table is too large to test exactly here. */
export const FISHER_BUDGET = 2_000_000;

/**
 * Fisher's exact test (two-sided: the sum of the probabilities of every table with the same
 * margins that is no more likely than the one observed), by enumerating the tables column by
 * column. Null when the enumeration would exceed the budget.
 */
export function fisherExact(table: readonly (readonly number[])[], budget = FISHER_BUDGET): number | null {
  const t = trim(table);
  const rows = t.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = (t[0] ?? []).map((_, j) => t.reduce((a, r) => a + (r[j] as number), 0));
  const n = rows.reduce((a, b) => a + b, 0);
  if (t.length < 2 || cols.length < 2) return 1;
  // log P(table) = sum log r! + sum log c! - log n! - sum log cell!
  const constant = rows.reduce((a, r) => a + logFactorial(r), 0) + cols.reduce((a, c) => a + logFactorial(c), 0) - logFactorial(n);
  const observed = constant - t.flat().reduce((a, x) => a + logFactorial(x), 0);
  const tolerance = 1e-7;
  let p = 0;
  let visited = 0;
  const left = [...rows];

  // Fills column j row by row; `acc` is the sum of log cell! so far.
  const fillColumn = (j: number, i: number, remaining: number, acc: number): boolean => {
    if (++visited > budget) return false;
    if (j === cols.length - 1) {
      // The last column is fixed by what is left of each row.
      const last = left.reduce((a, r) => a + logFactorial(r), 0);
      const logP = constant - acc - last;
      if (logP <= observed + tolerance) p += Math.exp(logP);
      return true;
    }
    if (i === rows.length - 1) {
      const x = remaining;
      if (x > (left[i] as number)) return true;
      left[i] = (left[i] as number) - x;
      const ok = fillColumn(j + 1, 0, cols[j + 1] as number, acc + logFactorial(x));
      left[i] = (left[i] as number) + x;
      return ok;
    }
    // Rows below must be able to take what this one does not.
    const below = left.slice(i + 1).reduce((a, b) => a + b, 0);
    for (let x = Math.max(0, remaining - below); x <= Math.min(remaining, left[i] as number); x++) {
      left[i] = (left[i] as number) - x;
      const ok = fillColumn(j, i + 1, remaining - x, acc + logFactorial(x));
      left[i] = (left[i] as number) + x;
      if (!ok) return false;
    }
    return true;
  };
  if (!fillColumn(0, 0, cols[0] as number, 0)) return null;
  return Math.min(1, p);
}

/** True when Cochran's rule allows the chi-square approximation. */
export function chiSquareAllowed(table: readonly (readonly number[])[]): boolean {
  const e = expectedCounts(trim(table)).flat();
  return e.length > 0 && e.every((x) => x >= 1) && e.filter((x) => x < 5).length <= e.length / 5;
}

/**
 * The test a report prints for a suppressed cross-tab's cells: only when no cell is hidden and at
 * least two rows and two columns hold answers.
 */
export function independenceTest(cells: readonly (readonly (number | null)[])[]): IndependenceTest {
  if (cells.some((r) => r.some((c) => c === null))) return { tested: false, reason: `${TOO_FEW} (some cells are hidden)` };
  const t = trim(cells as readonly (readonly number[])[]);
  const n = t.flat().reduce((a, b) => a + b, 0);
  if (t.length < 2 || (t[0]?.length ?? 0) < 2) return { tested: false, reason: `${TOO_FEW} (fewer than two groups with answers)` };
  const chi = chiSquare(t);
  const v = cramersV(chi.statistic, n, t.length, (t[0] as number[]).length);
  if (chiSquareAllowed(t)) return { tested: true, method: 'chi-square', statistic: chi.statistic, df: chi.df, p: chi.p, cramersV: v, n };
  const p = fisherExact(t);
  // Many answers spread thin over a large table: not "too few answers", but no test we can stand by.
  if (p === null) return { tested: false, reason: 'not tested: some expected counts are too small for chi-square, and the table is too large for the exact test' };
  return { tested: true, method: 'fisher', statistic: null, df: chi.df, p, cramersV: v, n };
}
