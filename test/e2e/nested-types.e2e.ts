/**
 * The nested types on the respondent page, in Chromium: the fixture is published, each type filled
 * through the page as a respondent would (cells of a fixed matrix, a row added to a dynamic matrix,
 * a panel added to a dynamic panel, items, a picture, a slider), completed (201), and the stored
 * answer checked, with axe at 0 serious violations on both pages.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { publishAndLink } from '../support/publish-definition.ts';
import { chooseInDropdown, foreignRequests, typeAnswer, launchBrowser, newRecordedContext, seriousViolations } from './browser.ts';
import { startServer } from './e2e-server.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const { app, origin } = await startServer(t);
const browser: Browser = await launchBrowser();
t.teardown(() => browser.close());

const choose = chooseInDropdown;

const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`).first();
const row = (page: Page, name: string, index: number) => question(page, name).locator('tr.sd-table__row').nth(index);

t.test('every nested type is filled in the browser, submitted (201) and stored as the page sent it', async (t) => {
  const link = await publishAndLink(app, 'nested-browser', fixture);
  const { context, requests, errors } = await newRecordedContext(browser);
  t.teardown(() => context.close());
  const page = await context.newPage();
  let sent: unknown;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/responses')) sent = JSON.parse(r.postData() ?? '{}').answers;
  });
  await page.goto(`${origin}/s/${link.token}`);
  await question(page, 'partners').waitFor();

  // A fixed matrix: a dropdown, a rating and a number cell; "observer" shows the {row.role} comment cell.
  const lead = row(page, 'partners', 0);
  await choose(page, lead.locator('td').nth(1), 'buyer');
  await lead.locator('td').nth(2).locator('.sd-rating__item', { hasText: '4' }).click();
  await typeAnswer(lead.locator('td').nth(3).locator('input'), '120000');
  const other = row(page, 'partners', 1);
  await choose(page, other.locator('td').nth(1), 'observer');
  await typeAnswer(other.locator('textarea'), 'No budget this year');

  // A dynamic matrix: a checkbox cell, a number cell, a boolean; a second row added.
  const lot1 = row(page, 'lots', 0);
  await lot1.getByText('supplies', { exact: true }).click();
  await lot1.getByText('services', { exact: true }).click();
  await typeAnswer(lot1.locator('input[type="number"], input.sd-input').first(), '50000');
  await question(page, 'lots').getByRole('button', { name: 'Add a lot' }).click();
  const lot2 = row(page, 'lots', 1);
  await lot2.getByText('works', { exact: true }).click();
  t.same(await seriousViolations(page), [], 'axe on the page of matrices');
  await page.locator('.sd-navigation__next-btn').click();

  // A dynamic panel: a second panel added; "cancelled" shows the {panel.outcome} question.
  await question(page, 'procurements').waitFor();
  const panels = question(page, 'procurements').locator('.sd-paneldynamic__panel-wrapper');
  await typeAnswer(panels.nth(0).locator('[data-name="year"] input'), '2021');
  await panels.nth(0).getByText('awarded', { exact: true }).click();
  await question(page, 'procurements').getByRole('button', { name: 'Add a procurement' }).click();
  await typeAnswer(panels.nth(1).locator('[data-name="year"] input'), '2023');
  await panels.nth(1).getByText('cancelled', { exact: true }).click();
  await typeAnswer(panels.nth(1).locator('[data-name="cancel_reason"] textarea'), 'No bids');

  const contact = question(page, 'contact');
  await typeAnswer(contact.locator('input').nth(0), 'Central purchasing');
  await typeAnswer(contact.locator('input').nth(1), '12');
  await question(page, 'channel').getByAltText('TED', { exact: true }).click();
  const slider = question(page, 'effort').locator('input[type="range"]').first();
  // survey-core's slider takes keys (and pointer drags), not a value written into its input.
  await slider.focus();
  for (let i = 0; i < 7; i++) await slider.press('ArrowRight');
  await question(page, 'effort').locator('.sd-slider__tooltip-value', { hasText: '7' }).waitFor({ state: 'attached' });
  t.same(await seriousViolations(page), [], 'axe on the page of panels, items, pictures and the slider');

  const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/responses'));
  await page.locator('.sd-navigation__complete-btn').click();
  const res = await submitted;
  t.equal(res.status(), 201, 'the server takes what the page sends');
  const { id } = (await res.json()) as { id: string };
  const stored = (await app.db.selectFrom('response').select('answers').where('id', '=', id).executeTakeFirstOrThrow()).answers as Record<string, unknown>;
  t.same(stored, sent, 'stored as the page sent it');
  t.match(stored, {
    partners: { lead: { role: 'buyer', score: 4, budget: 120000 }, other: { role: 'observer', why: 'No budget this year' } },
    lots: [{ kind: ['supplies', 'services'], value: 50000 }, { kind: ['works'] }],
    procurements: [{ year: 2021, outcome: 'awarded' }, { year: 2023, outcome: 'cancelled', cancel_reason: 'No bids' }],
    contact: { unit: 'Central purchasing', staff: 12 },
    channel: 'ted',
    effort: 7,
  });
  t.same(foreignRequests(requests, origin), [], 'no request to another host');
  t.same(errors, [], 'no script error');
});
