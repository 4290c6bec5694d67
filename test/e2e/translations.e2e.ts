/**
 * Translations in a real browser: the admin reads the table of an edition by language, downloads
 * Slovak as XLIFF, uploads a corrected file, sees the diff and confirms it; the table and the
 * stored edition show the change. Every page is checked with axe-core; nothing comes from another host.
 */
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readXliff, writeXliff } from '../../server/translations/xliff-format.ts';
import { copyOfSurveys, differences, storedTexts } from '../translations/translation-fixture.ts';
import { foreignRequests, launchBrowser, newRecordedContext } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { PageTour, assertAccessible, createMember, signInThroughPage } from './staff-browser.ts';

t.test('an admin exports Slovak, imports a correction after checking its diff', async (t) => {
  const surveysDir = await copyOfSurveys(t);
  const { app, origin } = await startServer(t, { SURVEYS_DIR: surveysDir });
  await createMember(app, 'admin', 'translations@example.eu', 'Tina Translations');
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const { context, requests, errors } = await newRecordedContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  const tour = new PageTour(page, origin);
  await signInThroughPage(page, origin, 'translations@example.eu');

  await tour.visit('translations', '/staff/translations', { shot: 'admin-translations' });
  const table = page.getByRole('table', { name: 'jpp-experience/2022' });
  const slovak = table.locator('tr[data-language="sk"] td');
  t.same((await slovak.allTextContents()).slice(0, 4), ['306', '0', '0', '0'], 'Slovak: 306 translated, none missing, same as English or inconsistent');
  t.equal(await page.getByRole('table', { name: 'jpp-experience/2019' }).locator('tbody tr').count(), 9, 'nine languages besides English');

  const [download] = await Promise.all([page.waitForEvent('download'), table.locator('tr[data-language="sk"]').getByRole('link', { name: 'XLIFF' }).click()]);
  t.equal(download.suggestedFilename(), 'jpp-experience-2022-sk.xlf');
  const doc = readXliff(await readFile((await download.path())!, 'utf8'));
  doc.units.find((u) => u.id === 'q.respondent_role.choices.legal_advisor')!.target = 'Právny poradca (opravené)';
  const corrected = join(tmpdir(), `e2e-${process.pid}-sk.xlf`);
  await writeFile(corrected, writeXliff(doc));
  const before = await storedTexts(app);

  await page.getByLabel('XLIFF or XLSX file').setInputFiles(corrected);
  await page.waitForFunction(() => (document.getElementById('translation-data') as HTMLInputElement).value.length > 0);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForURL(/\/staff\/translations\/import$/);
  await tour.check('import preview', { shot: 'admin-translation-preview' });
  t.match(await page.locator('h2').first().textContent(), /1 strings would change/);
  t.equal(await page.locator('.translation-diff ins').textContent(), 'Právny poradca (opravené)');
  t.same(differences(before, await storedTexts(app)), [], 'the preview changed nothing');

  await page.getByRole('button', { name: 'Apply 1 changes' }).click();
  await page.waitForURL(/\/staff\/translations\?changed=1$/);
  await tour.check('after the import');
  t.match(await page.getByRole('status').textContent(), /1 strings changed/);
  t.same(differences(before, await storedTexts(app)), ['q.respondent_role.choices.legal_advisor sk']);

  assertAccessible(t, tour);
  t.same(foreignRequests(requests, origin), [], 'nothing requested from another host');
  t.same(errors, [], 'no script error');
});
