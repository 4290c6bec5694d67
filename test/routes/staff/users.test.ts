/**
 * Staff accounts in the admin console, and the path a new installation takes: the first admin
 * publishes an edition, opens a campaign, creates an IPNC for Spain, who sets a password through
 * the one-time link, signs in, and reaches Spain's objects only. Names are rendered escaped.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { createLink } from '../../../server/links/link-service.ts';
import { anonymousForm, createStaffUser, signIn, staffClient } from './staff-client.ts';

const { app } = await buildTestApp(t);
const admin = await staffClient(app, 'admin');
const test = t.test.bind(t);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function setPassword(link: string, password: string, confirm = password) {
  const path = new URL(link).pathname;
  const anon = await anonymousForm(app);
  return app.inject({ method: 'POST', url: path, headers: { ...FORM, cookie: anon.cookie }, payload: new URLSearchParams({ password, confirm, _csrf: anon.csrf }).toString() });
}

test('from the first admin to an IPNC of Spain who sees only Spain', async (t) => {
  const edition = await admin.post('/staff/editions', {
    surveyId: 'jpp-experience', edition: 'flow-2031', definition: readFileSync('surveys/jpp-experience/2022.json', 'utf8'),
  });
  t.equal(edition.statusCode, 303, 'edition published');
  const created = await admin.post('/staff/campaigns', {
    edition: 'jpp-experience/flow-2031', name: 'Campaign 2031', opensAt: '2026-01-01T09:00', closesAt: '2031-12-31T17:00',
  });
  t.equal(created.statusCode, 303, 'campaign opened');
  const campaign = await app.db.selectFrom('campaign').selectAll().where('name', '=', 'Campaign 2031').executeTakeFirstOrThrow();
  t.equal(campaign.opens_at.toISOString(), '2026-01-01T09:00:00.000Z', 'times are UTC');

  const account = await admin.post('/staff/users', { email: 'Contact.ES@example.eu', name: 'Contacto España', role: 'ipnc', country: 'es' });
  t.equal(account.statusCode, 200);
  const link = account.body.match(/value="(http:\/\/[^"]+\/staff\/set-password\/[A-Za-z0-9_-]{43})"/)?.[1];
  t.ok(link, 'the one-time link is shown');
  const user = await app.services.users.findByEmail('contact.es@example.eu');
  t.equal(user.country, 'ES');
  t.equal(user.password_hash, null, 'no password until the link is used');

  const form = await app.inject({ method: 'GET', url: new URL(link!).pathname, headers: { accept: 'text/html' } });
  t.equal(form.statusCode, 200);
  t.match(form.body, /Contacto España/);
  t.equal((await setPassword(link!, 'short')).statusCode, 422, 'too short');
  t.equal((await setPassword(link!, 'a long enough passphrase', 'a different passphrase')).statusCode, 422, 'must match');
  const set = await setPassword(link!, 'la contraseña de España');
  t.equal(set.statusCode, 303);
  t.equal(set.headers.location, '/staff/sign-in?done=password');
  t.equal((await setPassword(link!, 'la contraseña de España')).statusCode, 404, 'the link works once');

  const es = await signIn(app, 'contact.es@example.eu', 'la contraseña de España');
  const home = await es.get('/staff');
  t.match(home.body, /My country \(ES\)/);
  const frLink = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'FR', channel: 'ipnc_email', language: 'fr' });
  const esLink = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'ES', channel: 'ipnc_email', language: 'es' });
  t.equal((await es.get(`/staff/campaigns/${campaign.id}/country/ES`)).statusCode, 200, "Spain's dashboard");
  t.equal((await es.get(`/staff/campaigns/${campaign.id}/country/FR`)).statusCode, 404, "France's is not found");
  t.equal((await es.get(`/staff/links/${esLink.id}/relaunch`)).statusCode, 200);
  t.equal((await es.get(`/staff/links/${frLink.id}/relaunch`)).statusCode, 404);
  t.equal((await es.get('/staff/users')).statusCode, 403, 'no admin pages');

  const actions = (await app.db.selectFrom('audit_event').select('action').where('actor', '=', admin.email).execute()).map((r) => r.action);
  for (const a of ['edition.publish', 'campaign.create', 'user.create']) t.ok(actions.includes(a), `${a} audited`);
});

test('account rules: valid e-mail, a country for an IPNC only, one account per e-mail', async (t) => {
  const noCountry = await admin.post('/staff/users', { email: 'x1@example.eu', name: 'X', role: 'ipnc', country: '' });
  t.equal(noCountry.statusCode, 422);
  t.match(noCountry.body, /A national contact needs one country/);
  const unknownCountry = await admin.post('/staff/users', { email: 'x2@example.eu', name: 'X', role: 'ipnc', country: 'XX' });
  t.equal(unknownCountry.statusCode, 422);
  const badRole = await admin.post('/staff/users', { email: 'x3@example.eu', name: 'X', role: 'root' });
  t.equal(badRole.statusCode, 422);
  const badEmail = await admin.post('/staff/users', { email: 'not an e-mail', name: 'X', role: 'analyst' });
  t.equal(badEmail.statusCode, 422);
  const analystWithCountry = await admin.post('/staff/users', { email: 'x4@example.eu', name: 'X', role: 'analyst', country: 'FR' });
  t.equal(analystWithCountry.statusCode, 200, 'the country of a non-IPNC form is ignored');
  t.equal((await app.services.users.findByEmail('x4@example.eu')).country, null);
  const twice = await admin.post('/staff/users', { email: 'X4@example.eu', name: 'Y', role: 'analyst' });
  t.equal(twice.statusCode, 409);
  t.equal((await app.db.selectFrom('staff_user').select('id').where('email', 'like', 'x%@example.eu').execute()).length, 1);
});

test('a new sign-in link replaces the old one; the old password works until the link is used', async (t) => {
  const member = await createStaffUser(app, 'analyst', { password: 'the old passphrase here' });
  const first = (await admin.post(`/staff/users/${member.id}/reset-password`)).body.match(/value="([^"]+set-password[^"]+)"/)![1]!;
  const second = (await admin.post(`/staff/users/${member.id}/reset-password`)).body.match(/value="([^"]+set-password[^"]+)"/)![1]!;
  t.not(first, second);
  const stillOld = await signIn(app, member.email, 'the old passphrase here');
  t.equal((await setPassword(first, 'a newer passphrase')).statusCode, 404, 'the first link no longer works');
  t.equal((await setPassword(second, 'a newer passphrase')).statusCode, 303);
  t.equal((await stillOld.get('/staff')).statusCode, 303, 'setting a password ends the sessions');
  await t.rejects(signIn(app, member.email, 'the old passphrase here'), /401/);
  await signIn(app, member.email, 'a newer passphrase');
});

test('an admin cannot disable their own account', async (t) => {
  const res = await admin.post(`/staff/users/${admin.userId}/disable`);
  t.equal(res.statusCode, 409);
  t.equal((await admin.get('/staff')).statusCode, 200);
});

test('user names are rendered escaped on every staff page', async (t) => {
  const payload = '<script>alert("x")</script>';
  const evil = await createStaffUser(app, 'ipnc', { country: 'FR', name: payload });
  const client = await signIn(app, evil.email);
  await admin.post(`/staff/users/${evil.id}/reset-password`);
  const pages = [
    [admin, '/staff/users'], [admin, '/staff/audit'], [client, '/staff'], [client, '/staff/country/FR'],
  ] as const;
  for (const [who, url] of pages) {
    const res = await who.get(url);
    t.equal(res.statusCode, 200, url);
    t.notOk(res.body.includes(payload), `${url}: no raw script`);
  }
  const users = await admin.get('/staff/users');
  t.ok(users.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'shown as text');
  const nav = await client.get('/staff');
  t.ok(nav.body.includes('&lt;script&gt;'), 'the navigation shows the name escaped');
});
