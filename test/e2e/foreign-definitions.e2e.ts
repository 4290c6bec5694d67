/**
 * Definitions written elsewhere, completed in a real browser: computed values (an expression
 * question and a calculated value) and every kind of input mask. The page sends survey-core's own
 * data; the server must take it (201) and store what it computed itself and what the masks made.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { publishAndLink } from '../support/publish-definition.ts';
import { foreignRequests, launchBrowser, newRecordedContext, seriousViolations, typeAnswer } from './browser.ts';
import { startServer } from './e2e-server.ts';

const masked = JSON.parse(readFileSync(new URL('../fixtures/masked-text.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const { app, origin } = await startServer(t);
const browser: Browser = await launchBrowser();
t.teardown(() => browser.close());

/** Opens a link, lets `fill` answer, completes, and returns the stored answers and what the page sent. */
async function complete(t: Test, server: FastifyInstance, token: string, fill: (page: import('playwright-core').Page) => Promise<void>) {
  const { context, requests, errors } = await newRecordedContext(browser);
  t.teardown(() => context.close());
  const page = await context.newPage();
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/responses')) sent.push(JSON.parse(r.postData() ?? '{}').answers);
  });
  const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/responses'));
  await page.goto(`${origin}/s/${token}`);
  await page.locator('.sd-question').first().waitFor();
  await fill(page);
  t.same(await seriousViolations(page), [], 'axe: no serious or critical violation');
  await page.locator('.sd-navigation__complete-btn').click();
  const res = await submitted;
  t.equal(res.status(), 201, 'the server takes what the page sends');
  await page.locator('.deletion-code').waitFor({ state: 'visible', timeout: 15_000 });
  const { id } = (await res.json()) as { id: string };
  const row = await server.db.selectFrom('response').select('answers').where('id', '=', id).executeTakeFirstOrThrow();
  t.same(foreignRequests(requests, origin), [], 'no request to another host');
  t.same(errors, [], 'no script error');
  return { stored: row.answers as Record<string, unknown>, sent: sent[0] as Record<string, unknown> };
}

t.test('a survey with an expression question and a calculated value is completed and stored with the server\'s values', async (t) => {
  const link = await publishAndLink(app, 'computed-browser', {
    title: 'Order',
    calculatedValues: [{ name: 'total', expression: '{price} * {quantity}', includeIntoResult: true }],
    pages: [{ name: 'p1', elements: [
      { type: 'text', inputType: 'number', name: 'price', title: 'Price', step: 0.01, isRequired: true },
      { type: 'text', inputType: 'number', name: 'quantity', title: 'Quantity', isRequired: true },
      { type: 'expression', name: 'line', title: 'Line total', expression: '{price} * {quantity}' },
    ] }],
  });
  const { stored, sent } = await complete(t, app, link.token, async (page) => {
    await typeAnswer(page.locator('[data-name="price"] input'), '2.5');
    await typeAnswer(page.locator('[data-name="quantity"] input'), '4');
    await page.locator('[data-name="quantity"] input').press('Tab');
    await page.locator('[data-name="line"]', { hasText: '10' }).waitFor();
  });
  t.match(sent, { price: 2.5, quantity: 4, line: 10, total: 10 }, 'survey-core\'s data carries the computed values');
  t.same(stored, { price: 2.5, quantity: 4, line: 10, total: 10 }, 'stored as computed on the server');
});

const masks: [string, string, string, unknown][] = [
  ['numeric', 'amount', '987.65', 987.65],
  ['currency', 'price', '1234.56', 1234.56],
  ['pattern', 'phone', '33612345678', '33612345678'],
  ['datetime (date)', 'day', '31012024', '2024-01-31'],
  ['datetime (time)', 'time', '1345', '13:45'],
  ['numeric, saved masked', 'kept', '1234.5', '1,234.5'],
  ['pattern, saved masked', 'code', '1234', '12-34'],
];
for (const [mask, name, typed, expected] of masks) {
  t.test(`a ${mask} mask: what the browser stores is accepted as it is`, async (t) => {
    const link = await publishAndLink(app, `mask-${name}`, masked);
    const { stored, sent } = await complete(t, app, link.token, async (page) => {
      const input = page.locator(`[data-name="${name}"] input`);
      await input.click();
      await input.pressSequentially(typed);
      await input.press('Tab');
    });
    t.same(sent, { [name]: expected }, 'the page sends survey-core\'s value');
    t.same(stored, { [name]: expected });
  });
}
