/**
 * An attacker for tests: given everything a view shows (cells, row totals, column totals, grand
 * total, with hidden figures as null), tries to recover hidden figures. Two attacks:
 * - by subtraction: any line (row, column, the row totals, the column totals) with a known total
 *   and exactly one unknown gives that unknown away; repeated until nothing more falls out;
 * - by exhaustive search: every integer solution consistent with what is shown (hidden cells are at
 *   least 1, because zeros are shown); a hidden figure with a single possible value is recovered.
 */

export interface ShownTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

interface Equation {
  vars: number[];
  constant: number;
}

interface System {
  names: string[];
  known: (number | null)[];
  equations: { members: number[]; total: number }[];
}

/** Every figure of the view is a variable; lines are equations "members add up to total". */
function systemOf(view: ShownTable): System {
  const names: string[] = [];
  const known: (number | null)[] = [];
  const add = (name: string, value: number | null) => {
    names.push(name);
    known.push(value);
    return names.length - 1;
  };
  const cellIds = view.cells.map((row, i) => row.map((v, j) => add(`cell[${i}][${j}]`, v)));
  const rowIds = view.rowTotals.map((v, i) => add(`row[${i}]`, v));
  const colIds = view.columnTotals.map((v, j) => add(`column[${j}]`, v));
  const totalId = add('total', view.total);
  const equations: { members: number[]; total: number }[] = [];
  cellIds.forEach((row, i) => equations.push({ members: row, total: rowIds[i] as number }));
  colIds.forEach((c, j) => equations.push({ members: cellIds.map((r) => r[j] as number), total: c }));
  equations.push({ members: rowIds, total: totalId });
  // A view without column totals (a single breakdown) has no column lines.
  if (colIds.length > 0) equations.push({ members: colIds, total: totalId });
  return { names, known, equations };
}

function linear(s: System, values: (number | null)[]): Equation[] {
  // member_1 + ... + member_n - total = 0, with known values folded into the constant.
  return s.equations.map(({ members, total }) => {
    const vars: number[] = [];
    let constant = 0;
    for (const m of members) {
      const v = values[m];
      if (v === null || v === undefined) vars.push(m);
      else constant -= v;
    }
    const t = values[total];
    if (t === null || t === undefined) vars.push(-total - 1);
    else constant += t;
    return { vars, constant };
  });
}

/** Names of hidden figures that subtraction recovers, with their values. */
export function recoverBySubtraction(view: ShownTable): Record<string, number> {
  const s = systemOf(view);
  const values = [...s.known];
  const found: Record<string, number> = {};
  for (let progress = true; progress; ) {
    progress = false;
    for (const eq of linear(s, values)) {
      if (eq.vars.length !== 1) continue;
      const v = eq.vars[0] as number;
      // A member unknown equals the constant; a total unknown equals minus the constant.
      const id = v >= 0 ? v : -v - 1;
      const value = v >= 0 ? eq.constant : -eq.constant;
      values[id] = value;
      found[s.names[id] as string] = value;
      progress = true;
    }
  }
  return found;
}

/**
 * Hidden figures that have exactly one possible value among all integer solutions (hidden figures
 * are at least 1, as zeros are shown). Depth-first search with interval pruning; gives up (returns
 * null) after `limit` nodes.
 */
export function recoverBySearch(view: ShownTable, limit = 200_000): Record<string, number> | null {
  const s = systemOf(view);
  const upper = view.total ?? 10_000;
  const unknown = s.known.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  if (unknown.length === 0) return {};
  const seen = new Map<number, Set<number>>(unknown.map((u) => [u, new Set<number>()]));
  let nodes = 0;

  /** Narrows [lo, hi] of every figure from the line sums; false when no solution is left. */
  const narrow = (lo: number[], hi: number[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { members, total } of s.equations) {
        const sumLo = members.reduce((a, m) => a + (lo[m] as number), 0);
        const sumHi = members.reduce((a, m) => a + (hi[m] as number), 0);
        const set = (id: number, l: number, h: number) => {
          if (l > (lo[id] as number)) { lo[id] = l; changed = true; }
          if (h < (hi[id] as number)) { hi[id] = h; changed = true; }
          if ((lo[id] as number) > (hi[id] as number)) throw new Error('infeasible');
        };
        set(total, sumLo, sumHi);
        for (const m of members) set(m, (lo[total] as number) - (sumHi - (hi[m] as number)), (hi[total] as number) - (sumLo - (lo[m] as number)));
      }
    }
    return true;
  };

  const search = (lo: number[], hi: number[]): boolean => {
    if (++nodes > limit) return true;
    try {
      narrow(lo, hi);
    } catch {
      return false;
    }
    const open = unknown.filter((u) => lo[u] !== hi[u]);
    if (open.length === 0) {
      unknown.forEach((u) => seen.get(u)!.add(lo[u] as number));
      return [...seen.values()].every((set) => set.size >= 2);
    }
    const u = open.reduce((a, b) => ((hi[a] as number) - (lo[a] as number) <= (hi[b] as number) - (lo[b] as number) ? a : b));
    for (let v = lo[u] as number; v <= (hi[u] as number); v++) {
      const l = [...lo];
      const h = [...hi];
      l[u] = v;
      h[u] = v;
      if (search(l, h)) return true;
    }
    return false;
  };

  const lo = s.known.map((v) => (v === null ? 1 : v));
  const hi = s.known.map((v) => (v === null ? upper : v));
  search(lo, hi);
  if (nodes > limit) return null;
  const found: Record<string, number> = {};
  for (const [u, set] of seen) if (set.size === 1) found[s.names[u] as string] = [...set][0] as number;
  return found;
}

/** A breakdown with its total shown, as a one-row table. */
export function vectorView(cells: (number | null)[], total: number | null): ShownTable {
  return { cells: [cells], rowTotals: [total], columnTotals: [], total };
}
