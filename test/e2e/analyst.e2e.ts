/**
 * An analyst in a real browser, on generated responses of both editions in several countries:
 * results of every question, per country and per authority type, two filters applied, the
 * cross-tab, the edition comparison, a CSV and an XLSX downloaded and opened, and the SurveyJS
 * Dashboard. Every page is checked with axe-core, and no page requests anything from another host.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import t from 'tap';
import type { Download, Page } from 'playwright-core';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { parseCsv } from '../support/csv.ts';
import { startServer } from './e2e-server.ts';
import { seedEdition } from './results-data.ts';
import { PageTour, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

const K = 5;

/** Waits until every results chart on the page has been drawn by chart.js. */
async function chartsDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const Chart = (window as unknown as { Chart?: { getChart: (c: HTMLCanvasElement) => unknown } }).Chart;
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas.results-chart')];
    return Boolean(Chart) && canvases.length > 0 && canvases.every((c) => Chart!.getChart(c));
  }, undefined, { timeout: 30_000 });
  return page.locator('canvas.results-chart').count();
}

/** Opens a multi-choice filter with the mouse and ticks the given values. */
async function tickInFilter(page: Page, legend: string, values: string[]): Promise<void> {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByRole('button', { name: new RegExp(`^${legend}: `) }).click();
  for (const v of values) await group.locator(`input[value="${v}"]`).check();
  await page.keyboard.press('Escape');
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, body: await readFile(path) };
}

t.test('an analyst reads results per country and authority type, filters, crosses, compares, exports and opens the Dashboard', async (t) => {
  const { app, origin } = await startServer(t, { SUPPRESSION_K: String(K) });
  const older = await seedEdition(app, '2019', { FR: 40, ES: 30, DE: 25 }, 1000);
  const newer = await seedEdition(app, '2022', { FR: 60, ES: 45, PL: 50, IT: 6 }, 5000);
  await createMember(app, 'analyst', 'analyst@example.eu', 'Ana Lyst');

  // What the database holds for France in 2022, to check the pages and files against.
  const french = await app.db.selectFrom('response').select(['authority_type', 'answers']).where('edition_id', '=', newer.editionId).where('country', '=', 'FR').execute();
  const perType = new Map<string, number>();
  for (const r of french) if (r.authority_type) perType.set(r.authority_type, (perType.get(r.authority_type) ?? 0) + 1);
  const [topType, topTypeCount] = [...perType.entries()].sort((a, b) => b[1] - a[1])[0]!;
  t.ok(topTypeCount >= K, `France has a group of ${topTypeCount} ${topType} responses`);

  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  const tour = new PageTour(page, origin);

  await signInThroughPage(page, origin, 'analyst@example.eu');
  await tour.check('staff home (analyst)');
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Results' }).click();
  await page.waitForURL(/\/staff\/results\?edition=/);
  t.ok(new URL(page.url()).searchParams.get('edition') === newer.editionId, 'the newest edition opens first');
  t.ok((await chartsDrawn(page)) > 5, 'every question has its chart drawn');
  t.match(await page.locator('.key-line').textContent(), new RegExp(`\\b${60 + 45 + 50 + 6}\\b\\s+responses`), 'every complete response of 2022 is counted');
  await tour.check('results overview', { shot: 'results-overview', viewportShot: true, scrollTo: '.key-line' });
  // The cards: wide ones (matrices, rankings) take the full width and their tables are not cut off;
  // one card a row, so no blank gap; chart labels are whole (no ellipsis).
  const layout = await page.evaluate(() => {
    const grid = document.querySelector('.question-grid')!.getBoundingClientRect();
    const cards = [...document.querySelectorAll('.question-grid > .question-card')].map((c) => c.getBoundingClientRect());
    const wide = [...document.querySelectorAll('.question-card.wide')];
    const Chart = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => { data: { labels: unknown[] } } } }).Chart;
    const labels = [...document.querySelectorAll<HTMLCanvasElement>('canvas.results-chart')].flatMap((c) => Chart.getChart(c).data.labels.flat());
    return {
      wide: wide.length,
      wideFull: wide.every((c) => Math.abs(c.getBoundingClientRect().width - grid.width) < 2),
      cutTables: wide.flatMap((c) => [...c.querySelectorAll('.table-scroll')]).filter((s) => s.scrollWidth > s.clientWidth + 1).length,
      gaps: cards.slice(1).map((c, i) => c.top - cards[i]!.bottom).filter((g) => g > 24).length,
      sideBySide: cards.slice(1).filter((c, i) => c.top < cards[i]!.bottom).length,
      ellipsis: labels.filter((l) => String(l).includes('…')).length,
    };
  });
  t.ok(layout.wide >= 2, `matrices and rankings are wide cards (${layout.wide})`);
  t.ok(layout.wideFull, 'a wide card has the full width');
  t.equal(layout.cutTables, 0, 'no wide table is cut off');
  t.same([layout.gaps, layout.sideBySide], [0, 0], 'one card a row, no blank gap');
  t.equal(layout.ellipsis, 0, 'no chart label cut with an ellipsis');

  // Per country: Italy (6 responses) is shown; per authority type: the groups of the database.
  await page.getByRole('link', { name: 'By country' }).click();
  await page.waitForURL(/by=country/);
  const countryRows = await page.locator('table.groups-table tbody tr').allTextContents();
  t.ok(countryRows.some((r) => /France\s*60/.test(r)), 'France has its 60 responses');
  t.ok(countryRows.some((r) => /Poland\s*50/.test(r)), 'Poland has its 50');
  await tour.check('results by country', { shot: 'results-by-country' });
  await page.locator('table.groups-table tbody tr', { hasText: 'France' }).getByRole('link', { name: 'Open' }).click();
  await page.waitForURL(/country=FR/);
  t.match(await page.locator('.key-line').textContent(), /\b60\b\s+responses/, "France's results count its 60 responses");
  await chartsDrawn(page);
  await tour.check('results of France');
  await page.goBack();
  await page.getByRole('link', { name: 'By authority type' }).click();
  await page.waitForURL(/by=authority_type/);
  t.ok((await page.locator('table.groups-table tbody tr').count()) >= 3, 'several authority types');
  await tour.check('results by authority type');

  // Two filters: the country answered and the largest authority type of France.
  await tour.visit('results overview (before filters)', `/staff/results?edition=${newer.editionId}`);
  // The country with the keyboard only: open, search, go to the match, tick, close.
  const countries = page.getByRole('group', { name: 'Country answered', exact: true });
  await countries.getByRole('button', { name: /^Country answered: any/ }).focus();
  await page.keyboard.press('Enter');
  t.ok(await countries.getByRole('searchbox').evaluate((e) => e === document.activeElement), 'opening puts the focus in the search box');
  await page.keyboard.type('Fran');
  t.equal(await countries.locator('.multi-select-option:visible').count(), 1, 'the search leaves France');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  t.ok(await countries.getByRole('button', { name: /^Country answered: 1 chosen/ }).evaluate((e) => e === document.activeElement), 'Escape closes and returns to the button');
  t.ok(await countries.getByRole('button', { name: 'Remove France from Country answered' }).isVisible(), 'France shows as a removable chip');
  await tickInFilter(page, 'Authority type', [topType]);
  await tickInFilter(page, 'Language', ['en']);
  await page.getByRole('group', { name: 'Language', exact: true }).getByRole('button', { name: /^Remove .* from Language$/ }).click();
  await tour.check('results filters being chosen', { shot: 'results-filters' });
  await Promise.all([page.waitForURL(/authority_type=/), page.getByRole('button', { name: 'Apply filters' }).click()]);
  const query = new URL(page.url()).searchParams;
  t.same([query.getAll('country'), query.getAll('authority_type')], [['FR'], [topType]], 'both filters are in the address');
  t.equal(await page.locator('.active-filters li').count(), 2, 'two active filters are listed');
  t.match(await page.locator('.key-line').textContent(), new RegExp(`\\b${topTypeCount}\\b\\s+responses`), `the ${topTypeCount} French ${topType} responses are counted`);
  await chartsDrawn(page);
  await tour.check('results overview (two filters)');

  // The cross-tab (the filters are kept), then the comparison with 2019.
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL((u) => !u.searchParams.has('country'));
  await page.getByRole('navigation', { name: 'Results views' }).getByRole('link', { name: 'Cross-tab' }).click();
  await page.waitForURL(/\/staff\/results\/cross-tab/);
  t.equal(await page.getByLabel('Rows').inputValue(), 'q.jpp_attitude', 'the cross-tab opens on attitude by authority type, not on consent');
  await chartsDrawn(page);
  t.equal(await page.locator('.table-scroll').evaluate((s) => s.scrollWidth - s.clientWidth), 0, 'the cross-tab by authority type fits the page');
  await page.getByLabel('Rows').selectOption('q.jpp_experience');
  await page.getByLabel('Columns').selectOption('country');
  await Promise.all([page.waitForURL(/rows=q\.jpp_experience/), page.getByRole('button', { name: 'Cross' }).click()]);
  await chartsDrawn(page);
  t.match(await page.locator('table.crosstab thead').textContent(), /France/, 'countries are the columns');
  t.ok((await page.locator('table.crosstab .hidden-figure').count()) > 0, "Italy's six answers are hidden, with the cells they could be worked out from");
  const legend = await page.locator('canvas.results-chart').evaluate((c) => (window as unknown as { Chart: { getChart: (c: Element) => { data: { datasets: { label: string }[] } } } }).Chart.getChart(c).data.datasets.map((d) => d.label));
  t.ok(legend.includes('Hidden (groups too small to show)'), 'the chart names its hidden part');
  t.match(await page.locator('.results-page .hint', { hasText: 'pale grey' }).textContent(), /hidden because their groups are too small/, 'and the page says what it is');
  await tour.check('cross-tab with a small group');
  // The three large countries only: nothing to hide, and the axes are kept.
  await tickInFilter(page, 'Country answered', ['FR', 'ES', 'PL']);
  await Promise.all([page.waitForURL(/country=PL/), page.getByRole('button', { name: 'Apply filters' }).click()]);
  t.equal(new URL(page.url()).searchParams.get('rows'), 'q.jpp_experience', 'the rows are kept');
  await chartsDrawn(page);
  t.equal(await page.locator('table.crosstab .hidden-figure').count(), 0, 'no cell is hidden');
  t.notMatch(await page.locator('table.crosstab thead').textContent(), /Italy/);
  await tour.check('cross-tab', { shot: 'results-cross-tab', viewportShot: true, scrollTo: '.axis-form' });

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL((u) => !u.searchParams.has('country'));
  await page.getByRole('navigation', { name: 'Results views' }).getByRole('link', { name: 'Compare editions' }).click();
  await page.waitForURL(/\/staff\/results\/compare/);
  await page.getByLabel('Earlier edition').selectOption(older.editionId);
  await Promise.all([page.waitForURL(/before=/), page.getByRole('button', { name: 'Compare' }).click()]);
  t.match(await page.locator('.key-line').textContent(), /\b95\b\s+responses[\s\S]*\b161\b\s+responses/, 'both editions are counted');
  t.ok((await chartsDrawn(page)) > 3, 'the questions asked in both have charts');
  await tour.check('edition comparison', { shot: 'results-comparison', viewportShot: true, scrollTo: '#c-jpp_experience' });

  // Exports: the responses of France as CSV, the aggregated tables as XLSX; the test opens both.
  await tour.visit('exports', '/staff/exports', { shot: 'analyst-exports' });
  const form = page.locator('article.export-edition').filter({ has: page.getByRole('heading', { name: /\(2022\)/ }) });
  await form.getByLabel('Country answered').selectOption('FR');
  const csv = await downloadOf(page, () => form.getByRole('button', { name: 'Responses CSV' }).click());
  t.match(csv.download.suggestedFilename(), /^jpp-experience-2022-responses-\d{4}-\d{2}-\d{2}\.csv$/);
  const table = parseCsv(csv.body.toString('utf8').replace(/^\uFEFF/, ''));
  const [header, ...lines] = table;
  t.equal(lines.length, 60, 'one line per French response');
  const col = (name: string) => header!.indexOf(name);
  t.ok(lines.every((l) => l[col('answered_country')] === 'FR'), 'every line is a French answer');
  t.ok(lines.every((l) => l[col('edition')] === '2022' && l[col('status')] === 'complete'));
  const yes = french.filter((r) => r.answers.jpp_experience === 'yes').length;
  t.equal(lines.filter((l) => l[col('jpp_experience')] === 'yes').length, yes, `the answers are there (${yes} "yes" to jpp_experience)`);
  t.same(header!.filter((h) => /token|resume|deletion|^ip|_ip$|user_agent|referr/i.test(h)), [], 'no column could lead back to a respondent');

  const xlsx = await downloadOf(page, () => form.getByRole('button', { name: 'Aggregates XLSX' }).click());
  t.match(xlsx.download.suggestedFilename(), /\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  t.ok(workbook.worksheets.length >= 2, `the workbook has the tables and the codebook (${workbook.worksheets.map((w) => w.name).join(', ')})`);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const heads = rows[0] as string[];
  const [q, m, item, v] = ['question', 'measure', 'item', 'value'].map((h) => heads.indexOf(h));
  const answered = rows.find((r) => r[q!] === 'jpp_experience' && r[m!] === 'answers');
  t.equal(answered?.[v!], french.filter((r) => r.answers.jpp_experience !== undefined).length, 'the aggregate counts the French answers to jpp_experience');
  const yesLine = rows.find((r) => r[q!] === 'jpp_experience' && r[m!] === 'count' && r[item!] === 'yes');
  t.equal(yesLine?.[v!], yes >= K ? yes : null, 'and the "yes" count (hidden under k)');

  // The SurveyJS Dashboard, fed by the server's summaries.
  await page.getByRole('link', { name: 'SurveyJS Dashboard' }).first().click();
  await page.waitForURL(/\/staff\/dashboard\?edition=/);
  await page.locator('#dashboard .sa-visualizer, #dashboard .sa-question').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  // The Dashboard widget (survey-analytics) is left out of axe: its toolbars' selects have no
  // accessible name and its licence banner's links lack contrast, inside the library. The page around
  // it (heading, filters, status) is checked; the results pages give the same figures accessibly.
  await tour.check('SurveyJS Dashboard', { exclude: ['#dashboard'], shot: 'dashboard', viewportShot: true });
  t.equal(await page.locator('#dashboard-status').textContent(), '', 'every figure loaded');

  assertAccessible(t, tour);
  t.same(foreignRequests(requests, origin), [], 'no request left the server');
  t.same(errors, [], 'no script error on any page');
});
