/**
 * Failed sign-ins slow the guesser down (per account and per client, waits that double) but never
 * lock an account: from a client that has not been failing the right password always works. Each
 * wait is audited under the client's pseudonym, never its address.
 */
import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { SignInThrottle } from '../../server/auth/sign-in-throttle.ts';
import { anonymousForm, createStaffUser, TEST_PASSWORD } from '../routes/staff/staff-client.ts';

// One app for the file (building one takes seconds); every test makes its own users and addresses.
const { app, logs } = await buildTestApp(t);
const test = t.test.bind(t);

const options = { freePerAccount: 3, freePerClient: 2, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };

test('waits double per client after its free mistakes, up to the ceiling, and are forgotten later', async (t) => {
  let now = 1_000_000;
  const throttle = new SignInThrottle(options, () => now);
  const waits: number[] = [];
  for (let i = 0; i < 10; i++) {
    t.equal(throttle.check(`user${i}@x.eu`, '10.0.0.1').waitMs, 0, 'after waiting, the attempt goes ahead');
    throttle.fail(`user${i}@x.eu`, '10.0.0.1');
    const wait = throttle.check('someone@x.eu', '10.0.0.1').waitMs;
    waits.push(wait);
    now += wait;
  }
  t.same(waits, [0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000], 'free, then doubling, then the ceiling');
  t.equal(throttle.check('someone@x.eu', '10.0.0.2').waitMs, 0, 'another client is not held');
  now += 3_600_001;
  t.equal(throttle.check('someone@x.eu', '10.0.0.1').waitMs, 0, 'forgotten after a quiet hour');
});

test("an account's wait holds clients that have failed, never a client that has not", async (t) => {
  let now = 1_000_000;
  const throttle = new SignInThrottle(options, () => now);
  // Ten clients, one failure each, on the same account: each is within its own free mistakes.
  for (let i = 0; i < 10; i++) throttle.fail('owner@x.eu', `10.1.0.${i}`);
  now += 100;
  t.ok(throttle.check('owner@x.eu', '10.1.0.3').waitMs > 0, 'a client that failed on it waits for the account');
  t.equal(throttle.check('owner@x.eu', '10.9.9.9').waitMs, 0, 'a client with no failure goes ahead at once');
  t.equal(throttle.check('other@x.eu', '10.1.0.3').waitMs, 0, 'and the failing client may still try other accounts');
  throttle.succeed('owner@x.eu');
  t.equal(throttle.check('owner@x.eu', '10.1.0.3').waitMs, 0, "a success clears the account's count");
});

test('the events say what started or grew, with refused attempts counted', async (t) => {
  let now = 1_000_000;
  const throttle = new SignInThrottle(options, () => now);
  t.same(throttle.fail('a@x.eu', '10.2.0.1'), []);
  t.same(throttle.fail('a@x.eu', '10.2.0.1'), []);
  t.same(throttle.fail('a@x.eu', '10.2.0.1'), [{ scope: 'client', failures: 3, delaySeconds: 1, refusedWhileWaiting: 0 }]);
  throttle.check('a@x.eu', '10.2.0.1');
  throttle.check('a@x.eu', '10.2.0.1');
  now += 1_000;
  t.same(throttle.fail('a@x.eu', '10.2.0.1'), [
    { scope: 'account', failures: 4, delaySeconds: 1, refusedWhileWaiting: 0 },
    { scope: 'client', failures: 4, delaySeconds: 2, refusedWhileWaiting: 2 },
  ]);
  t.match(throttle.clientTag('10.2.0.1'), /^[0-9a-f]{16}$/);
  t.not(new SignInThrottle().clientTag('10.2.0.1'), throttle.clientTag('10.2.0.1'), 'the pseudonym is keyed per process');
});

const attempt = async (email: string, password: string, ip: string) => {
  const anon = await anonymousForm(app);
  return app.inject({
    method: 'POST', url: '/staff/sign-in', remoteAddress: ip,
    headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: anon.csrf }).toString(),
  });
};

test('an attacked account is not locked: its owner signs in from a clean client; the guessers are slowed', async (t) => {
  const owner = await createStaffUser(app, 'admin', { email: 'attacked@example.eu' });
  // Twenty wrong passwords from five clients, as fast as the throttle lets them through.
  let refused = 0;
  for (let i = 0; i < 20; i++) {
    const res = await attempt('attacked@example.eu', `wrong password ${i}`, `10.3.0.${i % 5}`);
    if (res.statusCode === 429) refused++;
    else t.equal(res.statusCode, 401);
  }
  t.ok(refused > 0, `the guessers were slowed (${refused} of 20 refused)`);
  const right = await attempt('attacked@example.eu', TEST_PASSWORD, '10.3.9.9');
  t.equal(right.statusCode, 303, 'the right password from a client that has not been failing signs in');
  const fromGuesser = await attempt('attacked@example.eu', TEST_PASSWORD, '10.3.0.1');
  t.ok([303, 429].includes(fromGuesser.statusCode), 'a guessing client may have to wait, never more');

  const events = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'sign_in.throttle').where('object_id', '=', owner.id).execute();
  t.ok(events.length > 0, 'the waits are audited');
  t.ok(events.some((e) => (e.detail as { scope?: string }).scope === 'account'), "the account's wait too");
  for (const e of events) t.equal(e.actor, 'sign-in throttle');
  const everything = JSON.stringify([await app.db.selectFrom('audit_event').selectAll().execute(), logs]);
  t.notOk(/10\.3\.\d+\.\d+/.test(everything), 'no address in the audit log or the server log');
});

test('one client trying many accounts is slowed; an unknown e-mail is answered like a real one', async (t) => {
  await createStaffUser(app, 'admin', { email: 'target@example.eu' });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await attempt(`guess${i}@example.eu`, 'not it at all', '10.4.0.1')).statusCode);
  t.ok(statuses.includes(429), `refused once past its free mistakes: ${statuses.join(' ')}`);
  const real = await attempt('target@example.eu', 'not it either', '10.4.0.1');
  const ghost = await attempt('ghost@example.eu', 'not it either', '10.4.0.1');
  t.equal(real.statusCode, 429);
  t.equal(ghost.statusCode, 429);
  t.ok(Number(real.headers['retry-after']) > 0);
  const text = (html: string) => html.match(/class="flash error"[^>]*>([^<]*)</)?.[1];
  t.equal(text(real.body), text(ghost.body), 'the same message');
  t.equal((await attempt('target@example.eu', TEST_PASSWORD, '10.4.0.2')).statusCode, 303, 'from another client the owner signs in');
});
