import t from 'tap';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { answerCells, answerJsonCells, jsonExportColumns, longTableCells, neutraliseCell, type Cell, type Table } from '../../analysis/export-cells.ts';
import { utf8Chunks } from '../../analysis/export-chunks.ts';
import { csvField, csvStream } from '../../analysis/export-csv.ts';
import { jsonArrayStream } from '../../analysis/export-json.ts';
import { sheetName, xlsxStream } from '../../analysis/export-xlsx.ts';
import type { ExportColumn } from '../../analysis/codebook.ts';
import { codebookFor } from '../../analysis/codebook.ts';
import { readFileSync } from 'node:fs';
import { VALID } from '../support/nested-answers.ts';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

const hostile = ['=HYPERLINK("http://x.example","click")', '+1', '-2', '@SUM(A1:A2)', '\tlead', '\rlead', 'plain', 'a,b', 'say "hi"', 'two\nlines'];
const table = (rows: Cell[][]): Table => ({ name: 'responses', header: ['id', 'text', 'n'], rows });

t.test('neutralises every text cell that could start a formula, never numbers', async (t) => {
  t.same(hostile.map((v) => neutraliseCell(v)), [
    '\'=HYPERLINK("http://x.example","click")', "'+1", "'-2", "'@SUM(A1:A2)", "'\tlead", "'\rlead", 'plain', 'a,b', 'say "hi"', 'two\nlines',
  ]);
  t.equal(neutraliseCell(-2), -2);
  t.equal(neutraliseCell(null), null);
  t.equal(neutraliseCell(true), true);
});

t.test('CSV: BOM, CRLF, RFC 4180 quoting and the formula guard', async (t) => {
  const rows = hostile.map((v, i): Cell[] => [`r${i}`, v, i - 3]);
  const text = (await collect(csvStream(table(rows), { chunkBytes: 40 }))).toString('utf8');
  t.ok(text.startsWith('\uFEFFid,text,n\r\n'), 'starts with the BOM and the header');
  t.ok(text.endsWith('\r\n'));
  const lines = text.slice(1).split('\r\n');
  t.equal(lines[1], 'r0,"\'=HYPERLINK(""http://x.example"",""click"")",-3', 'quotes doubled, formula neutralised, negative number kept');
  t.equal(lines[2], "r1,'+1,-2");
  t.equal(lines[3], "r2,'-2,-1");
  t.equal(lines[4], "r3,'@SUM(A1:A2),0");
  t.equal(lines[5], "r4,'\tlead,1");
  t.equal(lines[6], 'r5,"\'\rlead",2', 'a leading carriage return is neutralised and quoted');
  t.equal(lines[8], 'r7,"a,b",4');
  t.equal(lines[9], 'r8,"say ""hi""",5');
  t.equal(lines[10], 'r9,"two\nlines",6');
  t.equal(csvField(null), '');
  t.equal(csvField(false), 'false');
  t.equal(csvField('é ü ł Ελληνικά'), 'é ü ł Ελληνικά');
});

t.test('chunks: the same bytes as the joined text, none over the size unless one part is, no character split', async (t) => {
  const parts = ['\uFEFFid\r\n', 'é ü ł Ελληνικά,😀\r\n', 'a'.repeat(50), 'ż'.repeat(7), '', 'b,c\r\n'];
  const chunks: Buffer[] = [];
  for await (const c of utf8Chunks(parts, 16)) chunks.push(Buffer.from(c));
  t.equal(Buffer.concat(chunks).toString('utf8'), parts.join(''), 'byte-identical');
  for (const c of chunks) t.equal(c.toString('utf8').includes('\uFFFD'), false, 'each chunk decodes on its own');
  const long = parts.filter((p) => Buffer.byteLength(p) > 16);
  t.same(chunks.filter((c) => c.length > 16).map((c) => c.toString('utf8')), long, 'only the parts longer than the size exceed it, each alone');
  t.ok(chunks.length > long.length + 1, 'short parts are packed together');
  t.same(await (async () => { const out = []; for await (const c of utf8Chunks([])) out.push(c); return out; })(), [], 'nothing in, nothing out');
});

t.test('CSV of no rows is the header alone', async (t) => {
  t.equal((await collect(csvStream(table([])))).toString('utf8'), '\uFEFFid,text,n\r\n');
});

t.test('XLSX: read back with exceljs, cells typed, formulas neutralised, two sheets', async (t) => {
  const rows = hostile.map((v, i): Cell[] => [`r${i}`, v, i - 3]);
  const buf = await collect(xlsxStream([table(rows), { name: 'codebook', header: ['question'], rows: [['kinds']] }]));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((w) => w.name), ['responses', 'codebook']);
  const ws = wb.getWorksheet('responses')!;
  t.same(ws.getRow(1).values, [undefined, 'id', 'text', 'n']);
  t.equal(ws.getCell('B2').value, '\'=HYPERLINK("http://x.example","click")');
  t.equal(ws.getCell('B2').formula, undefined, 'no formula cell');
  t.equal(ws.getCell('B4').value, "'-2");
  t.equal(ws.getCell('C2').value, -3, 'numbers stay numbers');
  t.equal(ws.getCell('B11').value, 'two\nlines');
  t.equal(ws.rowCount, 11);
  t.equal(wb.getWorksheet('codebook')!.getCell('A2').value, 'kinds');
});

t.test('sheet names are made acceptable to Excel', async (t) => {
  t.equal(sheetName('a/b:c*d?[e]'), 'a b c d  e ');
  t.equal(sheetName('x'.repeat(40)).length, 31);
});

t.test('JSON: one streamed array of objects keyed by the header', async (t) => {
  async function* rows(): AsyncGenerator<Cell[]> {
    for (let i = 0; i < 5; i++) yield [`r${i}`, '=1+1', i];
  }
  const parsed = JSON.parse((await collect(jsonArrayStream({ name: 'x', header: ['id', 'text', 'n'], rows: rows() }, { chunkBytes: 30 }))).toString('utf8')) as unknown[];
  t.equal(parsed.length, 5);
  t.same(parsed[0], { id: 'r0', text: '=1+1', n: 0 }, 'JSON keeps values as they are');
  t.same(JSON.parse((await collect(jsonArrayStream({ name: 'x', header: ['id'], rows: [] }))).toString('utf8')), []);
});

t.test('answer cells: choices as 0/1, ranks, matrix rows, comments, unanswered as empty', async (t) => {
  const cols: ExportColumn[] = [
    { name: 'q1', question: 'q1', kind: 'value' },
    { name: 'kinds.cots', question: 'kinds', kind: 'choice', item: 'cots' },
    { name: 'kinds.ppi', question: 'kinds', kind: 'choice', item: 'ppi' },
    { name: 'obstacles.law', question: 'obstacles', kind: 'rank', item: 'law' },
    { name: 'obstacles.budget', question: 'obstacles', kind: 'rank', item: 'budget' },
    { name: 'phases.pre', question: 'phases', kind: 'row', item: 'pre' },
    { name: 'phases.post', question: 'phases', kind: 'row', item: 'post' },
    { name: 'kinds-Comment', question: 'kinds', kind: 'comment' },
    { name: 'rate.3', question: 'rate', kind: 'choice', item: 3 },
  ];
  t.same(answerCells(cols, { q1: 'yes', kinds: ['ppi'], obstacles: ['budget', 'law'], phases: { pre: 'easy' }, 'kinds-Comment': 'x', rate: [3] }), ['yes', 0, 1, 2, 1, 'easy', null, 'x', 1]);
  t.same(answerCells(cols, {}), [null, null, null, null, null, null, null, null, null]);
});

t.test('nested answers: objects and lists in JSON, as given and chunked; a column per cell, item and count in CSV', async (t) => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const cb = codebookFor('export-writers-nested', fixture, { surveyId: 'nested', edition: '1' });
  const answers = VALID as unknown as Record<string, unknown>;
  const jsonColumns = jsonExportColumns(cb);
  const jsonHeader = jsonColumns.map((c) => c.name);
  const json = JSON.parse((await collect(jsonArrayStream({ name: 'x', header: jsonHeader, rows: [answerJsonCells(jsonColumns, answers), answerJsonCells(jsonColumns, {})] }, { chunkBytes: 64, omitEmpty: true }))).toString('utf8')) as Record<string, unknown>[];
  t.same(json, [VALID, {}], 'each answer exactly as SurveyJS gives it, split over chunks of 64 bytes');
  for (const key of ['partners', 'lots', 'procurements', 'contact'] as const) t.type(json[0]![key], 'object', `${key} is JSON, not text`);
  const columns = cb.questions.flatMap((q) => q.exportColumns);
  const cells = Object.fromEntries(columns.map((c, i) => [c.name, answerCells(columns, answers)[i]]));
  t.same([cells['partners.lead.budget'], cells['partners.other.why'], cells['lots.count'], cells['procurements.count'], cells['contact.staff'], cells['channel']],
    [120000, 'No budget this year', 2, 2, 12, 'ted'], 'a cell, an item, the number of rows and panels');
  const lots = cb.questions.find((q) => q.name === 'lots')!.longTable!;
  t.same(longTableCells(lots.columns, VALID.lots), [[1, 1, 1, 0, 50000, true, 4], [2, 0, 0, 1, null, false, null]], 'the long table of the dynamic matrix: one line per row');
  t.same(longTableCells(lots.columns, 'not a list'), [], 'an answer of another shape gives no line');
});
