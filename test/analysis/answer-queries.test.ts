import t from 'tap';
import { buildTestApp } from '../helper.ts';
import * as q from '../../analysis/answer-queries.ts';
import { resultFilters, type ResultFiltersInput } from '../../analysis/filters.ts';
import { seedResults } from './support/results-fixture.ts';

/** key -> value -> count, for comparing grouped rows with hand counts. */
const grouped = (rows: { key: string; value: string; n: number }[]) => {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.key] ??= {})[r.value] = r.n;
  return out;
};

t.test('grouped counts per question type match the hand counts', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId } = await seedResults(app);
  const f = resultFilters({ editionId });

  t.equal(await q.countResponses(app.db, f), 8, 'complete responses only by default');

  t.same(grouped(await q.scalarValueCounts(app.db, f, ['experience', 'again', 'satisfaction', 'channel', 'country'])), {
    experience: { yes: 5, no: 2, dont_know: 1 },
    again: { true: 5, false: 2 },
    satisfaction: { 1: 1, 2: 1, 3: 1, 4: 3, 5: 2 },
    channel: { web: 4, mail: 2, other: 2 },
    country: { FR: 5, ES: 3 },
  });

  t.same(grouped(await q.arrayValueCounts(app.db, f, ['kinds'])), { kinds: { cots: 4, ppi: 3, pcp: 2, other: 1 } });
  const firsts = (await q.arrayValueCounts(app.db, f, ['kinds'])).reduce((a, r) => a + r.first, 0);
  t.equal(firsts, 5, 'the first elements count the responses that answered');
  t.same(grouped(await q.scalarValueCounts(app.db, f, ['experience'], ['remarks', 'channel-Comment'])), {
    experience: { yes: 5, no: 2, dont_know: 1 }, remarks: { '': 4 }, 'channel-Comment': { '': 2 },
  }, 'free texts counted without their values');
  const many = ['experience', 'again', 'satisfaction', 'channel', 'country', 'remarks'];
  t.same(grouped(await q.scalarValueCounts(app.db, f, many.slice(0, 2))), grouped(await q.scalarValueCounts(app.db, f, many)).experience ? {
    experience: { yes: 5, no: 2, dont_know: 1 }, again: { true: 5, false: 2 },
  } : {}, 'a lookup per key and one expansion per response agree');

  const answered = Object.fromEntries((await q.answeredCounts(app.db, f, ['kinds', 'obstacles', 'phases'], ['remarks', 'channel-Comment', 'kinds-Comment', 'email'])).map((r) => [r.key, r.n]));
  t.same(answered, { kinds: 5, obstacles: 7, phases: 7, remarks: 4, 'channel-Comment': 2, 'kinds-Comment': 1 }, 'unanswered keys are absent');

  const positions: Record<string, number[]> = {};
  for (const r of await q.rankingPositionCounts(app.db, f, ['obstacles'])) (positions[r.value] ??= [0, 0, 0])[r.position - 1] = r.n;
  t.same(positions, { law: [4, 2, 1], language: [2, 2, 3], budget: [1, 3, 3] });

  const matrix: Record<string, Record<string, number>> = {};
  for (const r of await q.matrixCellCounts(app.db, f, ['phases'])) (matrix[r.row] ??= {})[r.column] = r.n;
  t.same(matrix, { pre: { easy: 4, hard: 2 }, tender: { easy: 2, hard: 2 }, post: { easy: 1, hard: 1 } });

  const stats = Object.fromEntries((await q.numberStats(app.db, f, ['count', 'satisfaction'])).map((s) => [s.key, s]));
  // count: 3 5 7 10 0 1 2 -> sorted 0 1 2 3 5 7 10
  t.same(stats.count, { key: 'count', n: 7, mean: 4, q1: 1.5, median: 3, q3: 6, min: 0, max: 10 });
  // satisfaction: 5 4 4 3 2 5 1 4 -> sorted 1 2 3 4 4 4 5 5
  t.same(stats.satisfaction, { key: 'satisfaction', n: 8, mean: 3.5, q1: 2.75, median: 4, q3: 4.25, min: 1, max: 5 });

  const bins = await q.histogramCounts(app.db, f, [{ key: 'count', from: 0, width: 5, count: 3 }]);
  t.same(Object.fromEntries(bins.map((b) => [b.bin, b.n])), { 1: 4, 2: 2, 3: 1 }, '[0,5) [5,10) [10,15]: the top value goes in the last bin');

  const texts = await q.textSamples(app.db, f, ['remarks', 'channel-Comment'], 10);
  t.same(texts.filter((x) => x.key === 'remarks').map((x) => x.text).sort(), ['alpha', 'beta', 'delta', 'gamma']);
  t.same(texts.filter((x) => x.key === 'channel-Comment').map((x) => x.text).sort(), ['fax', 'pigeon']);
  t.equal((await q.textSamples(app.db, f, ['remarks'], 2)).length, 2, 'at most the limit per question');
});

t.test('every filter selects the responses it names', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, campaignId } = await seedResults(app);
  const count = (extra: Partial<ResultFiltersInput>) => q.countResponses(app.db, resultFilters({ editionId, ...extra }));
  const cases: [string, Partial<ResultFiltersInput>, number][] = [
    ['answered country', { country: ['ES'] }, 3],
    ['answered country, two values', { country: ['ES', 'FR'] }, 8],
    ['link country', { linkCountry: ['ES'] }, 4],
    ['authority type', { authorityType: ['border_guard'] }, 2],
    ['channel through the link', { channel: ['social_media'] }, 4],
    ['language', { language: ['fr'] }, 2],
    ['partial responses too', { status: 'all' }, 9],
    ['a single-choice answer', { questions: [{ question: 'experience', values: ['yes'] }] }, 5],
    ['a boolean answer', { questions: [{ question: 'again', values: ['true'] }] }, 5],
    ['a rating answer', { questions: [{ question: 'satisfaction', values: ['4', '5'] }] }, 5],
    ['a checkbox answer contains a value', { questions: [{ question: 'kinds', values: ['pcp'] }] }, 2],
    ['a checkbox answer contains one of the values', { questions: [{ question: 'kinds', values: ['pcp', 'other'] }] }, 3],
    ['filters combine', { linkCountry: ['FR'], questions: [{ question: 'experience', values: ['yes'] }] }, 4],
    ['two question filters combine', { questions: [{ question: 'experience', values: ['yes'] }, { question: 'channel', values: ['web'] }] }, 2],
    ['an unknown value selects nothing', { questions: [{ question: 'experience', values: ["x' or '1'='1"] }] }, 0],
    ['a question name is a value, not SQL', { questions: [{ question: "experience' or 1=1 --", values: ['yes'] }] }, 0],
  ];
  for (const [name, extra, expected] of cases) t.equal(await count(extra), expected, name);
  t.equal(await q.countResponses(app.db, resultFilters({ campaignId })), 8, 'by campaign');
  t.equal(await q.countResponses(app.db, resultFilters({ campaignId, status: 'all', questions: [{ question: 'experience', values: ['yes'] }] })), 6);
});
