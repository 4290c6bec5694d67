/**
 * Per-client rate limits, held in memory only: submissions (SUBMIT_RATE_PER_MINUTE) and deletion-code
 * attempts (DELETE_RATE_PER_WINDOW). Over the limit a client gets 429 and stores nothing; another
 * client keeps its own budget; the client's address appears in no table and no log line.
 */
import t from 'tap';
import { sql } from 'kysely';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';

const OTHER_CLIENT = '203.0.113.7';

t.test('submissions and deletion attempts are limited per client', async (t) => {
  const { app, logs } = await buildTestApp(t, { SUBMIT_RATE_PER_MINUTE: '3', DELETE_RATE_PER_WINDOW: '2' });
  const link = await openLink(app, { edition: '2022' });
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  let n = 0;
  const submit = (remoteAddress = '127.0.0.1') => {
    n += 1;
    return app.inject({
      method: 'POST', url: `/s/${link.token}/responses`, remoteAddress,
      headers: { 'content-type': 'application/json', 'idempotency-key': `rate-limit-key-${String(n).padStart(4, '0')}` },
      payload: JSON.stringify({ answers: generateAnswers(definition, 7), locale: 'en' }),
    });
  };
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from response`.execute(app.db)).rows[0]!.n;

  const first = [await submit(), await submit(), await submit()];
  t.same(first.map((r) => r.statusCode), [201, 201, 201], 'three submissions within the limit');
  const over = await submit();
  t.equal(over.statusCode, 429, 'the fourth in the minute is refused');
  t.ok(Number(over.headers['retry-after']) > 0, 'with Retry-After');
  t.equal(await count(), 3, 'and stores nothing');
  t.equal((await submit(OTHER_CLIENT)).statusCode, 201, 'another client has its own budget');

  const del = (code: string, remoteAddress = '127.0.0.1') => app.inject({
    method: 'POST', url: `/s/${link.token}/responses/delete`, remoteAddress,
    headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ deletionCode: code }),
  });
  const realCode = (first[0]!.json() as { deletionCode: string }).deletionCode;
  t.equal((await del('AAAA-AAAA-AAAA-AAAA-AAAA')).statusCode, 404, 'a wrong code');
  t.equal((await del('BBBB-BBBB-BBBB-BBBB-BBBB')).statusCode, 404, 'another wrong code');
  t.equal((await del(realCode)).statusCode, 429, 'the third attempt in the window is refused, even with the right code');
  t.equal(await count(), 4, 'nothing was deleted');
  t.equal((await del(realCode, OTHER_CLIENT)).statusCode, 200, 'another client may still delete with the code');
  t.equal(await count(), 3);

  const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = current_schema()`.execute(app.db);
  t.notOk(columns.rows.some((c) => /ip|addr|agent|referr/i.test(c.column_name) && !/recipient|description|ship/i.test(c.column_name)), 'no table has a column for a client address');
  t.notOk(JSON.stringify(logs).includes(OTHER_CLIENT), 'no log line holds the client address');
});
