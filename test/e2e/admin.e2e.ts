/**
 * An admin in a real browser: editions (list, definition, preview, publishing an upload),
 * campaigns (create, change the window), staff accounts (create one and get its one-time link), the
 * audit log, and the campaign pages of every country. Every page is checked with axe-core, and no
 * page requests anything from another host.
 */
import t from 'tap';
import { createLink } from '../../server/links/link-service.ts';
import { isoDay, insertResponses, openCampaign } from '../routes/campaigns/campaign-fixture.ts';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { PageTour, STAFF_PASSWORD, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

const PULSE = {
  title: 'Network pulse',
  pages: [{ name: 'p1', elements: [
    { type: 'radiogroup', name: 'useful', title: 'Was the last network meeting useful?', isRequired: true, choices: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }] },
    { type: 'comment', name: 'remarks', title: 'Remarks' },
  ] }],
};

/** A datetime-local value, `days` from now, at 09:00. */
const localDateTime = (days: number) => `${isoDay(days)}T09:00`;

t.test('an admin publishes an edition, opens a campaign, creates an account and reads the audit log', async (t) => {
  const { app, origin } = await startServer(t);
  const campaign = await openCampaign(app, { daysAgo: 12, daysAhead: 18, name: 'JPP experience 2022' });
  for (const [country, count] of [['FR', 14], ['ES', 9], ['LT', 3]] as const) {
    const link = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country, channel: 'ipnc_email', language: 'en', label: 'E-mail' });
    await insertResponses(app, { campaignId: campaign.id, linkId: link.id, linkCountry: country, count, submittedOn: isoDay(-3) });
  }
  await createMember(app, 'admin', 'admin@example.eu', 'Alex Admin');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser);
  const page = await context.newPage();
  const tour = new PageTour(page, origin);

  // Signing in from a deep link comes back to it.
  await page.goto(`${origin}/staff/editions`);
  t.match(page.url(), /\/staff\/sign-in\?next=%2Fstaff%2Feditions$/, 'a signed-out visit goes to the sign-in page');
  await signInThroughPage(page, origin, 'admin@example.eu');
  t.equal(new URL(page.url()).pathname, '/staff/editions', 'and back to the page asked for');
  await tour.check('editions', { shot: 'admin-editions', viewportShot: true });
  const rows = await page.locator('table.data tbody tr').allTextContents();
  t.ok(rows.some((r) => r.includes('jpp-experience/2019')) && rows.some((r) => r.includes('jpp-experience/2022')), 'both editions are listed');
  await tour.visit('staff home (admin)', '/staff');

  await tour.visit('editions again', '/staff/editions');
  await page.getByRole('link', { name: 'jpp-experience/2022' }).click();
  await page.waitForURL(/\/staff\/editions\/[0-9a-f-]{36}$/);
  await tour.check('edition detail', { shot: 'admin-edition-structure' });
  t.equal(await page.locator('.structure-page').count(), 9, 'the edition page lists its nine pages');
  t.notOk(await page.locator('pre.definition').isVisible(), 'the JSON is folded away');
  await page.getByRole('link', { name: 'Preview as a respondent' }).click();
  await page.waitForURL(/\/preview$/);
  await tour.check('edition preview', { waitFor: '.sd-question', shot: 'admin-preview' });
  t.match(await page.locator('.preview-banner').textContent(), /nothing you enter here is saved/);

  await tour.visit('publish form', '/staff/editions/new');
  await page.getByLabel('Survey').fill('network-pulse');
  await page.getByLabel('Edition', { exact: true }).fill('2026');
  await page.getByLabel('Definition (JSON)').fill(JSON.stringify(PULSE, null, 2));
  await Promise.all([page.waitForURL(/notice=published/), page.getByRole('button', { name: 'Check and publish' }).click()]);
  t.match(await page.locator('h1').textContent(), /network-pulse\/2026, version 1/);
  await tour.check('edition published');
  // A broken upload is refused with its problems listed, and the form keeps what was typed.
  await tour.visit('publish form (again)', '/staff/editions/new');
  await page.getByLabel('Survey').fill('network-pulse');
  await page.getByLabel('Edition', { exact: true }).fill('2027');
  await page.getByLabel('Definition (JSON)').fill('{"pages": [');
  await page.getByRole('button', { name: 'Check and publish' }).click();
  await page.locator('.flash.error').waitFor();
  t.equal(await page.getByLabel('Edition', { exact: true }).inputValue(), '2027');
  await tour.check('publish form with errors');

  await tour.visit('campaigns', '/staff/campaigns');
  await page.getByLabel('Edition').selectOption('network-pulse/2026');
  await page.getByLabel('Name').fill('Network pulse 2026');
  await page.getByLabel('Opens (UTC)').fill(localDateTime(1));
  await page.getByLabel('Closes (UTC)').fill(localDateTime(30));
  await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Create campaign' }).click()]);
  t.match(await page.locator('table.data').textContent(), /Network pulse 2026/);
  await tour.check('campaigns', { shot: 'admin-campaigns' });
  const pulse = await app.db.selectFrom('campaign').selectAll().where('name', '=', 'Network pulse 2026').executeTakeFirstOrThrow();
  await tour.visit('campaign window', `/staff/campaigns/${pulse.id}/window`);
  await page.getByLabel(/^Extended until/).fill(localDateTime(40));
  await Promise.all([page.waitForURL(/notice=changed/), page.getByRole('button', { name: 'Save dates' }).click()]);
  await tour.check('campaigns (window changed)');

  await tour.visit('staff accounts', '/staff/users');
  await page.getByLabel('E-mail').fill('ipnc.lt@example.eu');
  await page.getByLabel('Name').fill('Rūta Kazlauskienė');
  await page.getByLabel('Role').selectOption('ipnc');
  await page.getByLabel(/^Country/).selectOption('LT');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('#one-time-link').waitFor();
  const oneTimeLink = await page.locator('#one-time-link').inputValue();
  t.match(oneTimeLink, /\/staff\/set-password\/[A-Za-z0-9_-]{43}$/, 'the one-time link is shown');
  await tour.check('account created');

  // The new national contact, in a browser of their own: the link sets the password, once.
  const newcomer = await newRecordedContext(browser);
  const ruta = await newcomer.context.newPage();
  const rutaTour = new PageTour(ruta, origin);
  await rutaTour.visit('set password', new URL(oneTimeLink).pathname);
  await ruta.getByLabel('New password').fill('too short');
  await ruta.getByLabel('The same again').fill('too short');
  await ruta.evaluate(() => document.querySelectorAll('input[minlength]').forEach((i) => i.removeAttribute('minlength')));
  await ruta.getByRole('button', { name: 'Set password' }).click();
  await ruta.locator('.flash.error').waitFor();
  await rutaTour.check('set password refused');
  await ruta.getByLabel('New password').fill(STAFF_PASSWORD);
  await ruta.getByLabel('The same again').fill(STAFF_PASSWORD);
  await Promise.all([ruta.waitForURL(/done=password/), ruta.getByRole('button', { name: 'Set password' }).click()]);
  await rutaTour.check('sign-in after the password is set');
  await ruta.getByLabel('E-mail').fill('ipnc.lt@example.eu');
  await ruta.getByLabel('Password').fill('not the password at all');
  await ruta.getByRole('button', { name: 'Sign in' }).click();
  await ruta.locator('.flash.error').waitFor();
  await rutaTour.check('sign-in refused');
  await signInThroughPage(ruta, origin, 'ipnc.lt@example.eu');
  t.match(await ruta.locator('h1').textContent(), /Rūta Kazlauskienė/, 'the new member is signed in');
  await rutaTour.visit('one-time link used', new URL(oneTimeLink).pathname, { status: 404 });
  await tour.visit('staff accounts (after)', '/staff/users', { shot: 'admin-users' });
  t.match(await page.locator('table.data').textContent(), /Rūta Kazlauskienė/);

  await tour.visit('audit log', '/staff/audit', { shot: 'admin-audit' });
  const audit = (await page.locator('main').textContent()) ?? '';
  for (const action of ['Created a staff account', 'Created a campaign', 'Signed in']) t.match(audit, action, `the audit log says "${action}"`);
  t.notMatch(audit, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{"/, 'no UUID and no JSON in what is read');
  await page.getByLabel('Action').selectOption({ label: 'Created a staff account' });
  await Promise.all([page.waitForURL(/action=user\.create/), page.getByRole('button', { name: 'Filter' }).click()]);
  await tour.check('audit log filtered');

  // Campaign pages across countries.
  await tour.visit('campaign dashboards (picker)', '/staff/country');
  await tour.visit('overview of every country', `/staff/campaigns/${campaign.id}/overview`, { shot: 'admin-campaign-overview', viewportShot: true });
  await tour.visit('waves of every country', `/staff/campaigns/${campaign.id}/waves`);
  await tour.visit('country home (admin, ES)', '/staff/country/ES');
  await tour.visit('national dashboard (admin, ES)', `/staff/campaigns/${campaign.id}/country/ES`);
  await tour.visit('links (admin, LT)', `/staff/campaigns/${campaign.id}/country/LT/links`);

  assertAccessible(t, tour);
  assertAccessible(t, rutaTour);
  t.same(foreignRequests([...requests, ...newcomer.requests], origin), [], 'no request left the server');
  // The refused upload (422), password (422) and sign-in (401) and the used link (404) show on the console.
  t.same([...errors, ...newcomer.errors].filter((e) => !/status of (401|404|422)/.test(e)), [], 'no script error on any page');
});
