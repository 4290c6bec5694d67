import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';
import { generateAnswers } from '../../support/answer-generator.ts';
import { findEditionById } from '../../../server/surveys/edition-repository.ts';

const json = { 'content-type': 'application/json' };
let keySeq = 0;
const newKey = () => `test-key-${Date.now()}-${++keySeq}-abcdef`;

async function setup(t: Parameters<typeof buildTestApp>[0], opts: Parameters<typeof openLink>[1] = {}) {
  const { app, logs } = await buildTestApp(t);
  const link = await openLink(app, opts);
  const edition = await findEditionById(app.db, link.editionId);
  const definition = edition!.definition;
  const responseCount = async () => Number((await app.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const submit = (answers: unknown, opts: { key?: string; locale?: string; extra?: Record<string, unknown> } = {}) =>
    app.inject({
      method: 'POST',
      url: `/s/${link.token}/responses`,
      headers: { ...json, 'idempotency-key': opts.key ?? newKey() },
      payload: JSON.stringify({ answers, locale: opts.locale ?? 'en', ...opts.extra }),
    });
  return { app, logs, link, definition, responseCount, submit };
}

t.test('a valid response is stored with what is needed to count, and nothing identifying', async (t) => {
  const { app, link, definition, submit } = await setup(t, { country: 'FR' });
  const answers = generateAnswers(definition, 1);
  const res = await submit(answers, { locale: 'fr' });
  t.equal(res.statusCode, 201, res.body);
  const body = res.json();
  t.match(body.id, /^[0-9a-f-]{36}$/);
  t.match(body.deletionCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  const row = await app.db.selectFrom('response').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
  t.equal(row.status, 'complete');
  t.equal(row.link_id, link.linkId);
  t.equal(row.campaign_id, link.campaignId);
  t.equal(row.edition_id, link.editionId);
  t.equal(row.link_country, 'FR');
  t.equal(row.country, answers.country);
  t.equal(row.authority_type, answers.authority_type);
  t.equal(row.language, 'fr');
  t.match(row.submitted_on, /^\d{4}-\d{2}-\d{2}$/, 'a date, no time of day');
  t.notOk(row.resume_token_hash);
  t.not(row.deletion_code_hash, body.deletionCode, 'only a hash of the code is stored');
  t.same(Object.keys(row).sort(), [
    // fold_seq: the tally folder's batch number, set when folded and cleared by the day's shuffle.
    'answers', 'authority_type', 'campaign_id', 'country', 'deletion_code_hash', 'edition_id', 'fold_seq', 'id', 'language',
    'last_page', 'link_country', 'link_id', 'resume_token_hash', 'shuffled', 'started_on', 'status', 'submitted_on', 'tallied',
    ...Object.keys(row).filter((k) => k === 'wave_id'),
  ].sort(), 'no column holds anything about the client');
});

t.test('a retry with the same key returns the first result and stores nothing new', async (t) => {
  const { definition, submit, responseCount } = await setup(t);
  const answers = generateAnswers(definition, 2);
  const key = newKey();
  const first = await submit(answers, { key });
  const second = await submit(answers, { key });
  t.equal(first.statusCode, 201);
  t.equal(second.statusCode, 201);
  t.same(second.json(), first.json());
  t.equal(await responseCount(), 1);
  const conflict = await submit({ ...answers, comments: 'changed my mind' }, { key });
  t.equal(conflict.statusCode, 409);
  t.equal(await responseCount(), 1);
});

t.test('concurrent copies of one submission store one response', async (t) => {
  const { definition, submit, responseCount } = await setup(t);
  const answers = generateAnswers(definition, 3);
  const key = newKey();
  const results = await Promise.all(Array.from({ length: 5 }, () => submit(answers, { key })));
  t.same(new Set(results.map((r) => r.statusCode)), new Set([201]));
  t.equal(new Set(results.map((r) => r.json().id)).size, 1);
  t.equal(await responseCount(), 1);
});

t.test('bad input gets a clear error and changes nothing', async (t) => {
  const { app, link, definition, submit, responseCount } = await setup(t);
  const valid = generateAnswers(definition, 4);
  const url = `/s/${link.token}/responses`;
  const cases: [string, () => Promise<{ statusCode: number; body: string }>, number][] = [
    ['malformed JSON', () => app.inject({ method: 'POST', url, headers: { ...json, 'idempotency-key': newKey() }, payload: '{"answers": {' }), 400],
    ['body over the limit', () => app.inject({ method: 'POST', url, headers: { ...json, 'idempotency-key': newKey() }, payload: JSON.stringify({ answers: { comments: 'x'.repeat(300_000) }, locale: 'en' }) }), 413],
    ['a form instead of JSON', () => app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() }, payload: 'answers=1' }), 415],
    ['__proto__ key', () => app.inject({ method: 'POST', url, headers: { ...json, 'idempotency-key': newKey() }, payload: '{"answers": {"__proto__": {"admin": true}}, "locale": "en"}' }), 400],
    ['constructor key', () => submit({ ...valid, constructor: { prototype: {} } }), 400],
    ['no Idempotency-Key', () => app.inject({ method: 'POST', url, headers: json, payload: JSON.stringify({ answers: valid, locale: 'en' }) }), 422],
    ['unknown question', () => submit({ ...valid, favourite_colour: 'blue' }), 422],
    ['value outside choices', () => submit({ ...valid, country: 'ATLANTIS' }), 422],
    ['wrong type', () => submit({ ...valid, authority_type: ['police'] }), 422],
    ['unknown language', () => submit(valid, { locale: 'xx' }), 422],
    ['answers not an object', () => submit([1, 2, 3]), 422],
    ['extra top-level field', () => submit(valid, { extra: { admin: true } }), 422],
    ['NUL byte', () => submit({ ...valid, comments: 'a\u0000b' }), 400],
  ];
  for (const [name, send, status] of cases) {
    const res = await send();
    t.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 200)}`);
    t.ok(res.statusCode < 500);
  }
  t.equal(await responseCount(), 0, 'nothing was stored');
});

t.test('missing required answers are listed per question in the respondent language', async (t) => {
  const { submit, responseCount } = await setup(t);
  const res = await submit({}, { locale: 'fr' });
  t.equal(res.statusCode, 422);
  const body = res.json();
  t.ok(body.errors.country, 'country is required');
  t.match(body.errors.country[0], /obligatoire/, 'the message is in French');
  t.equal(await responseCount(), 0);
});

t.test('answers to questions hidden by the branching are dropped', async (t) => {
  const { app, definition, submit } = await setup(t, { edition: '2019' });
  let answers: Record<string, unknown> | undefined;
  for (let seed = 1; seed < 200 && !answers; seed++) {
    const a = generateAnswers(definition, seed);
    if (a.jpp_experience === 'no') answers = a;
  }
  t.ok(answers, 'found a no-experience path');
  const res = await submit({ ...answers, jpp_satisfaction: 5 });
  t.equal(res.statusCode, 201, res.body);
  const row = await app.db.selectFrom('response').select('answers').where('id', '=', res.json().id).executeTakeFirstOrThrow();
  t.notOk('jpp_satisfaction' in row.answers, 'the experience-only answer was dropped');
});

t.test('a campaign that is closed or not yet open takes no answers', async (t) => {
  const { app, logs } = await buildTestApp(t);
  void logs;
  const DAY = 86_400_000;
  const closed = await openLink(app, { opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - DAY) });
  const future = await openLink(app, { opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 10 * DAY) });
  const post = (token: string) => app.inject({ method: 'POST', url: `/s/${token}/responses`, headers: { ...json, 'idempotency-key': newKey() }, payload: JSON.stringify({ answers: {}, locale: 'en' }) });
  t.equal((await post(closed.token)).statusCode, 410);
  t.equal((await post(future.token)).statusCode, 404);
  t.equal((await app.inject({ url: `/s/${closed.token}` })).statusCode, 410);
  const notOpen = await app.inject({ url: `/s/${future.token}` });
  t.equal(notOpen.statusCode, 404);
  t.match(notOpen.body, /not open yet/);
});

t.test('a link that is disabled or closed after a submission refuses the next one at once', async (t) => {
  const { app, link, definition, submit, responseCount } = await setup(t);
  const answers = generateAnswers(definition, 5);
  t.equal((await submit(answers)).statusCode, 201, 'the first goes through (and this server copy remembers the link)');
  t.equal((await submit(answers)).statusCode, 201, 'so does the next');

  await app.db.updateTable('link').set({ disabled_at: new Date() }).where('id', '=', link.linkId).execute();
  const disabled = await submit(answers);
  t.equal(disabled.statusCode, 404, 'a disabled link: the same 404 as an unknown one');
  t.equal((await submit({ ...answers, no_such_question: 1 })).statusCode, 404, 'refused answers on a disabled link: still the 404');
  t.equal(await responseCount(), 2, 'nothing stored through the disabled link');

  await app.db.updateTable('link').set({ disabled_at: null }).where('id', '=', link.linkId).execute();
  t.equal((await submit(answers)).statusCode, 201, 'enabled again: stored');

  await app.db.updateTable('campaign').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', link.campaignId).execute();
  t.equal((await submit(answers)).statusCode, 410, 'closed meanwhile: 410');
  t.equal(await responseCount(), 3, 'nothing stored after the close');
  await app.db.updateTable('campaign').set({ extended_until: new Date(Date.now() + 60_000) }).where('id', '=', link.campaignId).execute();
  t.equal((await submit(answers)).statusCode, 201, 'extended: open again');
});
