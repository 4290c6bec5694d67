/**
 * Definitions that compute values (an expression question, calculated values): the page sends
 * survey-core's data with the computed values in it; they are never refused and never trusted.
 */
import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { publishAndLink } from '../../support/publish-definition.ts';

const definition = {
  title: 'Order',
  calculatedValues: [
    { name: 'total', expression: '{price} * {quantity}', includeIntoResult: true },
    { name: 'twice', expression: '{quantity} * 2' },
  ],
  pages: [{ name: 'p1', elements: [
    { type: 'text', inputType: 'number', name: 'price', step: 0.01, isRequired: true },
    { type: 'text', inputType: 'number', name: 'quantity', isRequired: true },
    { type: 'expression', name: 'line', expression: '{price} * {quantity}' },
    { type: 'expression', name: 'label', expression: "iif({quantity} > 10, 'bulk', 'single')", visibleIf: '{quantity} > 0' },
    { type: 'radiogroup', name: 'again', choices: ['yes', 'no'] },
  ] }],
};

let seq = 0;
async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t);
  const link = await publishAndLink(app, 'computed', definition);
  const submit = (answers: unknown, path = 'responses') => app.inject({
    method: 'POST', url: `/s/${link.token}/${path}`,
    headers: { 'content-type': 'application/json', 'idempotency-key': `computed-key-${Date.now()}-${++seq}-abcdef` },
    payload: JSON.stringify({ answers, locale: 'en', ...(path === 'progress' ? { page: 0 } : {}) }),
  });
  const stored = async (id: string) => (await app.db.selectFrom('response').select('answers').where('id', '=', id).executeTakeFirstOrThrow()).answers;
  return { app, submit, stored };
}

t.test('survey-core data with the computed values is accepted and the values are computed again on the server', async (t) => {
  const { submit, stored } = await setup(t);
  // Exactly what survey-core's model.data holds after answering: the expression values and the calculated value included in results.
  const res = await submit({ price: 2.5, quantity: 12, line: 30, label: 'bulk', total: 30, again: 'yes' });
  t.equal(res.statusCode, 201, res.body);
  t.same(await stored(res.json().id), { price: 2.5, quantity: 12, again: 'yes', line: 30, label: 'bulk', total: 30 });
});

t.test('computed values a client made up are replaced by the server\'s, not stored and not refused', async (t) => {
  const { submit, stored } = await setup(t);
  const res = await submit({ price: 3, quantity: 2, line: 1e9, label: { evil: true }, total: 'x'.repeat(50), twice: 'forged', 'line-Comment': 'x' });
  t.equal(res.statusCode, 201, res.body);
  t.same(await stored(res.json().id), { price: 3, quantity: 2, line: 6, label: 'single', total: 6 }, 'a calculated value not included in results is not stored');
});

t.test('a computed value hidden by its condition is not stored', async (t) => {
  const { submit, stored } = await setup(t);
  const res = await submit({ price: 3, quantity: 0, line: 0, label: 'single', total: 0 });
  t.equal(res.statusCode, 201, res.body);
  t.same(await stored(res.json().id), { price: 3, quantity: 0, line: 0, total: 0 });
});

t.test('the asked questions are still checked strictly, and a refusal changes nothing', async (t) => {
  const { app, submit } = await setup(t);
  const bad = await submit({ price: '3', quantity: 2, line: 6, total: 6 });
  t.equal(bad.statusCode, 422);
  t.match(bad.json(), { errors: { price: [/number/] } });
  t.notOk(bad.json().errors.line, 'no error on the computed value');
  const missing = await submit({ line: 6, total: 6 });
  t.equal(missing.statusCode, 422);
  t.ok(missing.json().errors.price && missing.json().errors.quantity, 'required questions listed');
  const unknown = await submit({ price: 1, quantity: 1, nope: 1 });
  t.equal(unknown.statusCode, 422);
  t.equal(Number((await app.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0);
});

t.test('saving progress with computed values works too', async (t) => {
  const { submit } = await setup(t);
  const res = await submit({ price: 3, line: null, total: 'junk' }, 'progress');
  t.equal(res.statusCode, 200, res.body);
});
