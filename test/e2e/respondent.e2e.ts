/**
 * A respondent in a real browser: a French link, the no-experience branch of 2019, the progress bar,
 * leaving mid-way and coming back, submitting, the deletion code, deleting; the full 2022 path with
 * every kind of question; keyboard only; accessibility and no request to another host on every page.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { openLink } from '../helper.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { chooseInDropdown, foreignRequests, launchBrowser, newRecordedContext, screenshot, seriousViolations, typeAnswer } from './browser.ts';
import { startServer } from './e2e-server.ts';

type Choice = { value: string; text: Record<string, string> };
type Element = { name: string; choices?: Choice[] };

function frenchChoice(definition: Record<string, unknown>, question: string, value: string): string {
  for (const page of definition.pages as { elements: Element[] }[]) {
    const q = page.elements.find((e) => e.name === question);
    const c = q?.choices?.find((x) => x.value === value);
    if (c) return c.text.fr ?? c.text.default ?? value;
  }
  throw new Error(`no choice ${question}=${value}`);
}

async function progress(page: Page): Promise<string> {
  return (await page.locator('.survey-progress__text').textContent()) ?? '';
}

/** "Page 3 sur 8" as [3, 8]. */
function pageOf(text: string): [number, number] {
  const [at, total] = (text.match(/\d+/g) ?? []).map(Number);
  return [at ?? 0, total ?? 0];
}

/** WCAG contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function next(page: Page) {
  await page.locator('.sd-navigation__next-btn, input[value="Suivant"]').first().click();
}

t.test('a French respondent answers the no-experience branch, leaves, resumes, submits and deletes', async (t) => {
  const { app, origin } = await startServer(t);
  const link = await openLink(app, { edition: '2019', language: 'fr', country: 'FR' });
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests } = await newRecordedContext(browser, { locale: 'fr-FR' });
  const url = `${origin}/s/${link.token}`;
  const a11y: Record<string, unknown[]> = {};

  let page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-name="consent"]').waitFor();
  t.equal(await page.getAttribute('html', 'lang'), 'fr');
  t.match(await page.locator('.sd-title').first().textContent(), /marchés publics conjoints/);
  a11y.privacy = await seriousViolations(page);
  await screenshot(page, 'respondent-1-privacy');
  const firstProgress = await progress(page);
  t.match(firstProgress, /^Page 1 sur \d+$/);
  const seen = [firstProgress];

  // The consent box carries its sentence as its label, and an unticked box is clearly drawn.
  t.ok(await page.getByRole('checkbox', { name: /J'ai lu cette information et j'accepte de participer/ }).count(), 'the consent checkbox is labelled by its sentence');
  const box = await page.locator('[data-name="consent"] .sd-item__decorator').first().evaluate((el) => {
    const edge = getComputedStyle(el).boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? '';
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e: HTMLElement | null = el.parentElement; e && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
    return { edge, bg };
  });
  t.ok(contrast(box.edge, box.bg) >= 3, `an unticked box's edge has 3:1 contrast or more (${box.edge} on ${box.bg}: ${contrast(box.edge, box.bg).toFixed(2)})`);

  // A required question left empty shows the survey's own message and blocks the page.
  await next(page);
  await page.locator('[data-name="consent"] .sd-question__erbox, [data-name="consent"] [role="alert"]').first().waitFor();
  t.match(await page.locator('[data-name="consent"]').textContent(), /Veuillez cocher la case pour participer/, "the survey's own message");
  t.notMatch(await page.locator('[data-name="consent"]').textContent(), /obligatoire/, 'not the generic one');
  t.equal(await progress(page), firstProgress, 'still on the first page');

  await page.locator('[data-name="consent"] label').first().click();
  await next(page);
  await page.locator('[data-name="country"]').waitFor();
  t.not(await progress(page), firstProgress, 'the progress bar moved');
  seen.push(await progress(page));
  a11y.organisation = await seriousViolations(page);

  await chooseInDropdown(page, page.locator('[data-name="country"]'), 'France');
  await page.locator(`[data-name="authority_type"] label:has-text("${frenchChoice(definition, 'authority_type', 'border_guard')}")`).click();
  await page.locator(`[data-name="respondent_role"] label:has-text("${frenchChoice(definition, 'respondent_role', 'procurer')}")`).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'respondent-survey-fr', { fullPage: false });
  await next(page);

  await page.locator(`[data-name="jpp_experience"] label:has-text("${frenchChoice(definition, 'jpp_experience', 'no')}")`).click();
  seen.push(await progress(page));
  await next(page);
  await page.locator('[data-name="no_jpp_reasons"]').waitFor();
  seen.push(await progress(page));
  a11y.reasons = await seriousViolations(page);
  const reason = frenchChoice(definition, 'no_jpp_reasons', 'lack_of_experience');
  await page.locator(`[data-name="no_jpp_reasons"] label:has-text("${reason}")`).click();
  await page.locator('.save-status:has-text("Progression enregistrée")').waitFor({ timeout: 10_000 });

  // Close the tab mid-way and come back: answers and page are restored.
  await page.close();
  page = await context.newPage();
  await page.goto(url);
  await page.locator('.save-status:has-text("Bon retour")').waitFor({ timeout: 10_000 });
  await page.locator('[data-name="no_jpp_reasons"]').waitFor();
  t.ok(await page.locator(`[data-name="no_jpp_reasons"] label:has-text("${reason}") input`).isChecked(), 'the answer was restored');
  t.equal(await progress(page), seen.at(-1), 'the progress after the reload is the progress before it');

  await next(page);
  await page.locator('[data-name="jpp_interest"]').waitFor();
  seen.push(await progress(page));
  await page.locator('[data-name="jpp_interest"] label:has(input[value="2"])').click();
  await next(page);
  await page.locator('[data-name="comments"]').waitFor();
  seen.push(await progress(page));
  // Page numbers go up by one, totals only shrink as branches close, the bar never moves back.
  const steps = seen.map(pageOf);
  for (let i = 1; i < steps.length; i++) {
    const [[a0, t0], [a1, t1]] = [steps[i - 1]!, steps[i]!];
    t.ok(a1 === a0 + 1 && t1 <= t0 && a1 / t1 >= a0 / t0, `progress moves forward: ${seen[i - 1]} then ${seen[i]}`);
  }
  t.equal(steps.at(-1)![0], steps.at(-1)![1], 'the last page is the last of the path');
  await page.locator('.sd-navigation__complete-btn, input[value="Terminer"]').first().click();

  const code = page.locator('.deletion-code');
  await code.waitFor({ state: 'visible', timeout: 15_000 });
  const deletionCode = (await code.textContent()) ?? '';
  t.match(deletionCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  t.match(await page.locator('#thanks-title').textContent(), /Merci/);
  a11y.thanks = await seriousViolations(page);
  await screenshot(page, 'respondent-2-thanks');

  const stored = await app.db.selectFrom('response').selectAll().execute();
  t.equal(stored.length, 1, 'one response, the partial one turned complete');
  t.equal(stored[0]!.status, 'complete');
  t.equal(stored[0]!.language, 'fr');
  t.equal(stored[0]!.country, 'FR');
  t.same(stored[0]!.answers.no_jpp_reasons, ['lack_of_experience']);
  t.notOk('jpp_satisfaction' in stored[0]!.answers);

  // Switching language after submitting changes every text of the page, the code box included.
  await page.locator('#language-select').selectOption('en');
  // The other language's texts are fetched: wait for them before reading the page.
  await page.locator('#thanks-title:has-text("Thank you for taking part")').waitFor();
  t.equal(await page.locator('#thanks-title').textContent(), 'Thank you for taking part');
  const afterTexts = await page.locator('#after-survey').textContent();
  t.notMatch(afterTexts, /Merci|suppression|Supprimer/, 'no French left on the thank-you page');
  t.equal(await page.locator('.deletion-code').textContent(), deletionCode, 'the code stays');
  await screenshot(page, 'respondent-2-thanks-en');

  await page.locator('#deletion-code').fill(deletionCode.toLowerCase());
  await page.locator('.delete-form button').click();
  await page.locator('.delete-status:has-text("deleted")').waitFor();
  t.equal((await app.db.selectFrom('response').selectAll().execute()).length, 0, 'deleted with the code');
  await page.locator('#language-select').selectOption('fr');
  await page.locator('.delete-status:has-text("supprimées")').waitFor();
  t.match(await page.locator('#thanks-title').textContent(), /Merci/, 'and back to French');

  for (const [where, violations] of Object.entries(a11y)) t.same(violations, [], `no serious accessibility violation: ${where}`);
  t.same(foreignRequests(requests, origin), [], 'no request left the server');
});

t.test('keyboard only: a respondent completes a short survey without a mouse', async (t) => {
  const { app, origin } = await startServer(t);
  const { publishEditionVersion } = await import('../../server/surveys/edition-sync.ts');
  const { prepareDefinition } = await import('../../server/surveys/edition-files.ts');
  const prepared = prepareDefinition({
    title: 'Keyboard check',
    pages: [{ elements: [
      { type: 'radiogroup', name: 'fit', title: 'Is this useful?', isRequired: true, choices: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }] },
      { type: 'comment', name: 'why', title: 'Why?' },
    ] }],
  }, new Map());
  await publishEditionVersion(app.db, { surveyId: 'keyboard', edition: '1', title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  const link = await openLink(app, { surveyId: 'keyboard', edition: '1' });
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context } = await newRecordedContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}/s/${link.token}`);
  await page.locator('[data-name="fit"]').waitFor();
  // Tab until the first radio has focus, choose it with the space bar, then tab on to the comment and the button.
  let focused = '';
  for (let i = 0; i < 15 && !focused.includes('fit'); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name') ?? '');
  }
  t.equal(focused, 'fit', 'the first question is reachable with Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Clear and short.');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    const isComplete = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.className.includes('complete') ?? false);
    if (isComplete) break;
  }
  await page.keyboard.press('Enter');
  await page.locator('.deletion-code').waitFor({ state: 'visible', timeout: 15_000 });
  const rows = await app.db.selectFrom('response').select('answers').execute();
  t.equal(rows.length, 1);
  t.equal(rows[0]!.answers.fit, 'yes');
  t.equal(rows[0]!.answers.why, 'Clear and short.');
});

t.test('a respondent with joint procurement experience answers the full 2022 path, every kind of question', async (t) => {
  const { app, origin } = await startServer(t);
  const link = await openLink(app, { edition: '2022', language: 'en', country: 'ES' });
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser);
  const page = await context.newPage();
  const a11y: Record<string, unknown[]> = {};
  const q = (name: string) => page.locator(`[data-name="${name}"]`);
  const choose = (name: string, value: string) => q(name).locator(`label:has(input[value="${value}"])`).first().click();
  const pick = (name: string, text: string) => chooseInDropdown(page, q(name), text);
  const onPage = async (name: string, first: string) => {
    await q(first).waitFor();
    a11y[name] = await seriousViolations(page);
  };

  await page.goto(`${origin}/s/${link.token}`);
  await onPage('privacy', 'consent');
  await q('consent').locator('label').first().click();
  await next(page);

  await onPage('organisation', 'country');
  await pick('country', 'Spain');
  await choose('authority_type', 'police');
  await choose('respondent_role', 'procurer');
  await choose('procurement_scope', 'own_and_others');
  await next(page);

  await onPage('attitude and experience', 'jpp_attitude');
  await choose('jpp_attitude', '4');
  const rows = q('jpp_attitude_statements').locator('tbody tr');
  const matrixRows = await rows.count();
  for (let i = 0; i < matrixRows; i++) await rows.nth(i).locator(`label:has(input[value="${i % 2 ? 'agree' : 'neutral'}"])`).click();
  await choose('jpp_experience', 'yes');
  await next(page);

  // The "yes" branch: the two pages about the procurements themselves.
  await onPage('your joint procurements', 'jpp_count');
  await typeAnswer(q('jpp_count').locator('input'), '3');
  await pick('jpp_partner_countries', 'Portugal');
  await page.keyboard.press('Escape');
  await choose('jpp_role', 'lead');
  await choose('jpp_kinds', 'ppi');
  await choose('jpp_kinds', 'pcp');
  await choose('jpp_ways', 'framework_agreement');
  await choose('jpp_subject', 'vehicles');
  await choose('jpp_subject', 'other');
  await typeAnswer(q('jpp_subject').locator('textarea, input[type="text"]').last(), 'Satellite airtime');
  await next(page);

  await onPage('how it went', 'jpp_satisfaction');
  await choose('jpp_satisfaction', '4');
  await choose('jpp_again', 'probably_not');
  // Shown only for "probably not" and "definitely not": the branch inside the page.
  await typeAnswer(q('jpp_again_why_not').locator('textarea'), 'The legal groundwork took two years.');
  await next(page);

  await onPage('good practices', 'enabling_factors');
  await typeAnswer(q('good_practice_tender').locator('textarea'), 'One shared evaluation committee.');
  await choose('enabling_factors', 'trust_partners');
  await next(page);

  await onPage('ethics', 'integrity_measures');
  await next(page);

  await onPage('future', 'segments_interest');
  await choose('segments_interest', 'drones');
  await choose('segment_procurement_mode', 'both');
  await choose('jpp_interest', '5');
  t.match(await progress(page), /8/, 'eight pages on this path');
  await page.locator('.sd-navigation__complete-btn').first().click();
  await page.locator('.deletion-code').waitFor({ state: 'visible', timeout: 15_000 });
  a11y.thanks = await seriousViolations(page);

  const [stored] = await app.db.selectFrom('response').selectAll().execute();
  t.equal(stored?.status, 'complete');
  t.match(stored?.answers, {
    consent: true, country: 'ES', authority_type: 'police', respondent_role: 'procurer', procurement_scope: 'own_and_others',
    jpp_attitude: 4, jpp_experience: 'yes', jpp_count: 3, jpp_partner_countries: ['PT'], jpp_role: 'lead',
    jpp_kinds: ['ppi', 'pcp'], jpp_ways: ['framework_agreement'], jpp_subject: ['vehicles', 'other'], 'jpp_subject-Comment': 'Satellite airtime',
    jpp_satisfaction: 4, jpp_again: 'probably_not', jpp_again_why_not: 'The legal groundwork took two years.',
    good_practice_tender: 'One shared evaluation committee.', enabling_factors: ['trust_partners'],
    segments_interest: ['drones'], segment_procurement_mode: 'both', jpp_interest: 5,
  }, 'every answer is stored as given');
  t.equal(Object.keys((stored?.answers.jpp_attitude_statements ?? {}) as object).length, matrixRows, `every row of the matrix (${matrixRows})`);
  t.notOk('no_jpp_reasons' in (stored?.answers ?? {}), 'nothing of the "no" branch');
  t.equal(stored?.authority_type, 'police');

  for (const [where, violations] of Object.entries(a11y)) t.same(violations, [], `no serious accessibility violation: ${where}`);
  t.same(foreignRequests(requests, origin), [], 'no request left the server');
  t.same(errors, [], 'no script error');
});

t.test('a ranking question is reordered by dragging, with the mouse and with a finger', async (t) => {
  const { app, origin } = await startServer(t);
  const { publishEditionVersion } = await import('../../server/surveys/edition-sync.ts');
  const { prepareDefinition } = await import('../../server/surveys/edition-files.ts');
  const prepared = prepareDefinition({
    title: 'Ranking check',
    pages: [{ elements: [{ type: 'ranking', name: 'order', title: 'Put these in order', isRequired: true, choices: [
      { value: 'a', text: 'Alpha' }, { value: 'b', text: 'Bravo' }, { value: 'c', text: 'Charlie' }, { value: 'd', text: 'Delta' },
    ] }] }],
  }, new Map());
  await publishEditionVersion(app.db, { surveyId: 'ranking', edition: '1', title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const order = (page: Page) => page.locator('[data-name="order"] .sv-ranking-item__text').allTextContents();
  const itemBox = async (page: Page, text: string) => (await page.locator('[data-name="order"] .sv-ranking-item', { hasText: text }).first().boundingBox())!;

  // The mouse: press on Delta, move it above Alpha in small steps, release.
  const mouseLink = await openLink(app, { surveyId: 'ranking', edition: '1' });
  const { context } = await newRecordedContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}/s/${mouseLink.token}`);
  await page.locator('[data-name="order"] .sv-ranking-item').first().waitFor();
  t.same((await order(page)).map((s) => s.trim()), ['Alpha', 'Bravo', 'Charlie', 'Delta']);
  const [from, to] = [await itemBox(page, 'Delta'), await itemBox(page, 'Alpha')];
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + 20, from.y + from.height / 2 + ((to.y + 4 - from.y - from.height / 2) * i) / 20);
  await page.mouse.up();
  await page.waitForTimeout(300);
  const afterMouse = (await order(page)).map((s) => s.trim());
  t.equal(afterMouse[0], 'Delta', `dragged with the mouse to the top (${afterMouse.join(', ')})`);
  await page.locator('.sd-navigation__complete-btn').first().click();
  await page.locator('.deletion-code').waitFor({ state: 'visible', timeout: 15_000 });
  const stored = await app.db.selectFrom('response').select('answers').execute();
  t.same(stored[0]?.answers.order, afterMouse.map((s) => s[0]!.toLowerCase()), 'the order stored is the order shown');

  // A finger on a phone: touch events through the browser's own input layer.
  const touchLink = await openLink(app, { surveyId: 'ranking', edition: '1' });
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const touchPage = await phone.newPage();
  await touchPage.goto(`${origin}/s/${touchLink.token}`);
  await touchPage.locator('[data-name="order"] .sv-ranking-item').first().waitFor();
  const cdp = await phone.newCDPSession(touchPage);
  const [tFrom, tTo] = [await itemBox(touchPage, 'Charlie'), await itemBox(touchPage, 'Alpha')];
  const point = (y: number) => [{ x: tFrom.x + 20, y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(tFrom.y + tFrom.height / 2) });
  await touchPage.waitForTimeout(600);
  for (let i = 1; i <= 20; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(tFrom.y + tFrom.height / 2 + ((tTo.y + 4 - tFrom.y - tFrom.height / 2) * i) / 20) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await touchPage.waitForTimeout(300);
  const afterTouch = (await order(touchPage)).map((s) => s.trim());
  await touchPage.screenshot({ path: 'screenshots/respondent-ranking-touch.png' });
  t.equal(afterTouch[0], 'Charlie', `dragged with a finger to the top (${afterTouch.join(', ')})`);
  await phone.close();
});
