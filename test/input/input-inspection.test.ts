import t from 'tap';
import { BUILT_IN_NAMES, inspectInput, MAX_DEPTH, MAX_VALUES } from '../../server/input/input-inspection.ts';
import { parseFilterQuery } from '../../analysis/filter-query.ts';

t.test('acceptable input passes', async (t) => {
  t.equal(inspectInput({ answers: { a: 'text 中 😀', b: [1, -0, 2.5], c: null, d: true }, locale: 'en' }), null);
  t.equal(inspectInput(Object.assign(Object.create(null), { edition: 'x', country: ['FR', 'ES'] })), null);
});

t.test('each problem is named by the path of its field', async (t) => {
  t.same(inspectInput({ answers: { comments: 'a\ud800b' } }), { 'answers.comments': ['contains an unpaired UTF-16 surrogate, which is not valid Unicode text'] });
  t.same(inspectInput({ answers: { x: ['ok', '\udfff'] } }), { 'answers.x.1': ['contains an unpaired UTF-16 surrogate, which is not valid Unicode text'] });
  t.same(inspectInput({ a: 'x\u0000' }), { a: ['contains a NUL character'] });
  t.same(inspectInput(JSON.parse('{"rateMax": 1e400, "n": -1e400}')), { rateMax: ['is a number too large to be represented'], n: ['is a number too large to be represented'] });
  t.ok(inspectInput(JSON.parse('{"a": {"__proto__": 1}}'))?.['a.__proto__']);
  for (const name of ['constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
    t.ok(BUILT_IN_NAMES.has(name), name);
    t.ok(inspectInput({ [name]: '1' })?.[name], name);
  }
  t.equal(inspectInput({ prototype: 'x' }), null, '"prototype" is left to the checks that know their names');
});

t.test('depth and size are bounded without recursion', async (t) => {
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  t.match(Object.values(inspectInput(deep)!)[0], [`is nested more than ${MAX_DEPTH} levels deep`]);
  t.match(Object.values(inspectInput({ a: Array.from({ length: MAX_VALUES + 1 }, () => 1) })!)[0], [/holds more than/]);
  t.equal(inspectInput({ a: Array.from({ length: 20_000 }, () => 1) }), null, '20,000 items are left to the route to judge');
});

t.test('filter errors keyed by parameter names have no prototype', async (t) => {
  for (const name of ['hasOwnProperty', 'toString', 'valueOf', 'constructor', '__proto__']) {
    const query = Object.create(null) as Record<string, string>;
    query.edition = '00000000-0000-4000-8000-000000000000';
    query[name] = '1';
    const parsed = parseFilterQuery(query);
    t.equal(parsed.ok, false, name);
    if (!parsed.ok) t.same(parsed.errors[name], ['is not a results filter'], name);
  }
});
