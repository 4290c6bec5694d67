/**
 * What a respondent on a phone network waits for: on a cold cache over Slow 4G (1.6 Mbit/s down,
 * 150 ms latency, emulated through the DevTools protocol) the first question is visible and
 * clickable within 4 s; a second visit asks for no asset again; switching language keeps answers.
 */
import t from 'tap';
import { openLink } from '../helper.ts';
import { launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1_000) / 8 };

t.test('over Slow 4G on a cold cache the first question answers a click within 4 s', async (t) => {
  const { app, origin } = await startServer(t);
  const link = await openLink(app, { edition: '2019', language: 'fr', country: 'FR' });
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests } = await newRecordedContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (transferred += e.encodedDataLength));

  const started = Date.now();
  await page.goto(`${origin}/s/${link.token}`, { waitUntil: 'commit' });
  const consent = page.locator('[data-name="consent"] label').first();
  await consent.click({ timeout: 30_000 });
  const ms = Date.now() - started;
  await page.waitForLoadState('load');
  console.log(`first question clickable over Slow 4G, cold cache: ${ms} ms; ${Math.round(transferred / 1024)} KB transferred`);
  t.ok(await page.locator('[data-name="consent"] input').first().isChecked(), 'the click answered the question');
  t.ok(ms < 4000, `first question clickable in ${ms} ms (at most 4000)`);
  t.ok(transferred < 600 * 1024, `${Math.round(transferred / 1024)} KB transferred (at most 600)`);

  const before = requests.length;
  transferred = 0;
  await page.goto(`${origin}/s/${link.token}`);
  await page.locator('[data-name="consent"]').waitFor();
  const again = requests.slice(before).filter((u) => u.includes('/static/'));
  const fromNetwork = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).transferSize > 0).map((e) => e.name));
  t.same(fromNetwork.filter((u) => u.includes('/static/')), [], `no asset is fetched again (${again.length} answered from the cache)`);
  console.log(`repeat visit: ${Math.round(transferred / 1024)} KB transferred`);
  t.ok(transferred < 90 * 1024, `${Math.round(transferred / 1024)} KB on a repeat visit (at most 90)`);
});

t.test('switching language fetches the other language and keeps the answers', async (t) => {
  const { app, origin } = await startServer(t);
  const link = await openLink(app, { edition: '2019', language: 'fr', country: 'FR' });
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${origin}/s/${link.token}`);
  await page.locator('[data-name="consent"] label').first().click();
  t.notOk(requests.some((u) => u.includes('/i18n/spanish')), 'Spanish is not loaded before it is chosen');

  await page.locator('#language-select').selectOption('es');
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  await page.locator('[data-name="consent"]').waitFor();
  t.ok(requests.some((u) => u.includes('/language/es')), 'the Spanish survey was fetched');
  t.ok(requests.some((u) => u.includes('/i18n/spanish.min.')), 'with survey-core\'s Spanish strings');
  t.match(await page.locator('.sd-title').first().textContent(), /[Ee]ncuesta|contratación/);
  t.ok(await page.locator('[data-name="consent"] input').first().isChecked(), 'the answer is kept');
  t.equal(await page.locator('#language-select').inputValue(), 'es');
  t.same(errors, [], 'no script error');
});
