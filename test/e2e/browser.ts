/**
 * Headless Chromium for the end-to-end tests (Debian's /usr/bin/chromium driven by playwright-core),
 * with every request a page makes recorded so that tests can prove none leaves the server, and an
 * axe-core check for WCAG 2.1 AA.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface RecordedContext {
  context: BrowserContext;
  /** Every URL requested by any page of this context. */
  requests: string[];
  /** Uncaught script errors and console errors (a CSP refusal shows up here) of every page. */
  errors: string[];
}

export async function newRecordedContext(browser: Browser, opts: { locale?: string; acceptDownloads?: boolean } = {}): Promise<RecordedContext> {
  const context = await browser.newContext({ locale: opts.locale ?? 'en-GB', acceptDownloads: opts.acceptDownloads ?? false, viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
  });
  return { context, requests, errors };
}

/** Requests that went anywhere but the server under test (data: URLs are local). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns serious and critical violations.
 * `exclude` lists CSS selectors of parts left out (only for third-party widgets we cannot change).
 */
export async function seriousViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  // evaluate() goes through the DevTools protocol, so the page's CSP does not block axe.
  await page.evaluate(axeSource);
  const exclude = opts.exclude ?? [];
  const result = await page.evaluate(async (exclude) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const context = exclude.length > 0 ? { exclude: exclude.map((s) => [s]) } : document;
    const r = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, exclude);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Saves a screenshot under screenshots/ (gitignored) for people to look at: the whole page by
 * default, or only the viewport (the size kept in docs/screenshots/).
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: opts.fullPage ?? true });
}

/**
 * Picks an option of survey-core's own dropdown (a popup list, not a <select>). The option is looked
 * up in the list that this dropdown controls: a list closed a moment before still fades out, so
 * "the first visible option" could be one that is about to vanish.
 */
export async function chooseInDropdown(page: Page, where: Locator, text: string): Promise<void> {
  const dropdown = where.locator('.sd-dropdown, .sd-tagbox').first();
  await dropdown.click();
  // survey-core marks the open dropdown's combobox (the dropdown itself or its input) as expanded.
  const opened = where.locator('[aria-expanded="true"][aria-controls]').first();
  await opened.waitFor({ state: 'attached' });
  const list = await opened.getAttribute('aria-controls');
  if (!list) throw new Error('the dropdown names no list it controls');
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator(`li[role="option"][id^="${list}"]`).filter({ hasText: exact }).first().click();
}

/**
 * Types an answer into a survey field and leaves it, as a respondent does before clicking elsewhere.
 * survey-core takes a typed value when the field loses focus and draws the question again; were
 * the focus lost by the next click, its press and release could land on two different renderings
 * and the click be lost.
 */
export async function typeAnswer(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.blur();
}
