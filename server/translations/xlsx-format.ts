/**
 * XLSX for translators who work in Excel: one row per string, the translation column the only one
 * that can be edited (the sheet is protected, the other cells locked), the edition and language on a
 * second, locked sheet. Reading refuses formulas anywhere, and a zip that would unpack to far more
 * than a translation needs.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { parseEditionRef, UnreadableFileError, type TranslationDocument } from './translation-document.ts';
import { zipTotals } from './zip-limits.ts';

const SHEET = 'Translation';
const ABOUT = 'About';
const HEADER = ['ID', 'Where it appears', 'English (source)'];
/** Ten languages of both editions unpack to about 2 MB; far more is not a translation file. */
const MAX_UNPACKED = 50 * 1024 * 1024;

async function newWorkbook(): Promise<Workbook> {
  // Loaded on first use, as for the response exports: exceljs is large.
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

export async function writeXlsx(doc: TranslationDocument): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: HEADER[0], width: 40 },
    { header: HEADER[1], width: 45 },
    { header: HEADER[2], width: 60 },
    { header: `Translation (${doc.language})`, width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const u of doc.units) {
    const row = sheet.addRow([u.id, u.note ?? '', u.source, u.target]);
    row.alignment = { wrapText: true, vertical: 'top' };
    // Plain text: a target starting with "=" is kept as text, never read as a formula.
    row.getCell(4).numFmt = '@';
    row.getCell(4).protection = { locked: false };
  }
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  const about = wb.addWorksheet(ABOUT);
  about.addRows([['Edition', `${doc.surveyId}/${doc.edition}`], ['Language', doc.language], ['Strings', doc.scope === 'new' ? 'new' : 'all'],
    ['How', 'Translate in the column "Translation" only; leave the ID and English columns as they are.']]);
  about.getColumn(1).width = 12;
  about.getColumn(2).width = 80;
  await about.protect('', { selectLockedCells: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(cell: Cell, where: string): string {
  if (cell.formula || cell.type === 6 /* ValueType.Formula */) {
    throw new UnreadableFileError(`Cell ${where} holds a formula; translation files must hold plain text only.`);
  }
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) throw new UnreadableFileError(`Cell ${where} holds a date; write the text as text.`);
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) throw new UnreadableFileError(`Cell ${where} holds a formula; translation files must hold plain text only.`);
  if ('error' in o) throw new UnreadableFileError(`Cell ${where} holds an error value (${String(o.error)}).`);
  if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
  if (typeof o.text === 'string') return o.text;
  throw new UnreadableFileError(`Cell ${where} holds something other than text.`);
}

function refuseFormulas(sheet: Worksheet): void {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.formula || (cell.value && typeof cell.value === 'object' && ('formula' in cell.value || 'sharedFormula' in cell.value))) {
        throw new UnreadableFileError(`Cell ${sheet.name}!${cell.address} holds a formula; translation files must hold plain text only.`);
      }
    });
  });
}

export async function readXlsx(buf: Buffer): Promise<TranslationDocument> {
  const totals = zipTotals(buf);
  if (!totals) throw new UnreadableFileError('The file is not an XLSX workbook.');
  if (totals.uncompressed > MAX_UNPACKED || totals.entries > 200) {
    throw new UnreadableFileError('The workbook would unpack to far more than a translation file holds; it is refused unread.');
  }
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFileError(`The workbook cannot be read (${(err as Error).message}).`);
  }
  for (const ws of wb.worksheets) refuseFormulas(ws);
  const sheet = wb.getWorksheet(SHEET);
  const about = wb.getWorksheet(ABOUT);
  if (!sheet || !about) throw new UnreadableFileError(`The workbook must have the sheets "${SHEET}" and "${ABOUT}", as exported.`);
  const meta = new Map<string, string>();
  about.eachRow((row, n) => meta.set(cellText(row.getCell(1), `${ABOUT}!A${n}`), cellText(row.getCell(2), `${ABOUT}!B${n}`)));
  const ref = parseEditionRef(meta.get('Edition') ?? '');
  if (!ref) throw new UnreadableFileError(`The sheet "${ABOUT}" must name the edition (e.g. jpp-experience/2022) in B1.`);
  const language = (meta.get('Language') ?? '').trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language)) throw new UnreadableFileError(`The sheet "${ABOUT}" must name the language (e.g. sk) in B2.`);
  const header = [1, 2, 3].map((c) => cellText(sheet.getRow(1).getCell(c), `${SHEET}!${'ABC'[c - 1]}1`));
  if (header.join('|') !== HEADER.join('|')) throw new UnreadableFileError(`The first row of "${SHEET}" must be the exported header (ID, Where it appears, English (source), Translation).`);
  const units: TranslationDocument['units'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const id = cellText(row.getCell(1), `${SHEET}!A${n}`).trim();
    const source = cellText(row.getCell(3), `${SHEET}!C${n}`);
    const target = cellText(row.getCell(4), `${SHEET}!D${n}`);
    if (!id && !source && !target) return;
    units.push({ id, source, target });
  });
  return { ...ref, language, scope: meta.get('Strings') === 'new' ? 'new' : 'all', units };
}
