/**
 * Failed sign-ins are limited per account and per client, in memory; past the limit the answer
 * is the same for an existing and an unknown e-mail, and even the right password is refused.
 */
import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { SignInLimiter } from '../../server/auth/sign-in-limiter.ts';
import { anonymousForm, createStaffUser, TEST_PASSWORD } from '../routes/staff/staff-client.ts';

// One app for the file (building one takes seconds); every test makes its own users.
const { app } = await buildTestApp(t);
const test = t.test.bind(t);

test('the limiter counts failures per account and per client over a sliding window', async (t) => {
  let now = 1_000_000;
  const limiter = new SignInLimiter({ perAccount: 3, perClient: 5, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 3; i++) limiter.fail('a@x.eu', '10.0.0.1');
  t.ok(limiter.retryAfter('a@x.eu', '10.0.0.9') > 0, 'the account is locked from any client');
  t.equal(limiter.retryAfter('b@x.eu', '10.0.0.1'), 0, 'another account from the same client is still allowed');
  limiter.fail('b@x.eu', '10.0.0.1');
  limiter.fail('c@x.eu', '10.0.0.1');
  t.ok(limiter.retryAfter('d@x.eu', '10.0.0.1') > 0, 'the client is locked after 5 failures on any accounts');
  t.equal(limiter.retryAfter('d@x.eu', '10.0.0.2'), 0, 'another client is not');
  now += 60_001;
  t.equal(limiter.retryAfter('a@x.eu', '10.0.0.1'), 0, 'the window slides');
  limiter.fail('e@x.eu', '10.0.0.3');
  limiter.succeed('e@x.eu');
  t.equal(limiter.retryAfter('e@x.eu', '10.0.0.3'), 0);
});

test('the sixth attempt on an account is refused, existing or not, right password or not', async (t) => {
  await createStaffUser(app, 'admin', { email: 'real@example.eu' });
  const attempt = async (email: string, password: string, ip: string) => {
    const anon = await anonymousForm(app);
    return app.inject({
      method: 'POST', url: '/staff/sign-in', remoteAddress: ip,
      headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email, password, _csrf: anon.csrf }).toString(),
    });
  };
  for (let i = 0; i < 5; i++) {
    t.equal((await attempt('real@example.eu', `wrong password ${i}`, `10.1.0.${i}`)).statusCode, 401);
    t.equal((await attempt('ghost@example.eu', `wrong password ${i}`, `10.2.0.${i}`)).statusCode, 401);
  }
  const real = await attempt('real@example.eu', TEST_PASSWORD, '10.9.9.9');
  const ghost = await attempt('ghost@example.eu', 'anything at all', '10.9.9.8');
  t.equal(real.statusCode, 429, 'locked even with the right password');
  t.equal(ghost.statusCode, 429, 'an unknown e-mail is locked alike');
  t.ok(Number(real.headers['retry-after']) > 0);
  const text = (html: string) => html.match(/class="flash error"[^>]*>([^<]*)</)?.[1];
  t.equal(text(real.body), text(ghost.body), 'the same message');
  t.equal((await app.db.selectFrom('staff_session').selectAll().execute()).length, 0, 'no session was made');
});

test('one client trying many accounts is limited too', async (t) => {
  await createStaffUser(app, 'admin', { email: 'target@example.eu' });
  let last = 0;
  for (let i = 0; i < 21; i++) {
    const anon = await anonymousForm(app);
    const res = await app.inject({
      method: 'POST', url: '/staff/sign-in', remoteAddress: '10.3.0.1',
      headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: `guess${i}@example.eu`, password: 'not it at all', _csrf: anon.csrf }).toString(),
    });
    last = res.statusCode;
  }
  t.equal(last, 429, 'the 21st attempt from one client is refused');
});
