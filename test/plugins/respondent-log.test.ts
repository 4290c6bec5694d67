/**
 * The log says nothing finer than the date about respondents: their routes (and the files their
 * pages load) write no request line, and the warnings and errors they do write carry a date and no
 * time. Staff routes keep their timed request lines.
 */
import { sql } from 'kysely';
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';

const { app, logs } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
const link = await openLink(app);
const definition = (await findEditionById(app.db, link.editionId))!.definition;
const json = { 'content-type': 'application/json' };
const submit = () =>
  app.inject({
    method: 'POST', url: `/s/${link.token}/responses`, headers: { ...json, 'idempotency-key': `log-test-${Date.now()}-abcdefgh` },
    payload: JSON.stringify({ answers: generateAnswers(definition, 3), locale: 'en' }),
  });
const respondentLines = () => logs.filter((l) => /^\/(s|assets|vendor)\//.test(String(l.route ?? '')) || JSON.stringify(l).includes(link.token));

t.test("a respondent's whole path writes no line; a staff request still does, with its time", async (t) => {
  const before = logs.length;
  t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}` })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/assets/js/survey-page.js' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/vendor/survey-core/survey.core.min.js' })).statusCode, 200);
  const saved = await app.inject({ method: 'POST', url: `/s/${link.token}/progress`, headers: json, payload: JSON.stringify({ answers: {}, locale: 'en', page: 1 }) });
  t.equal(saved.statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: `/s/${link.token}/progress/load`, headers: json, payload: JSON.stringify({ resumeToken: saved.json().resumeToken }) })).statusCode, 200);
  const res = await submit();
  t.equal(res.statusCode, 201);
  t.equal((await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: json, payload: '{}' })).statusCode, 422);
  const del = await app.inject({ method: 'POST', url: `/s/${link.token}/responses/delete`, headers: json, payload: JSON.stringify({ deletionCode: res.json().deletionCode }) });
  t.equal(del.statusCode, 200);
  t.same(logs.slice(before), [], 'not one line');

  t.equal((await app.inject({ method: 'GET', url: '/staff/sign-in' })).statusCode, 200);
  const staff = logs.slice(before).find((l) => l.msg === 'request completed');
  t.ok(staff, 'the staff request has its line');
  t.type(staff?.time, 'number', 'with its time, as before');
});

t.test('what a respondent route must log is dated to the day, without a time', async (t) => {
  const before = logs.length;
  // A failing counter is a warning, a failing store an error: both on respondent routes.
  await sql`alter table link_funnel_day rename to link_funnel_day_away`.execute(app.db);
  await sql`alter table submission_key rename to submission_key_away`.execute(app.db);
  try {
    t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}` })).statusCode, 200, 'the page is served all the same');
    t.equal((await submit()).statusCode, 500);
  } finally {
    await sql`alter table link_funnel_day_away rename to link_funnel_day`.execute(app.db);
    await sql`alter table submission_key_away rename to submission_key`.execute(app.db);
  }
  const lines = logs.slice(before);
  t.same(lines.map((l) => l.msg).sort(), ['funnel visit not counted', 'request failed']);
  for (const line of lines) {
    t.match(line.date, /^\d{4}-\d{2}-\d{2}$/, `"${String(line.msg)}" carries the date`);
    t.notOk('time' in line, 'and no time');
    t.notOk(JSON.stringify(line).includes(link.token), 'nor the link token');
  }
  t.same(respondentLines().filter((l) => 'time' in l), [], 'no respondent line at all has a time');
});
