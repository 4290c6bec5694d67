/**
 * Dates and times on the SurveyJS Dashboard in Chromium: every date and time question is drawn as
 * bars of its periods (no script error from survey-analytics' own date histogram), with the counts
 * of test/analysis/date-kind.test.ts.
 */
import t from 'tap';
import { seedResults } from '../analysis/support/results-fixture.ts';
import { definition, rows } from '../analysis/support/date-fixture.ts';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { createMember, signInThroughPage } from './staff-browser.ts';

t.test('the Dashboard draws every date and time question as bars of its periods', async (t) => {
  const { app, origin } = await startServer(t, { SUPPRESSION_K: '3' });
  const { editionId } = await seedResults(app, rows, { definition });
  await createMember(app, 'analyst', 'analyst.dates@example.eu', 'Dana Analyst');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}/staff/dashboard?edition=${editionId}`);
  await signInThroughPage(page, origin, 'analyst.dates@example.eu');
  await page.waitForURL(/\/staff\/dashboard\?edition=/);
  // Each plot keeps its traces on the element (Plotly's own property); wait until the six date plots are drawn.
  const bars = await page.waitForFunction(() => {
    const plots = [...document.querySelectorAll('#dashboard .js-plotly-plot')] as (Element & { data?: { x?: unknown[]; y?: unknown[] }[] })[];
    const drawn = plots.map((p) => (p.data ?? []).flatMap((d) => [...(d.x ?? []), ...(d.y ?? [])]).filter((v) => typeof v === 'number'));
    return drawn.length >= 7 && drawn.every((v) => v.length > 0) ? drawn : null;
  }, undefined, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number[][]>);
  const sums = bars.map((values) => values.reduce((a, b) => a + b, 0));
  t.same(sums.slice(0, 6), [10, 10, 10, 10, 10, 10], 'start, born, at, month, when and wk: ten answers each, in bars');
  t.same([...bars[2]!].sort(), [3, 3, 4], 'the time question: 09 h 3, 10 h 3, 14-23 h 4');
  t.equal(await page.locator('#dashboard-status').textContent(), '', 'every figure loaded');
  t.same(errors.filter((e) => !/favicon/.test(e)), [], 'no script error (getContinuousValues no longer runs)');
  t.same(foreignRequests(requests, origin), []);
});
