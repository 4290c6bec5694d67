/**
 * Chart pictures downloaded the way a reader does: on the results overview, the cross-tab, the
 * edition comparison, the national dashboard and the network overview, the "PNG" and "SVG" links
 * under the charts are clicked; each file must be a real picture: a PNG by its signature, its
 * header's size at print resolution, and Chromium decoding it; an SVG that Chromium draws at the
 * chart's size. Then the Reports page makes a report, shows its steps, and downloads it. Every page
 * visited is checked with axe-core.
 */
import { readFile } from 'node:fs/promises';
import t from 'tap';
import type { Page } from 'playwright-core';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { seedEdition } from './results-data.ts';
import { PageTour, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Links clicked per page at most: each picture is drawn at 2,700 pixels across on a shared machine. */
const LINKS_PER_PAGE = 3;

/** The size Chromium decodes a picture at, from its bytes (null when it cannot decode it). */
async function decodedSize(page: Page, body: Buffer, type: string): Promise<{ width: number; height: number } | null> {
  return page.evaluate(async ({ base64, type }) => {
    const image = new Image();
    image.src = `data:${type};base64,${base64}`;
    try {
      await image.decode();
    } catch {
      return null;
    }
    return { width: image.naturalWidth, height: image.naturalHeight };
  }, { base64: body.toString('base64'), type });
}

async function download(page: Page, link: ReturnType<Page['locator']>): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), body: await readFile(await file.path()) };
}

t.test('every results page: its chart pictures download as real PNG and SVG files', async (t) => {
  const { app, origin } = await startServer(t, { SUPPRESSION_K: '5' });
  await seedEdition(app, '2019', { FR: 30, ES: 25 }, 1000);
  const newer = await seedEdition(app, '2022', { FR: 40, ES: 30, PL: 25 }, 5000);
  await createMember(app, 'analyst', 'analyst.charts@example.eu', 'Ana Charts');

  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  const tour = new PageTour(page, origin);
  await signInThroughPage(page, origin, 'analyst.charts@example.eu');

  const pages: [string, string][] = [
    ['results overview', `/staff/results?edition=${newer.editionId}`],
    ['cross-tab', `/staff/results/cross-tab?edition=${newer.editionId}&rows=q.jpp_attitude&columns=authority_type`],
    ['edition comparison', `/staff/results/compare?edition=${newer.editionId}`],
    ['national dashboard', `/staff/campaigns/${newer.campaignId}/country/FR`],
    ['network overview', `/staff/campaigns/${newer.campaignId}/overview`],
  ];
  for (const [name, path] of pages) {
    await tour.visit(name, path);
    const blocks = page.locator('p.chart-downloads');
    const count = await blocks.count();
    t.ok(count > 0, `${name}: ${count} charts offer downloads`);
    for (let i = 0; i < Math.min(count, LINKS_PER_PAGE); i++) {
      const block = blocks.nth(i);
      await block.scrollIntoViewIfNeeded();
      const png = await download(page, block.getByRole('link', { name: 'PNG', exact: true }));
      t.match(png.name, /\.png$/, `${name} #${i + 1}: ${png.name}`);
      t.same(png.body.subarray(0, 8), PNG_SIGNATURE, 'the PNG signature');
      t.equal(png.body.subarray(12, 16).toString('latin1'), 'IHDR', 'the header chunk first');
      const [width, height] = [png.body.readUInt32BE(16), png.body.readUInt32BE(20)];
      t.equal(width, 2700, 'print resolution: 900 CSS pixels at 3x');
      t.ok(height >= 3 * 200 && height <= 3 * 1100, `a chart's height (${height} px)`);
      t.same(await decodedSize(page, png.body, 'image/png'), { width, height }, 'Chromium decodes it at that size');

      const svg = await download(page, block.getByRole('link', { name: 'SVG', exact: true }));
      t.match(svg.name, /\.svg$/, `${name} #${i + 1}: ${svg.name}`);
      const text = svg.body.toString('utf8');
      t.match(text, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, 'an SVG document');
      t.match(text, /<\/svg>\s*$/, 'whole');
      t.match(text, /<path/, 'with the drawing (text as outlines)');
      const size = await decodedSize(page, svg.body, 'image/svg+xml');
      t.ok(size && size.width === 900 && size.height === height / 3, `Chromium draws it at the chart's size (${JSON.stringify(size)})`);
    }
  }

  // The Reports page: the report is made as a job whose steps the page shows, then downloaded.
  await tour.visit('reports', '/staff/reports');
  const steps: string[] = [];
  const watch = setInterval(() => {
    page.locator('#report-status').textContent().then((s) => { if (s && steps.at(-1) !== s) steps.push(s); }, () => undefined);
  }, 100);
  const [report] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: /Download the report/ }).click()]);
  clearInterval(watch);
  const body = await readFile(await report.path());
  t.match(report.suggestedFilename(), /-2022-report\.docx$/);
  t.equal(body.subarray(0, 2).toString('latin1'), 'PK', 'a .docx (zip) file');
  t.ok(steps.some((s) => /Counting|Cross-tabulating|Drawing the charts \(\d+ of \d+\)|Writing/.test(s)), `the page showed the steps: ${steps.join(' | ')}`);
  t.match(await page.locator('#report-status').textContent(), /Ready/);

  assertAccessible(t, tour);
  t.same(foreignRequests(requests, origin), [], 'nothing requested from another host');
  t.same(errors, [], 'no script errors');
});
