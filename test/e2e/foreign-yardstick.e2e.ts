/**
 * Definitions written by others (test/fixtures/foreign/), completed in Chromium as a respondent
 * would: a clinic intake (a date, a multiple text, a dynamic panel with a {panel.x} condition), an
 * event registration (a dropdown, a computed value, a dynamic matrix, pictures) and a product
 * feedback (a shared valueName, ratings and a panel written with the older "questions" key). Each is
 * completed (201) with no script error, no request to another host and axe at 0 serious, and the
 * answers appear in the results.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { publishAndLink } from '../support/publish-definition.ts';
import { chooseInDropdown, foreignRequests, typeAnswer, launchBrowser, newRecordedContext, seriousViolations } from './browser.ts';
import { startServer } from './e2e-server.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/foreign/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const { app, origin } = await startServer(t, { SUPPRESSION_K: '3' });
const browser: Browser = await launchBrowser();
t.teardown(() => browser.close());

const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`).first();
const choose = chooseInDropdown;

/** Opens the survey, lets `fill` answer, completes three times, and checks what the results show. */
async function completeThrice(t: Test, name: string, fill: (page: Page) => Promise<void>, expectShown: string[]) {
  const link = await publishAndLink(app, name, read(name));
  for (let round = 0; round < 3; round++) {
    const { context, requests, errors } = await newRecordedContext(browser);
    const page = await context.newPage();
    await page.goto(`${origin}/s/${link.token}`);
    await page.locator('.sd-question').first().waitFor();
    if (round === 0) t.same(await seriousViolations(page), [], `${name}: axe 0 serious on the first page`);
    await fill(page);
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/responses'));
    await page.locator('.sd-navigation__complete-btn').click();
    const res = await submitted;
    t.equal(res.status(), 201, `${name}: completed (${round + 1})`);
    t.same(foreignRequests(requests, origin), [], 'no request to another host');
    t.same(errors, [], 'no script error');
    await context.close();
  }
  const definition = (await app.db.selectFrom('edition').select('definition').where('id', '=', link.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
  const summary = await summarizeEdition(app.db, definition, resultFilters({ editionId: link.editionId }), { k: 3, viewerMaySeeTexts: true });
  if (summary.suppressed) throw new Error('suppressed');
  for (const q of expectShown) {
    const s = summary.questions.find((x) => x.name === q);
    t.ok(s && !s.suppressed && s.base >= 3, `${name}: ${q} in the results`);
  }
}

t.test('a clinic intake with a dynamic panel', async (t) => {
  await completeThrice(t, 'clinic-intake', async (page) => {
    await typeAnswer(question(page, 'visit_date').locator('input'), '2026-12-01');
    await question(page, 'sex').getByText('Female', { exact: true }).click();
    await typeAnswer(question(page, 'age').locator('input'), '54');
    await question(page, 'conditions').getByText('Asthma', { exact: true }).click();
    await typeAnswer(question(page, 'emergency').locator('input').first(), 'Jan');
    await page.locator('.sd-navigation__next-btn').click();
    await question(page, 'takes_medication').getByText('Yes', { exact: true }).click();
    const panel = question(page, 'medications').locator('.sd-paneldynamic__panel-wrapper').first();
    await typeAnswer(panel.locator('[data-name="drug"] input'), 'Metformin');
    // Typed into the dropdown's search, as a keyboard user picks an answer.
    await panel.locator('[data-name="frequency"] .sd-dropdown').click();
    await page.keyboard.type('other');
    await page.keyboard.press('Enter');
    await typeAnswer(panel.locator('[data-name="frequency_other"] input'), 'every other day');
    // survey-core fades in a question its condition has just shown; axe reads the colours once it is in.
    await page.waitForTimeout(800);
    t.same(await seriousViolations(page), [], 'axe on the page of the dynamic panel');
  }, ['age', 'conditions', 'emergency.name', 'medications', 'medications.drug', 'medications.frequency', 'medications.frequency_other']);
});

t.test('an event registration with a computed value, a dynamic matrix and pictures', async (t) => {
  await completeThrice(t, 'event-registration', async (page) => {
    await typeAnswer(question(page, 'organisation').locator('input'), 'Border Guard HQ');
    await choose(page, question(page, 'session'), 'Buying innovation');
    await typeAnswer(question(page, 'party_size').locator('input'), '1');
    await question(page, 'party_size').locator('input').press('Tab');
    await page.locator('.sd-navigation__next-btn').click();
    const row = question(page, 'colleagues').locator('tr.sd-table__row').first();
    await choose(page, row.locator('td').nth(0), 'lawyer');
    await row.getByText('vegan', { exact: true }).click();
    // The picture's check mark lies over its centre: the item (a label) is what a respondent clicks.
    await question(page, 'venue').locator('.sd-imagepicker__item').nth(1).click();
  }, ['organisation', 'session', 'party_size', 'colleagues', 'colleagues.role', 'colleagues.diet', 'venue', 'seats']);
});

t.test('a product feedback with a shared valueName and the older "questions" key', async (t) => {
  await completeThrice(t, 'product-feedback', async (page) => {
    await question(page, 'role').getByText('buyer', { exact: true }).click();
    await question(page, 'features').getByText('e-submission', { exact: true }).click();
    await question(page, 'nps').locator('.sd-rating__item', { hasText: /^9$/ }).click();
    await typeAnswer(question(page, 'improve').locator('textarea'), 'Faster search');
  }, ['role', 'features', 'nps', 'improve']);
});
