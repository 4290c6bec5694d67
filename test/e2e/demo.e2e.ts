/**
 * The demo in a real browser, as `npm start` builds it: France's national contact sees the 2019
 * campaign's curve with its waves and a funnel with numbers; an analyst sees the 2022 results, a
 * cross-tab and the comparison with 2019, which has differences. Every page says it shows demo
 * data, passes axe-core, and requests nothing from another host. The README's screenshots are these.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { buildDemo } from '../../server/demo/seed-demo.ts';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { PageTour, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

async function chartDrawn(page: Page, selector: string): Promise<boolean> {
  return page.waitForFunction((sel) => {
    const Chart = (window as unknown as { Chart?: { getChart: (c: HTMLCanvasElement) => unknown } }).Chart;
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>(sel)];
    return Boolean(Chart) && canvases.length > 0 && canvases.every((c) => Chart!.getChart(c) && c.width > 0);
  }, selector, { timeout: 30_000 }).then(() => true, () => false);
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

t.test('the demo shows a curve with waves, a funnel with numbers and editions that differ', async (t) => {
  const { app, origin } = await startServer(t, { SUPPRESSION_K: '5' });
  const { replayed } = await buildDemo(app.db, { countries: app.reference.countryCodes, publicUrl: origin, actor: 'server', seed: 2019 });
  const [c2019, c2022] = replayed as [(typeof replayed)[0], (typeof replayed)[0]];
  const editionOf = async (campaignId: string) => (await app.db.selectFrom('campaign').select('edition_id').where('id', '=', campaignId).executeTakeFirstOrThrow()).edition_id;
  const [e2019, e2022] = [await editionOf(c2019.campaignId), await editionOf(c2022.campaignId)];
  await createMember(app, 'ipnc', 'ipnc.fr@example.eu', 'Camille Martin', 'FR');
  await createMember(app, 'analyst', 'analyst@example.eu', 'Ana Lyst');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());

  // France's national contact: the 2019 campaign.
  const ipnc = await newRecordedContext(browser);
  const page = await ipnc.context.newPage();
  const tour = new PageTour(page, origin);
  await signInThroughPage(page, origin, 'ipnc.fr@example.eu');
  await tour.visit('national dashboard (demo 2019)', `/staff/campaigns/${c2019.campaignId}/country/FR`, { waitFor: 'canvas.campaign-chart' });
  t.ok(await chartDrawn(page, 'canvas.campaign-chart'), 'the curve is drawn');
  await page.waitForTimeout(1200); // chart.js animates the first draw
  t.match(await page.locator('.demo-banner').textContent(), /Demo data/, 'the page says it shows demo data');
  const waves = await page.locator('section[aria-labelledby="waves-title"] tbody tr').allTextContents();
  t.ok(waves.some((w) => /Launch/.test(w)) && waves.some((w) => /Relaunch/.test(w)) && waves.some((w) => /Extension/.test(w)), 'launch, relaunch and extension listed');
  const funnel = page.locator('section[aria-labelledby="funnel-title"] tfoot td.num');
  const [visits, starts, completions] = [number(await funnel.nth(0).textContent()), number(await funnel.nth(1).textContent()), number(await funnel.nth(2).textContent())];
  t.ok(visits >= starts && starts >= completions && completions > 20, `the funnel has numbers: ${visits} visits, ${starts} starts, ${completions} completions`);
  t.equal(completions, number(await page.locator('.key-figures li').first().locator('.figure').textContent()), 'completions are the complete responses');
  await tour.check('national dashboard (drawn)', { shot: 'demo-national-dashboard', viewportShot: true, scrollTo: '.breadcrumbs' });
  await page.locator('canvas.campaign-chart').screenshot({ path: 'screenshots/demo-national-dashboard-chart.png' });

  // An analyst: results of 2022, a cross-tab of the larger countries, and the comparison.
  const analyst = await newRecordedContext(browser);
  const apage = await analyst.context.newPage();
  const atour = new PageTour(apage, origin);
  await signInThroughPage(apage, origin, 'analyst@example.eu');
  await atour.visit('results (demo 2022)', `/staff/results?edition=${e2022}`, { waitFor: 'canvas.results-chart' });
  t.ok(await chartDrawn(apage, 'canvas.results-chart'), 'the results charts are drawn');
  t.match(await apage.locator('.demo-banner').textContent(), /Demo data/);
  await atour.check('results (drawn)', { shot: 'demo-results-overview', viewportShot: true, scrollTo: '.key-line' });

  const big = ['FR', 'ES', 'RO', 'PT', 'SK'].map((c) => `country=${c}`).join('&');
  await atour.visit('cross-tab (demo 2022)', `/staff/results/cross-tab?edition=${e2022}&rows=q.jpp_experience&columns=country&${big}`, { waitFor: 'canvas.results-chart' });
  t.ok(await chartDrawn(apage, 'canvas.results-chart'));
  t.match(await apage.locator('table.crosstab thead').textContent(), /France/);
  await atour.check('cross-tab (drawn)', { shot: 'demo-cross-tab', viewportShot: true, scrollTo: '.axis-form' });

  await atour.visit('comparison (demo 2019 and 2022)', `/staff/results/compare?edition=${e2022}&before=${e2019}`, { waitFor: 'canvas.results-chart' });
  t.ok(await chartDrawn(apage, 'canvas.results-chart'));
  const differences = (await apage.locator('#c-jpp_experience').textContent()) ?? '';
  t.match(differences, /[1-9]\d*\.\d/, 'experience of joint procurement differs between the editions: not 0.0 everywhere');
  await atour.check('comparison (drawn)', { shot: 'demo-edition-comparison', viewportShot: true, scrollTo: '#c-jpp_experience' });

  assertAccessible(t, tour);
  assertAccessible(t, atour);
  for (const ctx of [ipnc, analyst]) {
    t.same(foreignRequests(ctx.requests, origin), [], 'nothing requested from another host');
    t.same(ctx.errors, [], 'no script error');
  }
});
