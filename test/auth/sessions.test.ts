/**
 * Sign-in, sign-out and the life of a session: rotation at sign-in, idle and absolute expiry,
 * a disabled user's sessions ended at once, and the cookie's flags.
 */
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { hashSessionId } from '../../server/auth/session-service.ts';
import { anonymousForm, createStaffUser, sessionCookieName, setCookie, signIn, TEST_PASSWORD } from '../routes/staff/staff-client.ts';

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// One app for the file (building one takes seconds); every test makes its own users.
const { app } = await buildTestApp(t, { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' });
const test = t.test.bind(t);
const sessionsOf = (userId: string) => app.db.selectFrom('staff_session').selectAll().where('user_id', '=', userId).execute();

test('sign-in succeeds with the right password and fails alike for a wrong password or an unknown e-mail', async (t) => {
  const user = await createStaffUser(app, 'analyst', { email: 'ana@example.eu' });
  const anon = await anonymousForm(app);
  const attempt = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/staff/sign-in', headers: { ...FORM, cookie: anon.cookie }, payload: form({ email, password, _csrf: anon.csrf }) });

  const wrong = await attempt('ana@example.eu', 'not the password at all');
  const unknown = await attempt('nobody@example.eu', 'not the password at all');
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  const message = (html: string) => html.match(/class="flash error"[^>]*>([^<]*)</)?.[1];
  t.equal(message(wrong.body), message(unknown.body), 'the same answer whether or not the e-mail exists');
  t.notOk(setCookie(wrong, sessionCookieName(app)), 'no session after a failure');

  const ok = await attempt('ANA@example.eu ', TEST_PASSWORD);
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, '/staff');
  const sessionId = setCookie(ok, sessionCookieName(app))!;
  t.match(sessionId, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
  const stored = await sessionsOf(user.id);
  t.equal(stored.length, 1);
  t.equal(stored[0]!.id_hash, hashSessionId(sessionId), 'only a hash of the id is stored');
  t.not(stored[0]!.id_hash, sessionId);
  const row = await app.db.selectFrom('staff_user').select('last_sign_in_at').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.ok(row.last_sign_in_at, 'last sign-in recorded');

  const home = await app.inject({ method: 'GET', url: '/staff', headers: { cookie: `${sessionCookieName(app)}=${sessionId}`, accept: 'text/html' } });
  t.equal(home.statusCode, 200);
  t.match(home.body, /Welcome, Test analyst/);
});

test('a safe next path is followed after sign-in; another host is not', async (t) => {
  await createStaffUser(app, 'admin', { email: 'boss@example.eu' });
  const redirect = await app.inject({ method: 'GET', url: '/staff/users', headers: { accept: 'text/html' } });
  t.equal(redirect.statusCode, 303);
  t.equal(redirect.headers.location, '/staff/sign-in?next=%2Fstaff%2Fusers');
  for (const [next, expected] of [['/staff/users', '/staff/users'], ['//evil.example/x', '/staff'], ['https://evil.example/', '/staff'], ['/\\evil.example', '/staff']]) {
    const anon = await anonymousForm(app);
    const res = await app.inject({
      method: 'POST', url: '/staff/sign-in', headers: { ...FORM, cookie: anon.cookie },
      payload: form({ email: 'boss@example.eu', password: TEST_PASSWORD, next: next!, _csrf: anon.csrf }),
    });
    t.equal(res.headers.location, expected, `next=${next}`);
  }
});

test('the session id is rotated at sign-in: an old id stops working', async (t) => {
  const user = await createStaffUser(app, 'admin');
  const first = await signIn(app, user.email);
  // Signing in again from the same browser (with the old cookie) gives a new id and ends the old one.
  const again = await app.inject({
    method: 'POST', url: '/staff/sign-in', headers: { ...FORM, cookie: first.cookie },
    payload: form({ email: user.email, password: TEST_PASSWORD, _csrf: first.csrf }),
  });
  t.equal(again.statusCode, 303);
  const name = sessionCookieName(app);
  const second = setCookie(again, name)!;
  t.not(`${name}=${second}`, first.cookie, 'a new id');
  const old = await first.get('/staff');
  t.equal(old.statusCode, 303, 'the old id leads to the sign-in page');
  const fresh = await app.inject({ method: 'GET', url: '/staff', headers: { cookie: `${name}=${second}`, accept: 'text/html' } });
  t.equal(fresh.statusCode, 200);
  t.equal((await sessionsOf(user.id)).length, 1, 'one session left');
});

test('idle and absolute timeouts end a session', async (t) => {
  const user = await createStaffUser(app, 'admin');
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  const idle = await signIn(app, user.email);
  const ofUser = () => app.db.updateTable('staff_session').where('user_id', '=', user.id);
  await ofUser().set({ last_seen_at: minutesAgo(29) }).execute();
  t.equal((await idle.get('/staff')).statusCode, 200, 'still alive after 29 idle minutes');
  await ofUser().set({ last_seen_at: minutesAgo(31) }).execute();
  const expired = await idle.get('/staff');
  t.equal(expired.statusCode, 303, 'ended after 31 idle minutes');
  t.match(String(expired.headers['set-cookie']), new RegExp(`${sessionCookieName(app)}=;`), 'the cookie is cleared');
  t.equal((await sessionsOf(user.id)).length, 0, 'the expired session is deleted');

  const busy = await signIn(app, user.email);
  await ofUser().set({ created_at: minutesAgo(11 * 60 + 59), last_seen_at: minutesAgo(1) }).execute();
  t.equal((await busy.get('/staff')).statusCode, 200, 'alive at 11 h 59 min');
  await ofUser().set({ created_at: minutesAgo(12 * 60 + 1), last_seen_at: minutesAgo(1) }).execute();
  t.equal((await busy.get('/staff')).statusCode, 303, 'ended after 12 hours however active');
});

test('activity moves the idle deadline forward', async (t) => {
  const user = await createStaffUser(app, 'admin');
  const client = await signIn(app, user.email);
  const earlier = new Date(Date.now() - 10 * 60_000);
  await app.db.updateTable('staff_session').set({ last_seen_at: earlier }).where('user_id', '=', user.id).execute();
  await client.get('/staff');
  const row = (await sessionsOf(user.id))[0]!;
  t.ok(row.last_seen_at.getTime() > earlier.getTime() + 5 * 60_000, 'last_seen_at updated');
});

test('sign-out ends the session on the server', async (t) => {
  const user = await createStaffUser(app, 'ipnc', { country: 'ES' });
  const client = await signIn(app, user.email);
  const out = await client.post('/staff/sign-out');
  t.equal(out.statusCode, 303);
  t.equal(out.headers.location, '/staff/sign-in?done=signed-out');
  t.equal((await sessionsOf(user.id)).length, 0);
  t.equal((await client.get('/staff')).statusCode, 303, 'the old cookie no longer signs in');
});

test('disabling a user ends their sessions at once and blocks sign-in; re-enabling allows it again', async (t) => {
  const admin = await signIn(app, (await createStaffUser(app, 'admin')).email);
  const member = await createStaffUser(app, 'analyst');
  const session = await signIn(app, member.email);
  t.equal((await session.get('/staff')).statusCode, 200);

  const disable = await admin.post(`/staff/users/${member.id}/disable`);
  t.equal(disable.statusCode, 303);
  t.equal((await session.get('/staff')).statusCode, 303, 'the session is gone');
  t.equal((await sessionsOf(member.id)).length, 0);
  await t.rejects(signIn(app, member.email), /sign-in failed: 401/, 'a disabled user cannot sign in');

  t.equal((await admin.post(`/staff/users/${member.id}/enable`)).statusCode, 303);
  const back = await signIn(app, member.email);
  t.equal((await back.get('/staff')).statusCode, 200);
  const actions = (await app.db.selectFrom('audit_event').select('action').where('object_id', '=', member.id).execute()).map((r) => r.action);
  t.ok(actions.includes('user.disable') && actions.includes('user.enable'), 'both audited');
});

const plainApp = app;
test('cookies: HttpOnly and SameSite always; Secure and the __Host- prefix with SECURE_COOKIES', async (t) => {
  const secure = (await buildTestApp(t, { SECURE_COOKIES: 'true' })).app;
  for (const [app, name, isSecure] of [[secure, '__Host-jpp_session', true], [plainApp, 'jpp_session', false]] as const) {
    const user = await createStaffUser(app, 'admin');
    const anon = await anonymousForm(app);
    const res = await app.inject({
      method: 'POST', url: '/staff/sign-in', headers: { ...FORM, cookie: anon.cookie },
      payload: form({ email: user.email, password: TEST_PASSWORD, _csrf: anon.csrf }),
    });
    const header = [res.headers['set-cookie'] ?? []].flat().find((h) => h.startsWith(`${name}=`));
    t.ok(header, `${name} is set`);
    t.match(header, /HttpOnly/);
    t.match(header, /SameSite=Lax/);
    t.match(header, /Path=\//);
    t.notMatch(header, /Domain=/);
    if (isSecure) t.match(header, /Secure/);
    else t.notMatch(header, /Secure/);
  }
});

test('respondent routes neither read nor set a staff cookie', async (t) => {
  const { token } = await openLink(app);
  const user = await createStaffUser(app, 'admin');
  const client = await signIn(app, user.email);
  const page = await app.inject({ method: 'GET', url: `/s/${token}`, headers: { cookie: client.cookie, accept: 'text/html' } });
  t.equal(page.statusCode, 200);
  t.notOk(page.headers['set-cookie'], 'no cookie on a respondent page');
  t.notMatch(page.body, /staff-header/, 'no staff navigation on a respondent page');
});
