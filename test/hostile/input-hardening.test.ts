/**
 * Input that once answered 5xx or was stored other than checked: each case is a clear 4xx that
 * names the field and changes nothing, or (next, Cache-Control) the safe answer.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { sessionCookieName, setCookie, signIn, staffClient, anonymousForm, createStaffUser } from '../routes/staff/staff-client.ts';

t.setTimeout(300_000);

const json = { 'content-type': 'application/json' };
const base2022 = JSON.parse(readFileSync('surveys/jpp-experience/2022.json', 'utf8')) as Record<string, unknown>;

t.test('hostile input on every kind of route', async (t) => {
  const { app } = await buildTestApp(t, { SUBMIT_RATE_PER_MINUTE: '100000' });
  const open = await openLink(app, { country: 'FR', edition: '2022' });
  const definition = (await findEditionById(app.db, open.editionId))!.definition;
  const admin = await staffClient(app, 'admin');
  const analyst = await staffClient(app, 'analyst');
  const ipnc = await staffClient(app, 'ipnc', 'FR');
  const count = async (table: 'response' | 'campaign' | 'edition' | 'staff_user' | 'submission_key') =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(app.db)).rows[0]!.n;

  t.test('3, 10: a query parameter named after a built-in property is refused by name, for every role', async (t) => {
    const pages = [
      `/staff/results?edition=${open.editionId}`, `/staff/results/groups?edition=${open.editionId}&by=country`,
      `/staff/results/compare?edition=${open.editionId}`, `/api/results/summary?edition=${open.editionId}`,
      `/api/results/groups?edition=${open.editionId}&by=country`, `/api/results/compare?edition=${open.editionId}`,
      `/api/results/cross-tab?edition=${open.editionId}&rows=q.jpp_experience&columns=country`,
      `/staff/results/cross-tab?edition=${open.editionId}&rows=q.jpp_experience&columns=country`,
      `/staff/dashboard?edition=${open.editionId}`, `/api/dashboard/summary?edition=${open.editionId}&question=country&visualizer=selectBase`,
      `/api/exports/aggregates?edition=${open.editionId}`, `/api/exports/responses?edition=${open.editionId}`,
    ];
    for (const name of ['hasOwnProperty', 'toString', 'valueOf', 'constructor', 'isPrototypeOf', '__defineGetter__', '__proto__']) {
      for (const [who, client] of [['admin', admin], ['analyst', analyst], ['ipnc', ipnc]] as const) {
        // Every name for the admin; two for the other roles, which go through the same guard.
        if (who !== 'admin' && !['hasOwnProperty', '__proto__'].includes(name)) continue;
        for (const page of pages) {
          const res = await client.get(`${page}&${name}=1`, { accept: page.startsWith('/api/') ? 'application/json' : 'text/html' });
          // An IPNC may not read responses at all (403 before the query is looked at).
          const expected = who === 'ipnc' && page.startsWith('/api/exports/responses') ? [403] : [400];
          t.ok(expected.includes(res.statusCode), `${who} ${page}&${name}=1: ${res.statusCode}`);
          if (res.statusCode === 400 && page.startsWith('/api/')) t.ok(res.json().errors[`query.${name}`], `names query.${name}`);
        }
      }
    }
  });

  t.test('10: a Dashboard click filter on __proto__ is refused, not ignored', async (t) => {
    const filter = encodeURIComponent(JSON.stringify([{ field: '__proto__', type: '=', value: 'x' }]));
    const res = await analyst.get(`/api/dashboard/summary?edition=${open.editionId}&question=country&visualizer=selectBase&filter=${filter}`, { accept: 'application/json' });
    t.equal(res.statusCode, 422);
    const raw = encodeURIComponent('[{"field":"x\\ud800","type":"=","value":"a"}]');
    const lone = await analyst.get(`/api/dashboard/summary?edition=${open.editionId}&question=country&visualizer=selectBase&filter=${raw}`, { accept: 'application/json' });
    t.equal(lone.statusCode, 422, 'a lone surrogate inside the filter JSON');
  });

  t.test('4: a lone surrogate in an answer or a staff text field is a 400 naming the field; nothing stored', async (t) => {
    const before = [await count('response'), await count('submission_key'), await count('staff_user')];
    const progress = await app.inject({ method: 'POST', url: `/s/${open.token}/progress`, headers: json, payload: '{"answers":{"consent":true,"comments":"\\udfff"},"locale":"en","page":1}' });
    t.equal(progress.statusCode, 400);
    t.same(Object.keys(progress.json().errors), ['answers.comments']);
    const answers = generateAnswers(definition, 3, { preset: { comments: 'a\ud800b' } });
    t.equal(answers.comments, 'a\ud800b');
    const submit = await app.inject({ method: 'POST', url: `/s/${open.token}/responses`, headers: { ...json, 'idempotency-key': 'surrogate-key-0001' }, payload: JSON.stringify({ answers, locale: 'en' }) });
    t.equal(submit.statusCode, 400);
    t.ok(submit.json().errors['answers.comments']);
    const staff = await admin.request('POST', '/staff/users', JSON.stringify({ email: 'x@example.eu', name: 'A\udc00', role: 'analyst' }), json);
    t.equal(staff.statusCode, 400, 'a staff text field follows the same rule');
    t.same([await count('response'), await count('submission_key'), await count('staff_user')], before);
  });

  t.test('1e400 in a body is a 400, never stored as null', async (t) => {
    const res = await app.inject({ method: 'POST', url: `/s/${open.token}/progress`, headers: json, payload: '{"answers":{"jpp_count":1e400},"locale":"en","page":1}' });
    t.equal(res.statusCode, 400);
    t.ok(res.json().errors['answers.jpp_count']);
  });

  t.test('5, 8: audit dates must be real days', async (t) => {
    for (const from of ['2026-13-45', '2026-02-30', '0000-01-01', '99999-01-01']) {
      const res = await admin.get(`/staff/audit?from=${from}`);
      t.equal(res.statusCode, 422, `from=${from}`);
    }
    t.equal((await admin.get('/staff/audit?from=2024-02-29&to=2026-12-31')).statusCode, 200, 'a leap day is a real day');
  });

  t.test('8: campaign dates are real and in range, or nothing is created', async (t) => {
    const before = await count('campaign');
    const cases: Record<string, string>[] = [
      { opensAt: '2026-02-30T00:00', closesAt: '2026-04-01T00:00' },
      { opensAt: '0000-01-01T00:00', closesAt: '2026-04-01T00:00' },
      { opensAt: '2026-03-01T24:00', closesAt: '2026-04-01T00:00' },
      { opensAt: '2026-03-01T00:00', closesAt: '2026-04-01T00:00', retainUntil: '99999-01-01' },
      { opensAt: '2026-03-01T00:00', closesAt: '2026-04-01T00:00', retainUntil: '2028-02-30' },
    ];
    for (const c of cases) {
      const res = await admin.post('/staff/campaigns', { edition: 'jpp-experience/2022', name: 'Dates', ...c });
      t.equal(res.statusCode, 422, JSON.stringify(c));
    }
    t.equal(await count('campaign'), before);
    const window = await admin.post(`/staff/campaigns/${open.campaignId}/window`, { opensAt: '2026-02-30T00:00', closesAt: '2030-01-01T00:00' });
    t.equal(window.statusCode, 422, 'a changed window too');
  });

  t.test('9: an edition with an extra part and an IPNC of OTHER are refused', async (t) => {
    const campaigns = await count('campaign');
    const res = await admin.post('/staff/campaigns', { edition: 'jpp-experience/2022/x', name: 'Extra', opensAt: '2026-03-01T00:00', closesAt: '2026-04-01T00:00' });
    t.equal(res.statusCode, 422);
    t.equal(await count('campaign'), campaigns);
    const users = await count('staff_user');
    const other = await admin.post('/staff/users', { email: 'other@example.eu', name: 'Other', role: 'ipnc', country: 'OTHER' });
    t.equal(other.statusCode, 422);
    t.equal(await count('staff_user'), users);
    t.notMatch((await admin.get('/staff/users')).body, /value="OTHER"/, 'the form does not offer it');
  });

  t.test('7, 11: edition uploads are bounded and store exactly what was checked', async (t) => {
    const editions = await count('edition');
    const upload = (edition: string, definition: string) => admin.post('/staff/editions', { surveyId: 'jpp-experience', edition, definition });

    // Written as text: JSON.stringify itself would overflow the stack on 3,000 levels.
    const panels = Array.from({ length: 3000 }, (_, i) => `{"type":"panel","name":"p${i}","elements":[`).join('');
    const deep = await upload('deep', `{"pages":[{"name":"p","elements":[${panels}{"type":"text","name":"deep"}${']}'.repeat(3000)}]}]}`);
    t.equal(deep.statusCode, 422, '3,000 nested panels');
    t.match(deep.body, /nested more than/);
    const deepArrays = await upload('arrays', `{"pages":[{"name":"p","elements":[{"type":"text","name":"a","title":${'['.repeat(5000)}${']'.repeat(5000)}}]}]}`);
    t.equal(deepArrays.statusCode, 422, 'arrays nested 5,000 deep');

    const many = { pages: [{ name: 'p', elements: Array.from({ length: 10_000 }, (_, i) => ({ type: 'text', name: `q${i}` })) }] };
    const started = Date.now();
    const big = await upload('many', JSON.stringify(many));
    const ms = Date.now() - started;
    t.equal(big.statusCode, 422, '10,000 questions');
    t.match(big.body, /at most 250/);
    t.ok(ms < 5000, `refused in ${ms} ms, before survey-core loads it`);

    const rating = JSON.stringify(base2022).replace('"rateMax":5', '"rateMax":1e400');
    t.not(rating, JSON.stringify(base2022));
    const infinite = await upload('infinite', rating);
    t.equal(infinite.statusCode, 422, 'rateMax 1e400');
    t.match(infinite.body, /rateMax: the number is too large/);
    t.equal(await count('edition'), editions, 'nothing was published');
  });

  t.test('12: a count question takes whole numbers, with the message in the respondent\'s language', async (t) => {
    const before = await count('response');
    const answers = generateAnswers(definition, 5, { preset: { jpp_experience: 'yes', jpp_count: 1.5 } });
    t.equal(answers.jpp_count, 1.5);
    for (const [locale, message] of [['en', 'Enter a whole number.'], ['fr', 'Saisissez un nombre entier.'], ['el', 'Εισαγάγετε έναν ακέραιο αριθμό.']] as const) {
      const res = await app.inject({ method: 'POST', url: `/s/${open.token}/responses`, headers: { ...json, 'idempotency-key': `count-key-${locale}-0001` }, payload: JSON.stringify({ answers, locale }) });
      t.equal(res.statusCode, 422, locale);
      t.same(res.json().errors.jpp_count, [message], locale);
    }
    t.equal(await count('response'), before);
    const whole = await app.inject({ method: 'POST', url: `/s/${open.token}/responses`, headers: { ...json, 'idempotency-key': 'count-key-whole-001' }, payload: JSON.stringify({ answers: { ...answers, jpp_count: 2 }, locale: 'en' }) });
    t.equal(whole.statusCode, 201, 'a whole number is accepted');
  });

  t.test('14: staff pages are never stored by a browser or a proxy', async (t) => {
    for (const url of ['/staff', `/staff/results?edition=${open.editionId}`, '/staff/campaigns', '/staff/country/FR', '/staff/nowhere']) {
      const res = await admin.get(url);
      t.equal(res.headers['cache-control'], 'no-store', `${url} (${res.statusCode})`);
    }
  });

  t.test('6, 15: next is normalised to a staff path, encoded, or dropped', async (t) => {
    const signedIn = await admin.get('/staff/sign-in?next=%2Fstaff%2F%E4%B8%AD');
    t.equal(signedIn.statusCode, 303);
    t.equal(signedIn.headers.location, '/staff/%E4%B8%AD');
    for (const [next, location] of [['/staff/../\\evil', '/staff'], ['//evil.example', '/staff'], ['/\\evil.example', '/staff'], ['/staff/./campaigns/../users', '/staff/users'], ['/elsewhere', '/staff']] as const) {
      const res = await admin.get(`/staff/sign-in?next=${encodeURIComponent(next)}`);
      t.equal(res.headers.location, location, next);
    }
    const form = await anonymousForm(app);
    const shown = await app.inject({ url: `/staff/sign-in?next=${encodeURIComponent('/staff/../\\evil')}`, headers: { cookie: form.cookie, accept: 'text/html' } });
    t.notMatch(shown.body, /name="next"/, 'a foreign next is not carried into the form');
    const user = await createStaffUser(app, 'analyst');
    const res = await app.inject({
      method: 'POST', url: '/staff/sign-in', headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: user.email, password: 'a long enough test passphrase', _csrf: form.csrf, next: '/staff/中' }).toString(),
    });
    t.equal(res.statusCode, 303);
    t.equal(res.headers.location, '/staff/%E4%B8%AD');
    t.ok(setCookie(res, sessionCookieName(app)));
    await signIn(app, user.email);
  });
});
