import t from 'tap';
import { readFileSync } from 'node:fs';
import { questionCatalogue, type QuestionInfo } from '../../analysis/question-catalogue.ts';
import * as build from '../../analysis/question-summaries.ts';
import { statsFromCounts } from '../../analysis/question-aggregates.ts';
import type { ChoiceSummary, MatrixSummary, NumberSummary, RankingSummary, RatingSummary } from '../../analysis/aggregate-types.ts';
import { recoverBySearch, recoverBySubtraction, vectorView } from './support/disclosure-attack.ts';

const definition = JSON.parse(readFileSync(new URL('../fixtures/all-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const questions = questionCatalogue(definition);
const question = (name: string) => questions.find((x) => x.name === name) as QuestionInfo;
const counts = (o: Record<string, number>) => new Map(Object.entries(o));

t.test('the catalogue reads every question type of the edition', async (t) => {
  t.same(questions.map((x) => [x.name, x.kind]), [
    ['experience', 'single'], ['country', 'single'], ['kinds', 'multi'], ['segments', 'multi'], ['again', 'single'],
    ['satisfaction', 'rating'], ['obstacles', 'ranking'], ['phases', 'matrix'], ['count', 'number'], ['email', 'text'],
    ['remarks', 'text'], ['channel', 'single'],
  ], 'html is not a question');
  t.same(question('kinds').choices.map((c) => c.value), ['cots', 'ppi', 'pcp', 'ip', 'none', 'other']);
  t.equal(question('kinds').commentKey, 'kinds-Comment');
  t.same(question('again').choices.map((c) => c.value), ['true', 'false']);
  t.same(question('satisfaction').choices.map((c) => c.value), ['1', '2', '3', '4', '5']);
  t.same([question('count').min, question('count').max], [0, 100]);
  t.equal(question('email').textsMayBeShown, false, 'e-mail addresses are never shown');
  t.equal(questionCatalogue(definition, 'fr')[0]?.title, 'experience');
});

t.test('single choice: counts, shares, secondary suppression, "other" texts', async (t) => {
  const s = build.singleChoiceSummary(question('channel'), counts({ web: 30, mail: 2, other: 8 }), 5, { count: 8, texts: ['b', 'a'] }, true) as ChoiceSummary;
  t.equal(s.base, 40);
  t.same(s.choices.map((c) => [c.value, c.count, c.share]), [['mail', null, null], ['web', 30, 0.75], ['other', null, null]], 'mail (2) hidden, and other with it');
  t.same(s.comments, { count: null, texts: null, withheld: 'fewer-than-k' }, 'the texts of a hidden "other" are hidden too');
  t.same(recoverBySubtraction(vectorView(s.choices.map((c) => c.count), s.base)), {});

  const open = build.singleChoiceSummary(question('channel'), counts({ web: 30, mail: 6, other: 8 }), 5, { count: 8, texts: ['b', 'a'] }, true) as ChoiceSummary;
  t.same(open.comments, { count: 8, texts: ['a', 'b'] }, 'texts sorted, for those allowed');
  const notAllowed = build.singleChoiceSummary(question('channel'), counts({ web: 30, mail: 6, other: 8 }), 5, { count: 8, texts: ['b', 'a'] }, false) as ChoiceSummary;
  t.same(notAllowed.comments, { count: 8, texts: null, withheld: 'not-allowed' });

  t.same(build.singleChoiceSummary(question('experience'), counts({ yes: 2, no: 2 }), 5, undefined, true), {
    name: 'experience', title: 'experience', type: 'radiogroup', kind: 'single', suppressed: true, reason: 'fewer-than-k', message: 'Fewer than 5 answers: no figures are shown.',
  }, 'fewer than k answers: no figures at all');
});

t.test('multiple choice: share of respondents; a count is hidden when it or its complement is small', async (t) => {
  const s = build.multiChoiceSummary(question('kinds'), 20, counts({ cots: 12, ppi: 18, pcp: 3, ip: 0, other: 6 }), 5, { count: 6 }, false) as ChoiceSummary;
  t.same(s.choices.map((c) => [c.value, c.count, c.share]), [
    ['cots', 12, 0.6], ['ppi', null, null], ['pcp', null, null], ['ip', 0, 0], ['none', 0, 0], ['other', 6, 0.3],
  ], 'ppi: 18 of 20 would show that 2 did not choose it');
});

t.test('rating: distribution, and no mean or median next to hidden values', async (t) => {
  const full = build.ratingSummary(question('satisfaction'), counts({ 1: 5, 2: 5, 3: 10, 4: 10, 5: 10 }), { key: 'satisfaction', n: 40, mean: 3.375, q1: 2.75, median: 3.5, q3: 4.25, min: 1, max: 5 }, 5) as RatingSummary;
  t.same([full.mean, full.median], [3.38, 3.5]);
  t.same(full.values.map((v) => v.count), [5, 5, 10, 10, 10]);
  const holes = build.ratingSummary(question('satisfaction'), counts({ 1: 1, 2: 5, 3: 10, 4: 10, 5: 10 }), { key: 'satisfaction', n: 36, mean: 3.6, q1: 3, median: 4, q3: 5, min: 1, max: 5 }, 5) as RatingSummary;
  t.same(holes.values.map((v) => v.count), [null, null, 10, 10, 10]);
  t.same([holes.mean, holes.median], [null, null], 'the mean would give 1 x c1 + 2 x c2 and so both');
});

t.test('ranking: positions suppressed as a table, mean rank only where nothing is hidden', async (t) => {
  const positions = new Map([
    ['law', new Map([[1, 20], [2, 8], [3, 2]])],
    ['language', new Map([[1, 6], [2, 12], [3, 12]])],
    ['budget', new Map([[1, 4], [2, 10], [3, 16]])],
  ]);
  const s = build.rankingSummary(question('obstacles'), 30, positions, 5) as RankingSummary;
  const law = s.items[0]!;
  t.equal(law.byPosition[2], null, 'law ranked 3rd by 2: hidden');
  t.equal(law.meanRank, null);
  t.equal(s.items.find((i) => i.value === 'budget')!.byPosition[0], null, 'budget ranked 1st by 4: hidden');
  const view = { cells: s.items.map((i) => i.byPosition), rowTotals: s.items.map(() => 30), columnTotals: [30, 30, 30], total: 90 };
  t.same(recoverBySubtraction(view), {});
  t.same(recoverBySearch(view), {});
  const clear = build.rankingSummary(question('obstacles'), 30, new Map([
    ['law', new Map([[1, 15], [2, 10], [3, 5]])],
    ['language', new Map([[1, 10], [2, 10], [3, 10]])],
    ['budget', new Map([[1, 5], [2, 10], [3, 15]])],
  ]), 5) as RankingSummary;
  t.same(clear.items.map((i) => [i.value, i.meanRank, i.firstChoice, i.firstChoiceShare]), [
    ['law', 1.67, 15, 0.5], ['language', 2, 10, 0.3333], ['budget', 2.33, 5, 0.1667],
  ]);
});

t.test('matrix: per row a breakdown over the columns', async (t) => {
  const cells = new Map([
    ['pre', new Map([['easy', 12], ['hard', 8]])],
    ['tender', new Map([['easy', 18], ['hard', 2]])],
    ['post', new Map([['easy', 3]])],
  ]);
  const s = build.matrixSummary(question('phases'), 20, cells, 5) as MatrixSummary;
  t.same(s.rows.map((r) => [r.value, r.base, r.cells.map((c) => c.count), r.cells.map((c) => c.share)]), [
    ['pre', 20, [12, 8], [0.6, 0.4]],
    ['tender', 20, [null, null], [null, null]],
    ['post', null, [null, null], [null, null]],
  ]);
});

t.test('number: quartiles, and bins merged until none is small', async (t) => {
  // Answers 0 1 2 3 5 7 10.
  const stats = { key: 'count', n: 7, mean: 4, q1: 1.5, median: 3, q3: 6, min: 0, max: 10 };
  const bins = build.chooseBins(question('count'), stats);
  t.same(bins, { key: 'count', from: 0, width: 1, count: 11 }, 'one bin per whole number over the range of the answers');
  const fine = new Map([[1, 1], [2, 1], [3, 1], [4, 1], [6, 1], [8, 1], [11, 1]]);
  const s = build.numberSummary(question('count'), stats, bins, fine, 3) as NumberSummary;
  t.same([s.base, s.mean, s.q1, s.median, s.q3], [7, 4, 1.5, 3, 6]);
  t.same(s.histogram.map((b) => [b.label, b.from, b.to, b.count]), [['0–2', 0, 3, 3], ['3–10', 3, 11, 4]], 'the last answer (10) joins the bin before it, over the empty 8 and 9');
  const gaps = build.numberSummary(question('count'), stats, bins, new Map([[1, 3], [2, 4], [6, 5], [11, 3]]), 3) as NumberSummary;
  t.same(gaps.histogram.map((b) => [b.label, b.count]), [['0', 3], ['1', 4], ['2–4', 0], ['5', 5], ['6–9', 0], ['10', 3]], 'empty stretches stay visible');
  const wide = build.chooseBins(question('count'), { ...stats, min: 0, max: 480 });
  t.same(wide, { key: 'count', from: 0, width: 25, count: 20 }, 'twenty round bins over a wide range');
});

t.test('free texts: counted; shown only to those allowed, in groups of k, never e-mail addresses', async (t) => {
  t.same(build.textSummary(6, 6, 5, ['b', 'a'], true), { count: 6, texts: ['a', 'b'] });
  t.same(build.textSummary(6, 6, 5, ['b'], true, { limit: 1 }), { count: 6, texts: ['b'], truncated: true });
  t.same(build.textSummary(4, 40, 5, ['b'], true), { count: null, texts: null, withheld: 'fewer-than-k' });
  t.same(build.textSummary(6, 6, 5, ['x@y.eu'], true, { identifying: true }), { count: 6, texts: null, withheld: 'identifying' });
});

t.test('rating statistics from counts match percentile_cont', async (t) => {
  // 1 2 3 4 4 4 5 5: PostgreSQL gives mean 3.5, quartiles 2.75, 4, 4.25 (answer-queries.test.ts).
  const s = statsFromCounts('satisfaction', [{ value: 5, count: 2 }, { value: 1, count: 1 }, { value: 2, count: 1 }, { value: 3, count: 1 }, { value: 4, count: 3 }]);
  t.same(s, { key: 'satisfaction', n: 8, mean: 3.5, q1: 2.75, median: 4, q3: 4.25, min: 1, max: 5 });
  t.equal(statsFromCounts('x', []), undefined);
});
