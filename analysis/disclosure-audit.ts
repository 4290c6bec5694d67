/**
 * The audit behind secondary suppression in tables: can any hidden figure be worked out from what
 * the table shows (visible cells, row totals, column totals, grand total)? Hidden figures are whole
 * numbers of at least 1 (zeros are shown). Rules of thumb per line are not enough: two rows plus the
 * totals can pin a cell that no single line gives away.
 *
 * Exact, and fast: every line is an equation "its cells add up to its total", and every hidden
 * figure sits in exactly two lines (a cell in its row and its column; a row total in its row and
 * in the line of row totals; a column total likewise). So the hidden figures are the edges of a
 * bipartite graph whose nodes are the lines. Another table consistent with everything shown differs
 * from the true one by a sum of balanced cycles; one of those cycles moves the figure while keeping
 * every figure at least 1. Hence a hidden figure can be recovered exactly when no cycle through it
 * can move it by one, which a breadth-first search answers.
 */

export interface TableFigures {
  cells: readonly (readonly number[])[];
  rowTotals: readonly number[];
  columnTotals: readonly number[];
}

export interface TableMasks {
  cells: readonly (readonly boolean[])[];
  rows: readonly boolean[];
  columns: readonly boolean[];
}

export type Figure = { kind: 'cell'; i: number; j: number } | { kind: 'row'; i: number } | { kind: 'column'; j: number };

interface Edge {
  figure: Figure;
  value: number;
  /** Nodes: left side are rows and the line of column totals; right side columns and the line of row totals. */
  left: number;
  right: number;
  /**
   * How the figure moves when the edge carries +1 around a cycle. A cell is +1 in both its lines; a
   * total is the opposite sign of its members, so it moves the other way.
   */
  flip: 1 | -1;
}

/** Edges (hidden figures) of the table's line graph. */
function edgesOf(t: TableFigures, m: TableMasks): Edge[] {
  const rows = t.rowTotals.length;
  const cols = t.columnTotals.length;
  const columnTotalsNode = rows;
  const rowTotalsNode = cols;
  const edges: Edge[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (m.cells[i]?.[j]) edges.push({ figure: { kind: 'cell', i, j }, value: t.cells[i]?.[j] ?? 0, left: i, right: j, flip: 1 });
    }
    if (m.rows[i]) edges.push({ figure: { kind: 'row', i }, value: t.rowTotals[i] ?? 0, left: i, right: rowTotalsNode, flip: -1 });
  }
  for (let j = 0; j < cols; j++) {
    if (m.columns[j]) edges.push({ figure: { kind: 'column', j }, value: t.columnTotals[j] ?? 0, left: columnTotalsNode, right: j, flip: -1 });
  }
  return edges;
}

/** Can the edge carry `sign` around a cycle without its figure dropping below 1? */
function canCarry(e: Edge, sign: 1 | -1): boolean {
  return e.flip * sign > 0 || e.value >= 2;
}

/**
 * Is there a cycle through edge `h` with h carrying `sign`? Around a cycle the signs alternate, so
 * edges walked from the right side to the left carry -sign, and from the left to the right +sign.
 */
function hasCycle(edges: readonly Edge[], h: Edge, sign: 1 | -1): boolean {
  if (!canCarry(h, sign)) return false;
  const seenLeft = new Set<number>();
  const seenRight = new Set<number>([h.right]);
  let frontier: { side: 'left' | 'right'; node: number }[] = [{ side: 'right', node: h.right }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { side, node } of frontier) {
      for (const e of edges) {
        if (e === h) continue;
        if (side === 'right' && e.right === node && canCarry(e, (-sign) as 1 | -1)) {
          if (e.left === h.left) return true;
          if (!seenLeft.has(e.left)) {
            seenLeft.add(e.left);
            next.push({ side: 'left', node: e.left });
          }
        } else if (side === 'left' && e.left === node && canCarry(e, sign) && !seenRight.has(e.right)) {
          seenRight.add(e.right);
          next.push({ side: 'right', node: e.right });
        }
      }
    }
    frontier = next;
  }
  return false;
}

/** Every hidden figure that can be worked out exactly from the figures the table shows. */
export function pinnedFigures(t: TableFigures, m: TableMasks): Figure[] {
  const edges = edgesOf(t, m);
  return edges.filter((h) => !hasCycle(edges, h, 1) && !hasCycle(edges, h, -1)).map((e) => e.figure);
}
