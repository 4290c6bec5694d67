/**
 * Export Slovak as XLIFF and as XLSX, change three strings as a translator would, import: exactly
 * those three strings change, in the stored edition and in its file, and nothing else does.
 */
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { translationsExport, translationsImport } from '../../server/cli/translation-commands.ts';
import { readXliff, writeXliff } from '../../server/translations/xliff-format.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { cliContext, differences, storedTexts, translationApp } from './translation-fixture.ts';

const CHANGES: Record<string, string> = {
  'page.organisation.title': 'O vašej organizácii (opravené)',
  'q.respondent_role.choices.procurer': 'Obstarávateľ / nákupca (opravené)',
  'q.jpp_attitude.minRateDescription': 'Veľmi negatívne (opravené)',
};
const expectedKeys = Object.keys(CHANGES).map((id) => `${id} sk`).sort();

t.test('XLIFF: export, change three strings, import', async (t) => {
  const { app, surveysDir } = await translationApp(t);
  const before = await storedTexts(app);
  const fileBefore = await readFile(join(surveysDir, 'jpp-experience', '2022.json'), 'utf8');
  const out = join(tmpdir(), `tr-${process.pid}-sk.xlf`);
  const { ctx, lines } = cliContext(app);
  await translationsExport.run(ctx, ['--survey', 'jpp-experience', '--edition', '2022', '--language', 'sk', '--format', 'xliff', '--out', out]);
  t.match(lines.at(-1), /^306 strings of jpp-experience\/2022 in sk written to/);

  const xml = await readFile(out, 'utf8');
  t.match(xml, /<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">/);
  t.match(xml, /<file original="jpp-experience\/2022" source-language="en" target-language="sk"/);
  const doc = readXliff(xml);
  for (const u of doc.units) if (CHANGES[u.id]) u.target = CHANGES[u.id]!;
  await writeFile(out, writeXliff(doc));

  const dry = cliContext(app);
  await translationsImport.run(dry.ctx, ['--file', out, '--dry-run']);
  t.equal(dry.lines.at(-1), '3 strings would change (dry run: nothing was changed)');
  t.same(differences(before, await storedTexts(app)), [], 'a dry run changes nothing');

  const run = cliContext(app);
  await translationsImport.run(run.ctx, ['--file', out]);
  t.equal(run.lines.at(-1), '3 strings changed');
  t.ok(run.lines.some((l) => l.includes('+ O vašej organizácii (opravené)')), 'the diff shows the new text');
  t.same(differences(before, await storedTexts(app)), expectedKeys, 'exactly the three Slovak strings changed');

  const fileAfter = await readFile(join(surveysDir, 'jpp-experience', '2022.json'), 'utf8');
  const changedLines = fileAfter.split('\n').filter((l, i) => l !== fileBefore.split('\n')[i]);
  t.equal(changedLines.length, 3, 'the edition file differs in three lines');

  const again = cliContext(app);
  await translationsImport.run(again.ctx, ['--file', out]);
  t.equal(again.lines.at(-1), '0 strings changed', 'importing the same file again changes nothing');
});

t.test('XLSX: export, change three strings in the translation column, import', async (t) => {
  const { app } = await translationApp(t);
  const before = await storedTexts(app);
  const out = join(tmpdir(), `tr-${process.pid}-sk.xlsx`);
  const { ctx } = cliContext(app);
  await translationsExport.run(ctx, ['--survey', 'jpp-experience', '--edition', '2022', '--language', 'sk', '--format', 'xlsx', '--out', out]);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet('Translation')!;
  t.ok((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, 'the sheet is protected');
  t.equal(sheet.getCell('C2').protection?.locked, undefined, 'source cells keep the default: locked');
  t.equal(sheet.getCell('D2').protection?.locked, false, 'the translation column is unlocked');
  sheet.eachRow((row) => {
    const id = String(row.getCell(1).value);
    if (CHANGES[id]) row.getCell(4).value = CHANGES[id]!;
  });
  await wb.xlsx.writeFile(out);

  const run = cliContext(app);
  await translationsImport.run(run.ctx, ['--file', out]);
  t.equal(run.lines.at(-1), '3 strings changed');
  t.same(differences(before, await storedTexts(app)), expectedKeys, 'exactly the three Slovak strings changed');
  t.equal((await findLatestVersion(app.db, 'jpp-experience', '2019'))!.version, 1, 'the other edition is untouched');
});
