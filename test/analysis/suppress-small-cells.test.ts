import t, { type Test } from 'tap';
import { effectiveK, isBelowK, K_FLOOR, shareOf, suppressMatrix, suppressTable, suppressVector } from '../../analysis/suppress-small-cells.ts';
import { recoverBySearch, recoverBySubtraction, vectorView, type ShownTable } from './support/disclosure-attack.ts';
import { seededRandom } from '../support/answer-generator.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

t.test('k is never below the floor', async (t) => {
  t.equal(K_FLOOR, 3);
  t.equal(effectiveK(1), 3);
  t.equal(effectiveK(5), 5);
  t.ok(isBelowK(2, 1), 'k=1 still hides a group of 2');
  t.ok(isBelowK(0, 5), 'an empty group shows nothing');
  t.notOk(isBelowK(5, 5));
});

t.test('a breakdown: primary and secondary suppression', async (t) => {
  t.same(suppressVector([10, 20, 30], 5), [10, 20, 30], 'nothing small, nothing hidden');
  t.same(suppressVector([2, 20, 30], 5), [null, null, 30], 'one small cell takes the next smallest with it');
  t.same(suppressVector([2, 2, 30, 40], 5), [null, null, null, 40], 'two small cells adding to 4 < k take a third');
  t.same(suppressVector([3, 4, 30], 5), [null, null, 30], 'two small cells adding to 7 >= k are enough');
  t.same(suppressVector([0, 2, 9, 30], 5), [0, null, null, 30], 'zeros are shown and never used to hide');
  t.same(suppressVector([0, 0, 7], 5), [0, 0, 7]);
  t.same(suppressVector([1, 1, 1], 5), [null, null, null], 'a total under k hides every non-zero cell');
  t.same(suppressVector([1, 0, 6], 3), [null, 0, null], 'k from the caller');
  t.same(suppressVector([1, 1, 1, 10], 3), [null, null, null, null], 'three hidden 1s adding to 3 would each be 1');
  t.same(suppressVector([], 5), []);
});

t.test('a cross-tab: secondary suppression in rows, columns and totals', async (t) => {
  const counts = [
    [20, 2, 15],
    [18, 25, 30],
    [12, 14, 16],
  ];
  const s = suppressTable(counts, 5);
  t.equal(s.cells[0]?.[1], null, 'the small cell is hidden');
  t.equal(s.total, sum(counts.flat()));
  const hiddenInRow0 = s.cells[0]!.filter((c) => c === null).length;
  const hiddenInCol1 = s.cells.map((r) => r[1]).filter((c) => c === null).length;
  t.ok(hiddenInRow0 >= 2 && hiddenInCol1 >= 2, 'a second cell hides it in its row and its column');
  t.same(recoverBySubtraction(s), {});
  t.same(recoverBySearch(s), {});
  t.same(suppressMatrix(counts, 5), s.cells);
});

t.test('two rows and the totals together cannot pin a cell', async (t) => {
  // Row lines alone are safe here, but b + e = (row totals hidden) - (column 1 hidden) = 2 pins b = e = 1.
  const s = suppressTable([[0, 1, 1], [4, 8, 1], [1, 2, 0]], 3);
  t.same(recoverBySearch(s), {});
});

t.test('a large table is suppressed quickly', async (t) => {
  const rng = seededRandom(3);
  const counts = Array.from({ length: 12 }, () => Array.from({ length: 28 }, () => Math.floor(rng() * rng() * 30)));
  const started = performance.now();
  const s = suppressTable(counts, 5);
  const ms = performance.now() - started;
  t.ok(ms < 2000, `12 x 28 table in ${Math.round(ms)} ms`);
  t.same(recoverBySubtraction(s), {});
});

t.test('a small column hides its total and its cells, and another column with it', async (t) => {
  const counts = [
    [1, 20, 30, 9],
    [2, 25, 30, 8],
  ];
  const s = suppressTable(counts, 5);
  t.equal(s.columnTotals[0], null, 'column of 3 is hidden');
  t.equal(s.columnTotals[3], null, 'the next smallest column is hidden with it');
  t.same(s.cells.map((r) => r[3]), [null, null]);
  t.same(recoverBySubtraction(s), {});
  t.same(recoverBySearch(s), {});
});

t.test('a table whose grand total is under k shows nothing', async (t) => {
  const s = suppressTable([[1, 1], [1, 0]], 5);
  t.equal(s.total, null);
  t.same(s.cells, [[null, null], [null, null]]);
  t.same(s.rowTotals, [null, null]);
});

t.test('shares of hidden counts are hidden', async (t) => {
  t.equal(shareOf(null, 10), null);
  t.equal(shareOf(3, null), null);
  t.equal(shareOf(1, 3), 0.3333);
  t.equal(shareOf(0, 0), null);
});

let searched = 0;
let searchedFully = 0;

function assertProtected(t: Test, counts: number[][], k: number, view: ShownTable, label: string) {
  // Every primary cell is hidden; every figure shown is the true one.
  counts.forEach((row, i) => row.forEach((c, j) => {
    if (c > 0 && c < k) t.equal(view.cells[i]?.[j], null, `${label}: small cell [${i}][${j}] hidden`);
    const shown = view.cells[i]?.[j];
    if (shown !== null && shown !== undefined) t.equal(shown, c);
  }));
  t.same(recoverBySubtraction(view), {}, `${label}: subtraction recovers nothing`);
  const search = recoverBySearch(view, 20_000);
  searched += 1;
  if (search !== null) {
    searchedFully += 1;
    t.same(search, {}, `${label}: exhaustive search recovers nothing`);
  }
}

t.test('random tables: nothing hidden can be recovered', async (t) => {
  const rng = seededRandom(20261122);
  for (let n = 0; n < 300; n++) {
    const rows = 2 + Math.floor(rng() * 3);
    const cols = 2 + Math.floor(rng() * 3);
    const k = rng() < 0.5 ? 3 : 5;
    const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => {
      const r = rng();
      return r < 0.2 ? 0 : r < 0.55 ? 1 + Math.floor(rng() * (k - 1)) : Math.floor(rng() * 14);
    }));
    const view = suppressTable(counts, k);
    if (view.total === null) continue;
    assertProtected(t, counts, k, view, `table ${JSON.stringify(counts)} k=${k}`);
  }
  t.ok(searchedFully > searched * 0.8, `exhaustive search finished on ${searchedFully} of ${searched} tables`);
});

t.test('random breakdowns: nothing hidden can be recovered', async (t) => {
  const rng = seededRandom(7);
  for (let n = 0; n < 200; n++) {
    const len = 2 + Math.floor(rng() * 5);
    const k = rng() < 0.5 ? 3 : 5;
    const counts = Array.from({ length: len }, () => (rng() < 0.2 ? 0 : Math.floor(rng() * 12)));
    const total = sum(counts);
    const cells = suppressVector(counts, k);
    if (total < k) {
      t.ok(cells.every((c, i) => c === null || counts[i] === 0));
      continue;
    }
    assertProtected(t, [counts], k, vectorView(cells, total), `vector ${JSON.stringify(counts)} k=${k}`);
  }
});
