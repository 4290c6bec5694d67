/**
 * The nested types through the respondent's route: a valid answer set of the fixture is stored as
 * survey-core gives it (hidden cells and panel questions dropped), a tampered one is refused with
 * 422 and per-field detail, and the results page, the Dashboard feed and the JSON export of an
 * edition holding such answers still answer.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { buildTestApp } from '../../helper.ts';
import { publishAndLink } from '../../support/publish-definition.ts';
import { staffClient } from '../staff/staff-client.ts';
import { VALID } from '../../support/nested-answers.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
const link = await publishAndLink(app, 'nested', fixture);
let seq = 0;
const submit = (answers: unknown) => app.inject({
  method: 'POST', url: `/s/${link.token}/responses`,
  headers: { 'content-type': 'application/json', 'idempotency-key': `nested-key-${Date.now()}-${++seq}-abcdef` },
  payload: JSON.stringify({ answers, locale: 'en' }),
});
const stored = async (id: string) => (await app.db.selectFrom('response').select('answers').where('id', '=', id).executeTakeFirstOrThrow()).answers;

t.test('a valid answer set: 201, stored as given, hidden cells and panel questions dropped', async (t) => {
  const res = await submit(VALID);
  t.equal(res.statusCode, 201, res.body);
  t.same(await stored(res.json().id), VALID);
  const hidden = await submit({
    ...VALID,
    partners: { lead: { role: 'buyer', why: 'hidden for a buyer' }, other: { role: 'buyer' } },
    procurements: [{ year: 2021, outcome: 'awarded', cancel_reason: 'hidden: awarded' }],
  });
  t.equal(hidden.statusCode, 201, hidden.body);
  const kept = await stored(hidden.json().id) as typeof VALID;
  t.same(kept.partners, { lead: { role: 'buyer' }, other: { role: 'buyer' } });
  t.same(kept.procurements, [{ year: 2021, outcome: 'awarded' }], 'the {panel.outcome} condition hides the reason, which is not stored');
});

t.test('tampered answers: 422 with the row, panel or item named, nothing stored', async (t) => {
  const before = (await app.db.selectFrom('response').select(app.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['too many rows', { lots: Array.from({ length: 4 }, () => ({ kind: ['works'] })) }, 'lots', /At most 3 rows/],
    ['an unknown cell', { partners: { lead: { role: 'buyer', colour: 'red' }, other: { role: 'buyer' } } }, 'partners', /^Row "lead", column "colour": Unknown column\.$/],
    ['a cell value outside its choices', { partners: { lead: { role: 'boss' }, other: { role: 'buyer' } } }, 'partners', /^Row "lead", column "role": "boss" is not one of the listed answers\.$/],
    ['a panel question of the wrong type', { procurements: [{ year: 'last year', outcome: 'awarded' }] }, 'procurements', /^Panel 1, question "year": Expected a number\.$/],
    ['a required panel question left empty', { procurements: [{ year: 2020, outcome: 'awarded' }, { year: 2021 }] }, 'procurements', /^Panel 2, question "outcome": Response required\.$/],
    ['an unknown item', { contact: { unit: 'x', mobile: '+33' } }, 'contact', /^Item "mobile": Unknown item\.$/],
    ['a picture not offered', { channel: 'fax' }, 'channel', /not one of the pictures/],
    ['a slider out of range', { effort: 42 }, 'effort', /from 0 to 10/],
  ];
  for (const [name, change, key, message] of cases) {
    const res = await submit({ ...VALID, ...change });
    t.equal(res.statusCode, 422, name);
    t.same(Object.keys(res.json().errors), [key], name);
    t.match(res.json().errors[key][0], message, name);
  }
  const after = (await app.db.selectFrom('response').select(app.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
  t.equal(Number(after), Number(before));
});

t.test('the results page, the Dashboard feed and the JSON export answer with such answers stored', async (t) => {
  for (let i = 0; i < 3; i++) t.equal((await submit(VALID)).statusCode, 201);
  const analyst = await staffClient(app, 'analyst');
  const page = await analyst.get(`/staff/results?edition=${link.editionId}`);
  t.equal(page.statusCode, 200, 'results page');
  t.equal((await analyst.get(`/api/results/summary?edition=${link.editionId}`, { accept: 'application/json' })).statusCode, 200, 'results summary');
  t.equal((await analyst.get(`/staff/dashboard?edition=${link.editionId}`)).statusCode, 200, 'dashboard page');
  for (const question of ['partners', 'lots', 'procurements', 'contact', 'channel', 'effort']) {
    for (const visualizer of ['selectBase', 'matrix', 'number', 'histogram', 'text']) {
      const res = await analyst.get(`/api/dashboard/summary?edition=${link.editionId}&question=${question}&visualizer=${visualizer}`, { accept: 'application/json' });
      t.ok(res.statusCode < 500, `${question} ${visualizer}: ${res.statusCode}`);
    }
  }
  const json = await analyst.get(`/api/exports/responses?edition=${link.editionId}&format=json`, { accept: '*/*' });
  t.equal(json.statusCode, 200, json.body.slice(0, 300));
  // JSON holds each answer as SurveyJS gives it: a matrix or a panel is an object or a list, not text.
  const rows = json.json() as Record<string, unknown>[];
  const full = rows.filter((r) => Array.isArray(r.procurements) && r.procurements.length === 2);
  t.equal(full.length, 4, 'every response with two panels is exported');
  for (const key of Object.keys(VALID) as (keyof typeof VALID)[]) t.same(full[0]![key], VALID[key], `${key} as given`);
  const csv = await analyst.get(`/api/exports/responses?edition=${link.editionId}&format=csv`, { accept: '*/*' });
  t.equal(csv.statusCode, 200);
  t.match(csv.body, /,procurements\.count,/, 'CSV: the number of panels in the responses table (the panels in their long table)');
});
