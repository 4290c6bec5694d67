/**
 * CSRF: every state-changing staff request without the right token gets 403 and changes nothing;
 * the token is bound to one session (or one pre-session cookie); respondent routes need none.
 */
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { anonymousForm, createStaffUser, signIn, TEST_PASSWORD } from '../routes/staff/staff-client.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// One app for the file (building one takes seconds); every test makes its own users.
const { app } = await buildTestApp(t);
const test = t.test.bind(t);

test('a staff change without the token, or with a wrong one, is refused with 403 and changes nothing', async (t) => {
  const admin = await signIn(app, (await createStaffUser(app, 'admin')).email);
  const other = await signIn(app, (await createStaffUser(app, 'admin')).email);
  const member = await createStaffUser(app, 'analyst');
  const { campaignId } = await openLink(app);
  const counts = async () => ({
    users: (await app.db.selectFrom('staff_user').select('id').execute()).length,
    campaigns: (await app.db.selectFrom('campaign').select('id').execute()).length,
    audit: (await app.db.selectFrom('audit_event').select('id').execute()).length,
    disabled: (await app.db.selectFrom('staff_user').select('id').where('disabled_at', 'is not', null).execute()).length,
    closes: (await app.db.selectFrom('campaign').select('closes_at').where('id', '=', campaignId).executeTakeFirstOrThrow()).closes_at.getTime(),
  });
  const before = await counts();
  const attempts: [string, Record<string, string>][] = [
    ['/staff/users', { email: 'new@example.eu', name: 'New', role: 'analyst' }],
    [`/staff/users/${member.id}/disable`, {}],
    [`/staff/users/${member.id}/reset-password`, {}],
    [`/staff/campaigns/${campaignId}/close`, {}],
    ['/staff/campaigns', { edition: 'jpp-experience/2022', name: 'X', opensAt: '2030-01-01T00:00', closesAt: '2030-02-01T00:00' }],
    ['/staff/editions', { surveyId: 'x', edition: 'y', definition: '{}' }],
  ];
  for (const [url, form] of attempts) {
    const missing = await admin.post(url, form, { csrf: false });
    t.equal(missing.statusCode, 403, `${url} without a token`);
    t.match(missing.body, /did not come from this site/);
    t.equal((await admin.post(url, form, { csrf: 'x'.repeat(43) })).statusCode, 403, `${url} with a wrong token`);
    t.equal((await admin.post(url, form, { csrf: other.csrf })).statusCode, 403, `${url} with another session's token`);
    t.equal((await admin.post(url, form, { csrf: '' })).statusCode, 403, `${url} with an empty token`);
  }
  t.same(await counts(), before, 'nothing changed, nothing audited');

  // The same token in the header of a fetch call works, and so does the form field.
  const viaHeader = await app.inject({
    method: 'POST', url: `/staff/users/${member.id}/disable`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...FORM }, payload: '',
  });
  t.equal(viaHeader.statusCode, 303, 'the header is accepted');
  t.equal((await admin.post(`/staff/users/${member.id}/enable`)).statusCode, 303, 'the form field is accepted');
});

test('sign-in and set-password forms are bound to the pre-session cookie', async (t) => {
  const user = await createStaffUser(app, 'admin');
  const anon = await anonymousForm(app);
  const other = await anonymousForm(app);
  const body = (csrf?: string) => new URLSearchParams({ email: user.email, password: TEST_PASSWORD, ...(csrf ? { _csrf: csrf } : {}) }).toString();
  const sessions = async () => (await app.db.selectFrom('staff_session').select('id_hash').where('user_id', '=', user.id).execute()).length;
  const post = (cookie: string | undefined, csrf?: string) =>
    app.inject({ method: 'POST', url: '/staff/sign-in', headers: { ...FORM, ...(cookie ? { cookie } : {}) }, payload: body(csrf) });
  t.equal((await post(undefined, anon.csrf)).statusCode, 403, 'a token without its cookie');
  t.equal((await post(anon.cookie)).statusCode, 403, 'a cookie without a token');
  t.equal((await post(anon.cookie, other.csrf)).statusCode, 403, "another browser's token");
  t.equal(await sessions(), 0, 'no session was made');
  t.equal((await post(anon.cookie, anon.csrf)).statusCode, 303, 'the matching pair signs in');

  const { token } = await app.services.users.create('cli', { email: 'late@example.eu', name: 'Late', role: 'analyst' });
  const setPw = await app.inject({
    method: 'POST', url: `/staff/set-password/${token}`, headers: { ...FORM, cookie: anon.cookie },
    payload: new URLSearchParams({ password: 'a brand new passphrase', confirm: 'a brand new passphrase' }).toString(),
  });
  t.equal(setPw.statusCode, 403);
  t.ok(await app.services.users.checkToken(token!), 'the link is still unused');
});

test('respondent routes need no token and no cookie', async (t) => {
  const { token } = await openLink(app);
  const res = await app.inject({
    method: 'POST', url: `/s/${token}/progress`, headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ answers: {}, locale: 'en', page: 0 }),
  });
  t.equal(res.statusCode, 200);
  t.notOk(res.headers['set-cookie']);
});

test('no state changes on GET: every staff change is a POST', async (t) => {
  const getters = app.routeList.filter((r) => r.method === 'GET' && r.url.startsWith('/staff')).map((r) => r.url);
  for (const url of getters) t.notMatch(url, /\/(disable|enable|close|delete|reset-password|sign-out|reattribute)$/, `GET ${url}`);
});
