import t from 'tap';
import { meanInterval, meanIntervalFromCounts, newcombeDifference, wilsonInterval } from '../../analysis/intervals.ts';
import { chiSquare, cramersV, fisherExact, independenceTest } from '../../analysis/independence-tests.ts';

type Test = { ok: (v: boolean, m: string) => unknown };
const close = (t: Test, actual: number | undefined, expected: number, digits: number, what: string) =>
  t.ok(actual !== undefined && Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${what}: ${actual} ≈ ${expected}`);

t.test('Wilson intervals match Newcombe (1998), table I', async (t) => {
  const a = wilsonInterval(81, 263);
  close(t, a?.low, 0.2553, 4, '81/263 low');
  close(t, a?.high, 0.3662, 4, '81/263 high');
  const b = wilsonInterval(15, 148);
  close(t, b?.low, 0.0624, 4, '15/148 low');
  close(t, b?.high, 0.1605, 4, '15/148 high');
  const c = wilsonInterval(0, 20);
  t.equal(c?.low, 0);
  close(t, c?.high, 0.1611, 4, '0/20 high');
  t.equal(wilsonInterval(null, 20), null, 'a hidden count has no interval');
  t.equal(wilsonInterval(3, null), null);
  t.equal(wilsonInterval(0, 0), null);
});

t.test("Newcombe's difference matches his worked example (56/70 against 48/80)", async (t) => {
  // Newcombe (1998), Statistics in Medicine 17: 873-890, method 10: 0.2000 (0.0524, 0.3339).
  const d = newcombeDifference(48, 80, 56, 70);
  close(t, d?.difference, 0.2, 4, 'difference');
  close(t, d?.low, 0.0524, 4, 'low');
  close(t, d?.high, 0.3339, 4, 'high');
  // Example (c) of the same table: 9/10 against 3/10 gives 0.6000 (0.1705, 0.8090).
  const e = newcombeDifference(3, 10, 9, 10);
  close(t, e?.low, 0.1705, 4, '9/10 - 3/10 low');
  close(t, e?.high, 0.809, 4, '9/10 - 3/10 high');
  t.equal(newcombeDifference(null, 80, 56, 70), null, 'no interval on a hidden side');
});

t.test('the t interval of a mean', async (t) => {
  // Values 1..10 once each: mean 5.5, sd 3.02765, t(0.975, 9) = 2.262157 → 5.5 ± 2.16585.
  const m = meanIntervalFromCounts(Array.from({ length: 10 }, (_, i) => ({ value: i + 1, count: 1 })));
  close(t, m?.mean, 5.5, 6, 'mean');
  close(t, m?.sd, 3.02765, 5, 'sd');
  close(t, m?.low, 3.33415, 4, 'low');
  close(t, m?.high, 7.66585, 4, 'high');
  t.equal(meanIntervalFromCounts([{ value: 1, count: 4 }, { value: 2, count: null }]), null, 'hidden counts: no interval');
  t.equal(meanInterval(3, 1, 1), null, 'one answer: no interval');
});

t.test('chi-square matches Agresti’s party identification by gender example', async (t) => {
  // Agresti, Categorical Data Analysis (2002), table 2.5: X² = 30.07, df = 2, P < 0.001.
  const r = chiSquare([[762, 327, 468], [484, 239, 477]]);
  close(t, r.statistic, 30.07, 2, 'statistic');
  t.equal(r.df, 2);
  close(t, r.p, 2.95e-7, 8, 'p');
  close(t, cramersV(r.statistic, 2757, 2, 3), 0.1044, 4, "Cramér's V");
});

t.test("Fisher's exact test matches the lady tasting tea", async (t) => {
  // Fisher (1935): 3 of 4 cups right each way, two-sided p = 0.4857 (R's fisher.test(TeaTasting)).
  close(t, fisherExact([[3, 1], [1, 3]]) ?? undefined, 0.4857, 4, 'two-sided p');
  // The most extreme table has probability 1/70, and so has its mirror: two-sided p = 2/70.
  close(t, fisherExact([[4, 0], [0, 4]]) ?? undefined, 2 / 70, 6, 'extreme table');
  // A 2×3 table against the sum over every table with its margins, written out separately: 5/63.
  close(t, fisherExact([[2, 0, 3], [0, 3, 1]]) ?? undefined, 5 / 63, 8, '2×3');
  t.equal(fisherExact([[40, 40, 40, 40], [40, 40, 40, 40], [40, 40, 40, 40]], 1000), null, 'over the budget: no answer');
});

t.test('the test a report prints', async (t) => {
  const hidden = independenceTest([[10, null], [null, 12]]);
  t.same(hidden.tested, false);
  t.match(hidden, { reason: /too few answers to test/ });
  t.match(independenceTest([[10, 0], [12, 0]]), { tested: false }, 'one column with answers');
  t.match(independenceTest([[762, 327, 468], [484, 239, 477]]), { tested: true, method: 'chi-square', df: 2 });
  t.match(independenceTest([[3, 1], [1, 3]]), { tested: true, method: 'fisher' });
  // Sparse and large: 3 × 12 with a thin row; chi-square is not allowed and enumeration is too long.
  const sparse = [Array(12).fill(40), Array(12).fill(40), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]];
  t.match(independenceTest(sparse), { tested: false, reason: /^not tested: some expected counts are too small/ });
});
