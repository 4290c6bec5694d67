/**
 * A national contact (IPNC) of France in a real browser: signs in through the sign-in page, creates
 * a link, records a relaunch and gets the message to send, sets a target, and sees the national
 * dashboard's chart actually drawn; the contact of Spain gets 404 on every French page. Every page
 * is checked with axe-core, and no page requests anything from another host.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { isoDay, insertResponses, openCampaign } from '../routes/campaigns/campaign-fixture.ts';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { PageTour, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

/** The dashboard curve's colours (server/campaigns/dashboard-chart.ts): daily bars/line and cumulative line. */
const SERIES_COLOURS: [number, number, number][] = [[0x1f, 0x4e, 0x79], [0xc5, 0x5a, 0x11]];

/** Reads the canvas back: how many pixels are painted at all, and how many in each series colour. */
async function canvasPixels(page: Page, selector: string) {
  return page.locator(selector).evaluate((canvas: HTMLCanvasElement, colours: [number, number, number][]) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return { painted: 0, series: colours.map(() => 0), total: 0 };
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    const series = colours.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! === 0) continue;
      painted += 1;
      colours.forEach(([r, g, b], c) => {
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 40 && data[i + 3]! > 200) series[c]! += 1;
      });
    }
    return { painted, series, total: data.length / 4 };
  }, SERIES_COLOURS);
}

t.test('an IPNC of France creates a link, records a relaunch and sees the dashboard drawn; Spain sees none of it', async (t) => {
  const { app, origin } = await startServer(t);
  const campaign = await openCampaign(app, { daysAgo: 9, daysAhead: 21, name: 'JPP experience 2022' });
  await createMember(app, 'ipnc', 'ipnc.fr@example.eu', 'Camille Martin', 'FR');
  await createMember(app, 'ipnc', 'ipnc.es@example.eu', 'Lucía García', 'ES');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser);
  const page = await context.newPage();
  const tour = new PageTour(page, origin);
  const base = `/staff/campaigns/${campaign.id}/country/FR`;

  await tour.visit('sign-in', '/staff/sign-in', { shot: 'staff-sign-in', viewportShot: true });
  await signInThroughPage(page, origin, 'ipnc.fr@example.eu');
  t.equal(new URL(page.url()).pathname, '/staff', 'signed in, on the staff home');
  t.match(await page.locator('h1').textContent(), /Camille Martin/);
  await tour.check('staff home (IPNC)');

  // The nav link goes to the country's campaigns, then to the campaign's links.
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'My country (FR)' }).click();
  await page.waitForURL(`${origin}/staff/country/FR`);
  await tour.check('country home', { shot: 'ipnc-country-home' });
  await tour.visit('links (empty)', `${base}/links`);

  await page.getByLabel('Channel').selectOption('ipnc_email');
  await page.getByLabel('Default language').selectOption('fr');
  await page.getByLabel(/^Label/).fill('E-mail to national procurers');
  await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Create link' }).click()]);
  await page.locator('.flash.ok').waitFor();
  const url = await page.locator('input.link-url').first().inputValue();
  t.match(url, /\/s\/[A-Za-z0-9_-]{22,}$/, 'the new link shows its URL');
  await tour.check('links', { shot: 'ipnc-links' });
  const link = await app.db.selectFrom('link').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow();
  t.equal(link.country, 'FR');
  t.equal(link.language, 'fr');
  t.equal(link.label, 'E-mail to national procurers');

  // Answers arrive over the campaign's first days (enough per period for a curve under the k rule).
  for (const [day, count] of [[-8, 6], [-7, 4], [-5, 3], [-4, 7], [-2, 5], [-1, 2]] as const) {
    await insertResponses(app, { campaignId: campaign.id, linkId: link.id, linkCountry: 'FR', count, submittedOn: isoDay(day), authorityType: count % 2 ? 'police' : 'border_guard' });
  }
  await insertResponses(app, { campaignId: campaign.id, linkId: link.id, linkCountry: 'FR', count: 5, status: 'partial', lastPage: 2 });

  // The launch, recorded on the waves page.
  await tour.visit('waves (empty)', `${base}/waves`);
  await page.getByLabel('Kind').selectOption('launch');
  await page.getByLabel('Date', { exact: true }).fill(isoDay(-8));
  await page.getByLabel(/^Channel/).selectOption('ipnc_email');
  await page.getByLabel(/^Note/).fill('first e-mail to the national procurers');
  await Promise.all([page.waitForURL(/notice=recorded/), page.getByRole('button', { name: 'Record the wave' }).click()]);
  await tour.check('waves (launch recorded)');

  // The relaunch: the form records the wave, then the message with the link is ready to copy.
  await tour.visit('links (before the relaunch)', `${base}/links`);
  await page.getByRole('link', { name: 'Relaunch' }).click();
  await page.waitForURL(/\/relaunch$/);
  await tour.check('relaunch form');
  await page.getByLabel('Date of the relaunch').fill(isoDay(-4));
  await page.getByLabel(/^Note/).fill('second e-mail to the border guard list');
  await Promise.all([page.waitForURL(/\/message\?wave=/), page.getByRole('button', { name: /Record the relaunch/ }).click()]);
  t.match(await page.locator('main').textContent(), new RegExp(url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the message carries the link');
  await tour.check('relaunch message', { shot: 'ipnc-message' });
  const waves = await app.db.selectFrom('wave').selectAll().where('campaign_id', '=', campaign.id).execute();
  t.same(waves.map((w) => [w.kind, w.country, w.wave_on]).sort(), [['launch', 'FR', isoDay(-8)], ['relaunch', 'FR', isoDay(-4)]], 'the launch and the relaunch are recorded');

  await tour.visit('waves', `${base}/waves`);
  t.match(await page.locator('main').textContent(), /second e-mail to the border guard list/);
  await tour.visit('targets', `${base}/targets`);
  await page.getByLabel('Overall').fill('60');
  await Promise.all([page.waitForURL(/notice=saved/), page.getByRole('button', { name: 'Save targets' }).click()]);
  await tour.check('targets saved');

  // The national dashboard: the chart must be drawn, not merely present.
  await tour.visit('national dashboard', base, { waitFor: 'canvas.campaign-chart' });
  const chartDrawn = await page.waitForFunction(() => {
    const canvas = document.querySelector('canvas.campaign-chart') as HTMLCanvasElement | null;
    const chart = canvas && (window as unknown as { Chart?: { getChart: (c: HTMLCanvasElement) => unknown } }).Chart?.getChart(canvas);
    return Boolean(chart) && canvas!.width > 0;
  }, undefined, { timeout: 15_000 }).then(() => true, () => false);
  t.ok(chartDrawn, 'chart.js made a chart on the canvas');
  await page.waitForTimeout(1200); // chart.js animates the first draw
  const pixels = await canvasPixels(page, 'canvas.campaign-chart');
  t.ok(pixels.painted > pixels.total * 0.01, `the canvas is painted (${pixels.painted} of ${pixels.total} pixels)`);
  t.ok(pixels.series[0]! > 200, `the daily series is drawn (${pixels.series[0]} pixels)`);
  t.ok(pixels.series[1]! > 200, `the cumulative line is drawn (${pixels.series[1]} pixels)`);
  t.match(await page.locator('.key-figures').textContent(), /27/, 'the headline counts the 27 complete responses');
  t.match(await page.locator('.key-figures').textContent(), /45\.0 %/, 'and the response rate against the target of 60');
  await tour.check('national dashboard (drawn)', { shot: 'ipnc-national-dashboard', viewportShot: true, scrollTo: '.breadcrumbs' });
  await page.locator('canvas.campaign-chart').screenshot({ path: 'screenshots/ipnc-national-dashboard-chart.png' });

  // Other pages an IPNC can open: exports (own country only).
  await tour.visit('exports (IPNC)', '/staff/exports');
  t.match(await page.locator('main').textContent(), /You export\s+FR only/);
  await tour.visit('results (IPNC)', '/staff/results', { shot: 'ipnc-results' });
  t.match(await page.locator('.results-head').textContent(), /through\s+FR's links/, "the results are France's only");
  // No chart with empty axes: a question whose figures are all hidden has the sentence instead.
  const emptyCharts = await page.evaluate(() => [...document.querySelectorAll('canvas.results-chart')].filter((c) => {
    const config = JSON.parse(c.getAttribute('data-chart') ?? '{}') as { data: { datasets: { label: string; data: (number | null)[] }[] } };
    return !config.data.datasets.some((d) => !d.label.startsWith('Hidden') && d.data.some((v) => v !== null && v !== 0));
  }).length);
  t.equal(emptyCharts, 0, 'no chart without a figure');
  const said = page.locator('.question-card', { hasText: 'No chart: every answer to this question falls in a group' });
  t.equal(await said.locator('canvas').count(), 0, `the ${await said.count()} cards that say so have no chart`);
  // The Dashboard widget is left out of axe, as on the analyst's visit (analyst.e2e.ts says why).
  await tour.visit('SurveyJS Dashboard (IPNC)', '/staff/dashboard', { waitFor: '#dashboard .sa-visualizer, #dashboard .sa-question, #dashboard .sa-panel__content', exclude: ['#dashboard'] });

  // The contact of Spain: every French page is a 404, exactly like a page that does not exist.
  const spain = await newRecordedContext(browser);
  const esPage = await spain.context.newPage();
  const esTour = new PageTour(esPage, origin);
  await signInThroughPage(esPage, origin, 'ipnc.es@example.eu');
  for (const path of [base, `${base}/links`, `${base}/waves`, `${base}/targets`, '/staff/country/FR', `/staff/links/${link.id}/relaunch`, `/staff/links/${link.id}/message`]) {
    const res = await esPage.goto(`${origin}${path}`);
    t.equal(res?.status(), 404, `Spain gets 404 for ${path}`);
    t.notMatch(await esPage.locator('main').textContent(), /E-mail to national procurers|Camille/, 'and sees nothing of France');
  }
  await esTour.check('not found page');
  await esTour.visit('country home (Spain)', '/staff/country/ES');

  assertAccessible(t, tour);
  assertAccessible(t, esTour);
  t.same(foreignRequests([...requests, ...spain.requests], origin), [], 'no request left the server');
  t.same(errors.concat(spain.errors).filter((e) => !/404 \(Not Found\)/.test(e)), [], 'no script error on any page');
});
