import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';
import { generateAnswers } from '../../support/answer-generator.ts';
import { findEditionById } from '../../../server/surveys/edition-repository.ts';

const json = { 'content-type': 'application/json' };

t.test('the survey page renders in the link language from the project only', async (t) => {
  const { app } = await buildTestApp(t);
  const fr = await openLink(app, { language: 'fr' });
  const res = await app.inject({ url: `/s/${fr.token}` });
  t.equal(res.statusCode, 200);
  t.match(res.body, /<html lang="fr">/);
  t.match(res.body, /survey-core\.fontless\.min\.[\w-]{12}\.css/);
  t.match(res.body, /\/static\/vendor\/survey-core\/i18n\/french\.min\.[\w-]{12}\.js/);
  t.notMatch(res.body, /https?:\/\/(?!127\.0\.0\.1|localhost)/, 'no third-party host is referenced');
  t.notMatch(res.body, /<script>/, 'no inline script');
  t.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
  t.equal(res.headers['referrer-policy'], 'no-referrer');

  const en = await openLink(app, { language: 'en' });
  const viaBrowser = await app.inject({ url: `/s/${en.token}?lang=fr` });
  t.match(viaBrowser.body, /<html lang="fr">/, 'an explicit choice wins');
});

t.test('unknown, malformed and disabled tokens all get the same 404 page', async (t) => {
  const { app } = await buildTestApp(t);
  const link = await openLink(app);
  await app.db.updateTable('link').set({ disabled_at: new Date() }).where('id', '=', link.linkId).execute();
  const bodies = [];
  for (const token of [link.token, 'AAAAAAAAAAAAAAAAAAAAAAAA', 'short', "x'%20or%201=1--"]) {
    const res = await app.inject({ url: `/s/${encodeURIComponent(token)}`, headers: { accept: 'text/html' } });
    t.equal(res.statusCode, 404, token);
    bodies.push(res.body);
  }
  t.equal(new Set(bodies).size, 1, 'the page does not reveal whether a token ever existed');
});

t.test('save, resume and submit: the partial response becomes the complete one', async (t) => {
  const { app } = await buildTestApp(t);
  const link = await openLink(app);
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  const answers = generateAnswers(definition, 7);
  const firstPage = { consent: answers.consent, country: answers.country };
  const saved = await app.inject({ method: 'POST', url: `/s/${link.token}/progress`, headers: json, payload: JSON.stringify({ answers: firstPage, locale: 'en', page: 1 }) });
  t.equal(saved.statusCode, 200, saved.body);
  const { resumeToken } = saved.json();
  t.match(resumeToken, /^[A-Za-z0-9_-]{32}$/);
  const stored = await app.db.selectFrom('response').selectAll().executeTakeFirstOrThrow();
  t.equal(stored.status, 'partial');
  t.not(stored.resume_token_hash, resumeToken, 'only a hash of the resume token is stored');

  const again = await app.inject({ method: 'POST', url: `/s/${link.token}/progress`, headers: json, payload: JSON.stringify({ answers: { ...firstPage, authority_type: answers.authority_type }, locale: 'en', page: 2, resumeToken }) });
  t.equal(again.statusCode, 200);
  const loaded = await app.inject({ method: 'POST', url: `/s/${link.token}/progress/load`, headers: json, payload: JSON.stringify({ resumeToken }) });
  t.equal(loaded.statusCode, 200);
  t.same(loaded.json(), { answers: { ...firstPage, authority_type: answers.authority_type }, page: 2, locale: 'en' });

  const bad = await app.inject({ method: 'POST', url: `/s/${link.token}/progress`, headers: json, payload: JSON.stringify({ answers: { country: 'NOWHERE' }, locale: 'en', page: 1, resumeToken }) });
  t.equal(bad.statusCode, 422, 'partial saves are checked too');

  const done = await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { ...json, 'idempotency-key': 'resume-test-key-0001' }, payload: JSON.stringify({ answers, locale: 'en', resumeToken }) });
  t.equal(done.statusCode, 201, done.body);
  const rows = await app.db.selectFrom('response').selectAll().execute();
  t.equal(rows.length, 1, 'still one response');
  t.equal(rows[0]!.status, 'complete');
  t.equal(rows[0]!.resume_token_hash, null);
  const gone = await app.inject({ method: 'POST', url: `/s/${link.token}/progress/load`, headers: json, payload: JSON.stringify({ resumeToken }) });
  t.equal(gone.statusCode, 404, 'a used resume token stops working');
});

t.test('the deletion code deletes the answer; wrong codes get 404 and are rate-limited', async (t) => {
  const { app } = await buildTestApp(t, { DELETE_RATE_PER_WINDOW: '4' });
  const link = await openLink(app);
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  const res = await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { ...json, 'idempotency-key': 'delete-test-key-0001' }, payload: JSON.stringify({ answers: generateAnswers(definition, 9), locale: 'en' }) });
  const { deletionCode } = res.json();
  const del = (code: string) => app.inject({ method: 'POST', url: `/s/${link.token}/responses/delete`, headers: json, payload: JSON.stringify({ deletionCode: code }) });
  t.equal((await del('AAAA-BBBB-CCCC-DDDD-EEEE')).statusCode, 404);
  t.equal((await del(deletionCode.toLowerCase().replace(/-/g, ' '))).statusCode, 200, 'typed loosely, still accepted');
  t.equal(Number((await app.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0);
  t.equal((await del(deletionCode)).statusCode, 404, 'already deleted');
  t.equal((await del('AAAA-BBBB-CCCC-DDDD-EEEF')).statusCode, 404);
  t.equal((await del('AAAA-BBBB-CCCC-DDDD-EEEG')).statusCode, 429, 'too many attempts');
});

t.test('no IP, user agent or referrer reaches the logs or the database', async (t) => {
  const { app, logs } = await buildTestApp(t);
  const link = await openLink(app);
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  const spy = { 'user-agent': 'SpyAgent/9.9', referer: 'https://referrer.example/page', 'x-forwarded-for': '203.0.113.77' };
  await app.inject({ url: `/s/${link.token}`, headers: spy, remoteAddress: '198.51.100.23' });
  await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { ...spy, ...json, 'idempotency-key': 'privacy-test-key-01' }, payload: JSON.stringify({ answers: generateAnswers(definition, 11), locale: 'en' }), remoteAddress: '198.51.100.23' });
  await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { ...spy, ...json, 'idempotency-key': 'privacy-test-key-02' }, payload: '{bad json', remoteAddress: '198.51.100.23' });
  // Respondent routes write no request line at all (plugins/respondent-log.ts); others still do.
  await app.inject({ url: '/healthz', headers: spy, remoteAddress: '198.51.100.23' });
  const logText = JSON.stringify(logs);
  t.ok(logs.some((l) => l.msg === 'request completed'), 'the app does log requests');
  for (const needle of ['SpyAgent', 'referrer.example', '203.0.113.77', '198.51.100.23', link.token]) {
    t.notOk(logText.includes(needle), `logs do not contain ${needle}`);
  }
  const dump = JSON.stringify(await app.db.selectFrom('response').selectAll().execute());
  for (const needle of ['SpyAgent', 'referrer.example', '203.0.113.77', '198.51.100.23']) {
    t.notOk(dump.includes(needle), `the database does not contain ${needle}`);
  }
});

t.test('health and readiness', async (t) => {
  const { app } = await buildTestApp(t);
  t.same((await app.inject({ url: '/healthz' })).json(), { status: 'ok' });
  const ready = await app.inject({ url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.equal(ready.json().database, 'up');
});
