/**
 * Values the server computes (expression questions, a calculated value kept in the results): answers
 * sent through the respondent page, then the recomputed values counted in the results, the
 * Dashboard feed, the exports and the codebook. The figures below are counted by hand.
 */
import t from 'tap';
import { tallyKeys } from '../../../analysis/answer-tally.ts';
import { compareEditions, type EditionComparisonShown } from '../../../analysis/edition-comparison.ts';
import { resultFilters } from '../../../analysis/filters.ts';
import { summarizeEdition } from '../../../analysis/question-aggregates.ts';
import { questionReport } from '../../../analysis/report-tables.ts';
import { foldPending } from '../../../server/results/tally-folder.ts';
import { buildTestApp } from '../../helper.ts';
import { seedResults, times } from '../../analysis/support/results-fixture.ts';
import { publishAndLink } from '../../support/publish-definition.ts';
import { parseCsv } from '../../support/csv.ts';
import { staffClient } from '../staff/staff-client.ts';

const definition = {
  title: 'Orders',
  calculatedValues: [
    { name: 'total', expression: '{price} * {quantity}', includeIntoResult: true },
    { name: 'twice', expression: '{quantity} * 2' },
  ],
  pages: [{ name: 'p1', elements: [
    { type: 'text', inputType: 'number', name: 'price', isRequired: true },
    { type: 'text', inputType: 'number', name: 'quantity', isRequired: true },
    { type: 'expression', name: 'line', expression: '{price} * {quantity}' },
    { type: 'expression', name: 'label', expression: "iif({quantity} > 10, 'bulk', 'single')" },
    { type: 'expression', name: 'band', expression: "iif({quantity} > 15, 'huge', iif({quantity} > 10, 'large', 'small'))" },
  ] }],
};

// price x quantity, as many times: line = total = 24 x4, 5 x3, 200, 3 (mean 314 / 9);
// label: bulk 5, single 4; band: large 4, small 4, huge 1 (a value fewer than k share).
const ORDERS: [number, number, number][] = [[2, 12, 4], [1, 5, 3], [10, 20, 1], [3, 1, 1]];

const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
const link = await publishAndLink(app, 'orders', definition);
let seq = 0;
for (const [price, quantity, times] of ORDERS) {
  for (let i = 0; i < times; i++) {
    // What survey-core's data holds, with the computed values made up by the browser.
    const res = await app.inject({
      method: 'POST', url: `/s/${link.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `orders-key-${++seq}-abcdefgh` },
      payload: JSON.stringify({ answers: { price, quantity, line: 1, label: 'forged', band: 'forged', total: 1, twice: 0 }, locale: 'en' }),
    });
    if (res.statusCode !== 201) throw new Error(`submission refused: ${res.body}`);
  }
}
const analyst = await staffClient(app, 'analyst');
const json = { accept: 'application/json' };
type Row = { value: string; label: string; count: number | null };

t.test('the recomputed values are summarised: numbers as numbers, values counted', async (t) => {
  const res = await analyst.get(`/api/results/summary?edition=${link.editionId}`, json);
  t.equal(res.statusCode, 200, res.body);
  const q = (name: string) => res.json().questions.find((x: { name: string }) => x.name === name);
  t.equal(res.json().responses, 9);
  for (const name of ['line', 'total']) {
    const s = q(name);
    t.match(s, { kind: 'computed', base: 9, numbers: { kind: 'number', base: 9, mean: 34.89, q1: 5, median: 24, q3: 24 } }, name);
    t.notOk(s.values, `${name}: not counted as values`);
  }
  t.equal(q('total').type, 'calculatedvalue');
  t.notOk(q('twice'), 'a calculated value not kept in the results is not shown');
  t.same(q('label').values.choices.map((c: Row) => [c.value, c.count]), [['bulk', 5], ['single', 4]]);
  t.equal(q('label').values.base, 9);
  const band = q('band').values.choices as Row[];
  t.same(band.map((c) => c.value), ['large', 'small', '__rare__'], 'a value shared by fewer than k is not named');
  t.equal(band[2]!.count, null, 'its count is hidden');
  t.equal(band.filter((c) => c.count === null).length, 2, 'and one more, so that it cannot be worked out');
  t.notMatch(res.body, /forged|huge/);
});

t.test('the report tables and the aggregate export carry the same figures', async (t) => {
  const res = await analyst.get(`/api/results/summary?edition=${link.editionId}`, json);
  const q = (name: string) => res.json().questions.find((x: { name: string }) => x.name === name);
  const line = questionReport(q('line'));
  t.match(line.stats, [{ label: 'Answered', value: '9' }]);
  t.same(line.tables[0]!.rows.map((r) => r[1]), ['4', '0', '5'], 'bins 0-10, 10-20, 20-210 (the lone 200 joins the last)');
  t.match(questionReport(q('label')).notes, [/Computed by the server/]);
  const agg = await analyst.get(`/api/exports/aggregates?edition=${link.editionId}`, { accept: '*/*' });
  t.equal(agg.statusCode, 200);
  const rows = parseCsv(agg.body.replace(/^\uFEFF/, ''));
  const counts = rows.filter((r) => r.includes('label') && r.includes('count')).map((r) => r.filter((c) => c === 'bulk' || c === 'single' || c === '5' || c === '4'));
  t.same(counts, [['bulk', 'bulk', '5'], ['single', 'single', '4']]);
  t.notMatch(agg.body, /huge|forged/);
});

t.test('the results page shows them, said to be computed by the server', async (t) => {
  const page = await analyst.get(`/staff/results?edition=${link.editionId}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /Computed by the server from the answers/);
  t.notMatch(page.body, /huge|forged/);
});

t.test('the Dashboard feed counts the values', async (t) => {
  const res = await analyst.get(`/api/dashboard/summary?edition=${link.editionId}&question=label&visualizer=selectBase`, json);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { bulk: 5, single: 4 });
  // survey-analytics draws an expression with its number gauge: the mean within the histogram's range.
  const gauge = await analyst.get(`/api/dashboard/summary?edition=${link.editionId}&question=line&visualizer=number`, json);
  t.same(gauge.json(), { value: 34.89, minValue: 0, maxValue: 210 });
});

t.test('exports: a column per computed value, and the codebook says the server computes it', async (t) => {
  const res = await analyst.get(`/api/exports/responses?edition=${link.editionId}`, { accept: '*/*' });
  t.equal(res.statusCode, 200);
  const [header, ...rows] = parseCsv(res.body.slice(1));
  const col = (name: string) => header!.indexOf(name);
  t.ok(col('line') > 0 && col('total') > 0 && col('label') > 0, 'columns');
  t.equal(col('twice'), -1);
  t.same(rows.map((r) => Number(r[col('total')])).sort((a, b) => a - b), [3, 5, 5, 5, 24, 24, 24, 24, 200]);
  const cb = await analyst.get(`/api/exports/codebook?edition=${link.editionId}`, json);
  const questions = cb.json().questions as { name: string; type: string; computed?: boolean }[];
  t.same(questions.filter((x) => x.computed).map((x) => [x.name, x.type]), [['line', 'expression'], ['label', 'expression'], ['band', 'expression'], ['total', 'calculatedvalue']]);
  const csv = await analyst.get(`/api/exports/codebook?edition=${link.editionId}&format=csv`, { accept: '*/*' });
  t.match(csv.body, /orders,1,total,calculatedvalue,,source,computed by the server from the answers/);
});

t.test('the fold counts the computed values: the same figures from the tallies', async (t) => {
  t.same(tallyKeys(definition).counted, ['price', 'quantity', 'line', 'label', 'band', 'total']);
  const summary = () => summarizeEdition(app.db, definition, resultFilters({ editionId: link.editionId }), { k: 3, viewerMaySeeTexts: true });
  const before = await summary();
  await foldPending(app.db);
  t.equal(Number((await app.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).where('tallied', '=', false).executeTakeFirstOrThrow()).n), 0, 'every response folded');
  const tallied = await app.db.selectFrom('answer_tally').select(['value', 'kind']).distinct().where('edition_id', '=', link.editionId).where('key', '=', 'label').orderBy('value').execute();
  t.same(tallied, [{ value: 'bulk', kind: 's' }, { value: 'single', kind: 's' }], 'the tallies hold the recomputed values');
  t.same(await summary(), before);
});

t.test('two editions: computed numbers compared by mean and median, by name', async (t) => {
  const row = (price: number, quantity: number, line: number) => ({ link: 'A' as const, country: 'FR', authority: 'police', language: 'en', answers: { price, quantity, line, label: quantity > 10 ? 'bulk' : 'single', total: line } });
  const a = await seedResults(app, [...times(3, row(1, 2, 2)), ...times(3, row(2, 2, 4))], { definition, edition: '2019' });
  const b = await seedResults(app, [...times(4, row(3, 2, 6)), ...times(3, row(1, 1, 1))], { definition, edition: '2022' });
  const c = (await compareEditions(
    app.db,
    { label: '2019', definition, filters: resultFilters({ editionId: a.editionId }) },
    { label: '2022', definition, filters: resultFilters({ editionId: b.editionId }) },
    { k: 3, viewerMaySeeTexts: false },
  )) as EditionComparisonShown;
  const line = c.questions.find((q) => q.name === 'line')!;
  // 2019: 2 x3, 4 x3 -> mean 3, median 3; 2022: 6 x4, 1 x3 -> mean 27 / 7 = 3.86, median 6.
  t.same(line.numbers, { before: { base: 6, mean: 3, median: 3 }, after: { base: 7, mean: 3.86, median: 6 } });
  t.ok(line.compared);
  const label = c.questions.find((q) => q.name === 'label')!;
  t.same(label.numbers, { before: null, after: null }, 'values that are not numbers are not compared');
});
