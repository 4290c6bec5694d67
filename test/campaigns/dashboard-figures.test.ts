import t from 'tap';
import { daysBetween, periodsOfAtLeastK, type DayCount } from '../../server/campaigns/daily-bins.ts';
import { breakdown, funnelFigures, networkTargetForCountry, networkTotalForCountry, safeCount } from '../../server/campaigns/dashboard-figures.ts';

const K = 5;
const run = (counts: number[]): DayCount[] => daysBetween('2026-11-01', '2026-12-31').slice(0, counts.length).map((day, i) => ({ day, count: counts[i]! }));

t.test('daysBetween is inclusive and crosses months', async (t) => {
  t.same(daysBetween('2026-11-29', '2026-12-02'), ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  t.same(daysBetween('2026-11-02', '2026-11-01'), []);
});

t.test('days of k or more stay days; zeros stay zeros', async (t) => {
  const p = periodsOfAtLeastK(run([6, 0, 0, 7, 5]), K)!;
  t.same(p.map((x) => [x.days, x.count]), [[1, 6], [1, 0], [1, 0], [1, 7], [1, 5]]);
});

t.test('small days merge forward until the period holds k', async (t) => {
  const p = periodsOfAtLeastK(run([2, 0, 3, 1, 1, 1, 9]), K)!;
  t.same(p.map((x) => [x.from.slice(8), x.to.slice(8), x.count]), [['01', '03', 5], ['04', '07', 12]]);
});

t.test('a small tail joins the last period, with the empty days between', async (t) => {
  const p = periodsOfAtLeastK(run([6, 0, 0, 2]), K)!;
  t.same(p.map((x) => [x.from.slice(8), x.to.slice(8), x.count]), [['01', '04', 8]]);
  const q = periodsOfAtLeastK(run([0, 0, 5, 0, 1]), K)!;
  t.same(q.map((x) => [x.from.slice(8), x.to.slice(8), x.count]), [['01', '01', 0], ['02', '02', 0], ['03', '05', 6]]);
});

t.test('a whole run under k gives no curve at all', async (t) => {
  t.equal(periodsOfAtLeastK(run([1, 0, 2, 1]), K), null);
  t.same(periodsOfAtLeastK(run([0, 0]), K)!.map((x) => x.count), [0, 0], 'no answer at all: an empty curve, not a hidden one');
});

t.test('no period ever shows 1..k-1, and closed periods do not change when later days arrive', async (t) => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let trial = 0; trial < 200; trial++) {
    const counts = Array.from({ length: 30 }, () => (rnd() < 0.4 ? 0 : Math.floor(rnd() * 7)));
    const full = periodsOfAtLeastK(run(counts), K);
    if (!full) continue;
    const small = full.filter((p) => p.count > 0 && p.count < K);
    if (small.length > 0) t.fail(`a period of 1..k-1 in ${counts.join(',')}`);
    if (full.reduce((a, p) => a + p.count, 0) !== counts.reduce((a, b) => a + b, 0)) t.fail('periods do not add up to the total');
    const shorter = periodsOfAtLeastK(run(counts.slice(0, 20)), K);
    if (shorter) {
      // Everything before the earlier view's last period with answers is final.
      let lastWithAnswers = shorter.length - 1;
      while (lastWithAnswers >= 0 && shorter[lastWithAnswers]!.count === 0) lastWithAnswers -= 1;
      const stable = shorter.slice(0, Math.max(0, lastWithAnswers));
      if (JSON.stringify(full.slice(0, stable.length)) !== JSON.stringify(stable)) t.fail(`earlier periods changed for ${counts.join(',')}`);
    }
  }
  t.pass('200 random runs: no period of 1..k-1, totals kept, earlier periods stable');
});

t.test('safeCount shows zero and k or more only', async (t) => {
  t.same([0, 1, 4, 5, 9].map((n) => safeCount(n, K)), [0, null, null, 5, 9]);
});

t.test('a breakdown hides small groups and one more, so that none can be subtracted from the total', async (t) => {
  const b = breakdown([{ key: 'police', count: 12 }, { key: 'border', count: 2 }, { key: 'civil', count: 7 }, { key: 'other', count: 0 }], K);
  t.equal(b.total, 21);
  t.same(b.rows.map((r) => r.count), [12, null, null, 0]);
  t.equal(b.rows[1]!.share, null, 'the share of a hidden group is hidden');
  const visible = b.rows.reduce((a, r) => a + (r.count ?? 0), 0);
  t.ok(b.total! - visible >= K, 'what is hidden adds up to at least k');
});

t.test('funnel: a start figure shows only when its completed and abandoned parts both do', async (t) => {
  const f = funnelFigures([
    { visits: 40, starts: 20, completions: 12 }, // 8 abandoned
    { visits: 10, starts: 9, completions: 7 }, // 2 abandoned: hidden, and so are these starts
    { visits: 3, starts: 2, completions: 2 }, // 2 completions: hidden
    { visits: 30, starts: 14, completions: 6 }, // 8 abandoned
  ], K);
  t.same(f.rows.map((r) => r.visits), [40, 10, 3, 30], 'visits are page loads, shown as they are');
  t.equal(f.rows[2]!.completions, null);
  t.equal(f.rows[2]!.conversion, null, 'no conversion from a hidden count');
  t.equal(f.rows[1]!.starts, null);
  t.equal(f.rows[2]!.starts, null);
  t.equal(f.total.completions, 27);
  t.equal(f.total.starts, 45);
  // Try to recover any hidden completion or start from the totals and the visible rows.
  const hiddenC = f.rows.filter((r) => r.completions === null).length;
  t.not(hiddenC, 1, 'never exactly one hidden completion figure');
  const hiddenS = f.rows.filter((r) => r.starts === null).length;
  t.not(hiddenS, 1, 'never exactly one hidden start figure');
  const restS = f.total.starts! - f.rows.reduce((a, r) => a + (r.starts ?? 0), 0);
  const restC = f.total.completions! - f.rows.reduce((a, r) => a + (r.completions ?? 0), 0);
  t.ok(restS - restC >= K || restS - restC === 0 || hiddenS >= 2, 'hidden abandoned starts are not a small recoverable group');
});

t.test('funnel totals under k are hidden', async (t) => {
  const f = funnelFigures([{ visits: 5, starts: 3, completions: 2 }], K);
  t.same([f.total.completions, f.total.starts, f.total.conversion, f.total.visits], [null, null, null, 5]);
});

t.test('the network figure for a contact needs two other countries holding k together', async (t) => {
  t.equal(networkTotalForCountry(new Map([['FR', 20], ['ES', 30]]), 'FR', K), null, 'one other country: its figure would be the difference');
  t.equal(networkTotalForCountry(new Map([['FR', 20], ['ES', 2], ['PT', 1]]), 'FR', K), null, 'others under k together');
  t.equal(networkTotalForCountry(new Map([['FR', 20], ['ES', 3], ['PT', 4]]), 'FR', K), 27);
  t.equal(networkTotalForCountry(new Map([['FR', 2], ['ES', 3], ['PT', 4]]), 'FR', K), 9);
  t.equal(networkTargetForCountry(new Map([['FR', 10], ['ES', 40]]), 'FR'), null);
  t.equal(networkTargetForCountry(new Map([['FR', 10], ['ES', 40], ['PT', 5]]), 'FR'), 55);
});
