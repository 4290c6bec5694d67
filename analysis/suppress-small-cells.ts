/**
 * Small-group suppression: the ONE module every surface (pages, JSON API, dashboard feed, exports of
 * aggregates) uses to hide groups of fewer than k responses.
 *
 * Rules, in the spirit of Eurostat's primary and secondary suppression:
 * - primary: every count from 1 to k-1 is hidden;
 * - secondary: in any line whose total is shown, the hidden cells must be at least two and add up
 *   to at least k (and to more than their number, as each is at least 1), so that no hidden cell
 *   can be worked out by subtracting the visible ones from the total; the smallest visible non-zero
 *   cells are hidden until that holds;
 * - in a table, row and column totals under k are hidden too, with the same rule across the totals
 *   (the grand total is shown), and a line whose total is hidden has all its cells hidden, or the
 *   cells would add up to the hidden total;
 * - then a table is audited as a whole (disclosure-audit.ts): combinations of rows, columns and
 *   totals can pin a cell that no single line gives away, so more is hidden until none is pinned.
 *
 * Zeros are always shown: a zero counts nobody, and hiding one would not protect anyone, because it
 * adds nothing to the sum of the hidden cells. Zeros are therefore never chosen for secondary
 * suppression either.
 */
import { pinnedFigures } from './disclosure-audit.ts';

/** k is never below this, whatever the configuration says. */
export const K_FLOOR = 3;

/** The k actually applied: a whole number, never below K_FLOOR. */
export function effectiveK(k: number): number {
  return Math.max(K_FLOOR, Math.floor(Number.isFinite(k) ? k : K_FLOOR));
}

/** True when a group of n responses is too small to show (an empty group is too small as well). */
export function isBelowK(n: number, k: number): boolean {
  return n < effectiveK(k);
}

/** True when a single cell must be hidden by primary suppression (1..k-1; zeros are shown). */
export function isSmallCell(n: number, k: number): boolean {
  return n > 0 && n < effectiveK(k);
}

/**
 * Hides cells of one line (mutating `hidden`) until the line is safe: no hidden cell, or at least
 * two hidden cells adding up to at least k (and to more than their number). Returns false when the line cannot be made safe by
 * hiding cells (then its total must be hidden instead).
 */
function protectLine(counts: readonly number[], hidden: boolean[], k: number): boolean {
  for (;;) {
    let hiddenCount = 0;
    let hiddenSum = 0;
    counts.forEach((c, i) => {
      if (hidden[i] && c > 0) {
        hiddenCount += 1;
        hiddenSum += c;
      }
    });
    // Each hidden cell is at least 1, so a line hiding h cells that add up to h gives them all away.
    if (hiddenCount === 0 || (hiddenCount >= 2 && hiddenSum >= k && hiddenSum > hiddenCount)) return true;
    let next = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (next < 0 || c < (counts[next] as number))) next = i;
    });
    if (next < 0) return false;
    hidden[next] = true;
  }
}

function primaryMask(counts: readonly number[], k: number): boolean[] {
  return counts.map((c) => isSmallCell(c, k));
}

function applyMask(counts: readonly number[], hidden: readonly boolean[]): (number | null)[] {
  return counts.map((c, i) => (hidden[i] ? null : c));
}

/** Which cells of a breakdown to hide; every non-zero cell when the total itself is under k. */
function vectorMask(counts: readonly number[], k: number): boolean[] {
  const kk = effectiveK(k);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < kk) return counts.map((c) => c > 0);
  const hidden = primaryMask(counts, kk);
  // A breakdown whose total is >= k always has enough visible mass to make the line safe.
  protectLine(counts, hidden, kk);
  return hidden;
}

/**
 * A breakdown whose total is shown: returns the counts with hidden cells as null. When the total is
 * under k every non-zero cell is hidden, and the caller must hide the total too (see isBelowK).
 */
export function suppressVector(counts: readonly number[], k: number): (number | null)[] {
  return applyMask(counts, vectorMask(counts, k));
}

export interface SuppressedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  /** The grand total; null when it is under k (and then every other figure is null too). */
  total: number | null;
}

interface Masks {
  cells: boolean[][];
  rows: boolean[];
  columns: boolean[];
}

/** Hides the smallest visible non-zero figure of a line; false when there is none. */
function hideOneMore(values: readonly number[], hidden: boolean[], except: number): boolean {
  let next = -1;
  values.forEach((c, x) => {
    if (x !== except && !hidden[x] && c > 0 && (next < 0 || c < (values[next] as number))) next = x;
  });
  if (next < 0) return false;
  hidden[next] = true;
  return true;
}

/**
 * A cross-tab shown with its row totals, column totals and grand total. Primary suppression, then
 * secondary suppression on every row and column and across the totals, repeated until nothing
 * changes; then an audit that tries to pin each hidden figure from everything shown, hiding more
 * until nothing can be pinned. Rows and columns are the first and second index of `counts`.
 */
export function suppressTable(counts: readonly (readonly number[])[], k: number): SuppressedTable {
  const kk = effectiveK(k);
  const rows = counts.length;
  const cols = rows === 0 ? 0 : Math.max(...counts.map((r) => r.length));
  const grid = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => counts[i]?.[j] ?? 0));
  const rowTotals = grid.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, j) => grid.reduce((a, r) => a + (r[j] as number), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);

  if (total < kk) {
    return {
      cells: grid.map((r) => r.map(() => null)),
      rowTotals: rowTotals.map(() => null),
      columnTotals: columnTotals.map(() => null),
      total: null,
    };
  }

  const m: Masks = {
    cells: grid.map((r) => r.map((c) => isSmallCell(c, kk))),
    rows: primaryMask(rowTotals, kk),
    columns: primaryMask(columnTotals, kk),
  };
  const column = (j: number) => grid.map((r) => r[j] as number);

  for (;;) {
    // Line rules until stable.
    for (let before = ''; before !== JSON.stringify(m); ) {
      before = JSON.stringify(m);
      // The totals are a breakdown of the grand total, which is shown.
      protectLine(rowTotals, m.rows, kk);
      protectLine(columnTotals, m.columns, kk);
      for (let i = 0; i < rows; i++) {
        const line = grid[i] as number[];
        const mask = m.cells[i] as boolean[];
        // A hidden total with visible cells would add up again from them.
        if (m.rows[i]) line.forEach((c, j) => { if (c > 0) mask[j] = true; });
        else if (!protectLine(line, mask, kk)) m.rows[i] = true;
      }
      for (let j = 0; j < cols; j++) {
        const line = column(j);
        const mask = m.cells.map((r) => r[j] as boolean);
        if (m.columns[j]) line.forEach((c, i) => { if (c > 0) mask[i] = true; });
        else if (!protectLine(line, mask, kk)) m.columns[j] = true;
        mask.forEach((h, i) => { (m.cells[i] as boolean[])[j] = h; });
      }
    }
    // Audit: combinations of lines can still pin a figure; hide more around each one found.
    const pinned = pinnedFigures({ cells: grid, rowTotals, columnTotals }, m);
    if (pinned.length === 0) break;
    const before = JSON.stringify(m);
    for (const p of pinned) {
      if (p.kind === 'cell') {
        if (!hideOneMore(grid[p.i] as number[], m.cells[p.i] as boolean[], p.j)) m.rows[p.i] = true;
        const colMask = m.cells.map((r) => r[p.j] as boolean);
        if (!hideOneMore(column(p.j), colMask, p.i)) m.columns[p.j] = true;
        colMask.forEach((h, i) => { (m.cells[i] as boolean[])[p.j] = h; });
      } else if (p.kind === 'row') {
        hideOneMore(rowTotals, m.rows, p.i);
      } else {
        hideOneMore(columnTotals, m.columns, p.j);
      }
    }
    // Nothing left to hide around them: show no part of the table rather than a recoverable figure.
    if (JSON.stringify(m) === before) return suppressTable([[0]], kk);
  }

  return {
    cells: grid.map((r, i) => applyMask(r, m.cells[i] as boolean[])),
    rowTotals: applyMask(rowTotals, m.rows),
    columnTotals: applyMask(columnTotals, m.columns),
    total,
  };
}

/** A cross-tab's cells with primary and secondary suppression (see suppressTable for the totals). */
export function suppressMatrix(counts: readonly number[][], k: number): (number | null)[][] {
  return suppressTable(counts, k).cells;
}

/** count / base rounded to 4 decimals, or null when either is hidden or the base is zero. */
export function shareOf(count: number | null, base: number | null): number | null {
  if (count === null || base === null || base === 0) return null;
  return Math.round((count / base) * 10000) / 10000;
}
