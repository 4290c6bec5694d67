/**
 * Staff members in the browser: accounts made with the user service, signed in through the real
 * sign-in page, and a tour helper that opens a page, checks its status, runs axe-core on it and
 * saves a screenshot, so that each test can prove every staff page it reaches is accessible.
 */
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import type { Role } from '../../server/auth/principal.ts';
import { screenshot, seriousViolations, type AxeViolation } from './browser.ts';

export const STAFF_PASSWORD = 'a long browser-test passphrase';

export async function createMember(app: FastifyInstance, role: Role, email: string, name: string, country: string | null = null) {
  const { user } = await app.services.users.create('cli', { email, name, role, country }, STAFF_PASSWORD);
  return user;
}

/**
 * Fills in the sign-in form and waits to leave it, for the staff home or the page `next` pointed
 * to. Opens the sign-in page first unless the browser is already on it (sent there by a guard).
 */
export async function signInThroughPage(page: Page, origin: string, email: string): Promise<void> {
  if (!page.url().startsWith(`${origin}/staff/sign-in`)) await page.goto(`${origin}/staff/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/staff/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

export interface VisitOptions {
  /** The HTTP status expected (200 by default). */
  status?: number;
  /** Wait for this selector before checking (content drawn by scripts). */
  waitFor?: string;
  /** Save a screenshot under this name. */
  shot?: string;
  /** Only the viewport in the screenshot (the pages shown in the README); the whole page is saved too, as <shot>-full. */
  viewportShot?: boolean;
  /** Scroll this element to the top of the viewport before the screenshot. */
  scrollTo?: string;
  /** Parts left out of the accessibility check: third-party widgets only, with the reason at the call. */
  exclude?: string[];
}

/** Accessibility results per page visited, checked at the end of a test. */
export class PageTour {
  readonly violations = new Map<string, AxeViolation[]>();
  readonly statuses = new Map<string, number>();

  constructor(private readonly page: Page, private readonly origin: string) {}

  /** Opens `path`, then checks the page as it stands (see check()). */
  async visit(name: string, path: string, opts: VisitOptions = {}): Promise<void> {
    const res = await this.page.goto(`${this.origin}${path}`);
    this.statuses.set(name, res?.status() ?? 0);
    if ((res?.status() ?? 0) !== (opts.status ?? 200)) throw new Error(`${path} answered ${res?.status()}, expected ${opts.status ?? 200}`);
    await this.check(name, opts);
  }

  /** Runs axe-core on the current page and saves its screenshot. */
  async check(name: string, opts: VisitOptions = {}): Promise<void> {
    if (process.env.E2E_TRACE) console.error(`[${new Date().toISOString().slice(11, 19)}] ${name}`);
    if (opts.waitFor) await this.page.locator(opts.waitFor).first().waitFor({ state: 'visible', timeout: 30_000 });
    await this.page.waitForLoadState('load');
    this.violations.set(name, await seriousViolations(this.page, opts.exclude ? { exclude: opts.exclude } : {}));
    if (!opts.shot) return;
    if (opts.viewportShot) {
      await screenshot(this.page, `${opts.shot}-full`);
      if (opts.scrollTo) await this.page.locator(opts.scrollTo).first().evaluate((e) => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -12); });
    }
    await screenshot(this.page, opts.shot, { fullPage: !opts.viewportShot });
  }
}

/** Asserts that no page of a tour has a serious or critical accessibility violation. */
export function assertAccessible(t: Pick<Test, 'same'>, tour: PageTour): void {
  for (const [name, violations] of tour.violations) t.same(violations, [], `no serious accessibility violation: ${name}`);
}
