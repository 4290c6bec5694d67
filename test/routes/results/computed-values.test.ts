/**
 * Values the server computes (expression questions, a calculated value kept in the results): answers
 * sent through the respondent page, then the recomputed values counted in the results, the
 * Dashboard feed, the exports and the codebook. The figures below are counted by hand.
 */
import t from 'tap';
import { buildTestApp } from '../../helper.ts';
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
