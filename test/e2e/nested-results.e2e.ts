/**
 * Answers inside answers in the results, in Chromium: the results page shows a card per part of
 * each nested question (a choice column as a table per row, numbers and ratings with their mean,
 * dynamic rows and panels over all rows with their number per response), with the hand counts of
 * test/analysis/nested-aggregates.test.ts; the SurveyJS Dashboard draws each part from the
 * server's figures with no script error. axe at 0 serious on both pages.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { publishAndLink } from '../support/publish-definition.ts';
import { TEN_RESPONSES } from '../support/nested-answers.ts';
import { foreignRequests, launchBrowser, newRecordedContext, screenshot, seriousViolations } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { createMember, signInThroughPage } from './staff-browser.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

t.test('the results page and the Dashboard show every part of the nested questions', async (t) => {
  const { app, origin } = await startServer(t, { SUPPRESSION_K: '3' });
  const link = await publishAndLink(app, 'nested-results', fixture);
  let seq = 0;
  for (const answers of TEN_RESPONSES) {
    const res = await app.inject({
      method: 'POST', url: `/s/${link.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `nested-results-${++seq}-abcdefgh` },
      payload: JSON.stringify({ answers, locale: 'en' }),
    });
    t.equal(res.statusCode, 201, res.body);
  }
  await createMember(app, 'analyst', 'analyst.nested@example.eu', 'Nina Analyst');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser);
  t.teardown(() => context.close());
  const page = await context.newPage();
  await page.goto(`${origin}/staff/results?edition=${link.editionId}`);
  await signInThroughPage(page, origin, 'analyst.nested@example.eu');
  await page.waitForURL(/\/staff\/results\?edition=/);

  const card = (name: string) => page.locator('article.question-card', { has: page.locator('code', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) });
  await card('partners.role').waitFor();
  t.match(await card('partners.role').locator('h2').textContent(), /How did each partner take part\?: Role/);
  const roleRows = await card('partners.role').locator('tbody tr').allTextContents();
  t.match(roleRows[0], /Lead buyer\s*60(\.0)? %\s*40(\.0)? %\s*10/, 'lead buyer: 6 buyers, 4 observers of 10');
  t.match(await card('partners.lead.score').textContent(), /Mean\s*3/);
  t.match(await card('lots').locator('.question-meta').textContent(), /10 answered/, 'the number of rows, per response');
  t.match(await card('lots.kind').locator('.question-meta').textContent(), /21 rows answered/, 'the kinds of lot, over all 21 rows');
  t.match(await card('procurements.outcome').textContent(), /awarded[\s\S]*14/);
  t.match(await card('contact.staff').textContent(), /Mean\s*15/);
  t.same(await seriousViolations(page), [], 'results page: axe 0 serious');
  await screenshot(page, 'nested-results');

  await page.goto(`${origin}/staff/dashboard?edition=${link.editionId}`);
  // Every visualizer has asked the server for its figures once the plots are drawn.
  await page.waitForFunction(() => document.querySelectorAll('#dashboard .sa-question').length >= 15, undefined, { timeout: 60_000 });
  await page.waitForFunction(() => (document.getElementById('dashboard-status')?.textContent ?? 'x') === '', undefined, { timeout: 60_000 });
  const titles = await page.locator('#dashboard .sa-question__title').allTextContents();
  for (const part of ['Role', 'Lead buyer: Satisfaction', 'number of rows', 'Kind (all rows)', 'Outcome (all panels)', 'Staff']) {
    t.ok(titles.some((x) => x.includes(part)), `the Dashboard draws "${part}"`);
  }
  t.same(errors.filter((e) => !/favicon/.test(e)), [], 'no script error');
  t.same(foreignRequests(requests, origin), [], 'no request to another host');
  await screenshot(page, 'nested-dashboard');
});
