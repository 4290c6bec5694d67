/**
 * Answers inside answers in the response exports: wide columns for the cells of a matrix of cells
 * and the items of a multiple text, the number of rows or panels of a dynamic matrix or panel with
 * its rows or panels in a long table (an XLSX sheet, or a CSV of its own), the codebook naming all
 * of it, and JSON as SurveyJS gives it. Checked against the ten hand-made responses.
 */
import t from 'tap';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { buildTestApp } from '../../helper.ts';
import { parseCsv } from '../../support/csv.ts';
import { TEN_RESPONSES } from '../../support/nested-answers.ts';
import { publishAndLink } from '../../support/publish-definition.ts';
import { staffClient } from '../staff/staff-client.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const { app } = await buildTestApp(t);
const link = await publishAndLink(app, 'nested-export', fixture);
const ids: string[] = [];
for (const [i, answers] of TEN_RESPONSES.entries()) {
  const res = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': `nested-export-${i}-abcdefghij` },
    payload: JSON.stringify({ answers, locale: 'en' }),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  ids.push(res.json().id as string);
}
const analyst = await staffClient(app, 'analyst');
const ipnc = await staffClient(app, 'ipnc', 'FR');
const url = (q = '') => `/api/exports/responses?edition=${link.editionId}${q}`;
/** The CSV as rows keyed by header, in the order of the submissions. */
const csvRows = (body: string) => {
  const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
  return { header: header!, rows: rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))) };
};
const byResponse = <T extends Record<string, string | undefined>>(rows: T[], id: string) => rows.filter((r) => r.response_id === id);

t.test('CSV: a column per cell and per item, the number of rows and panels', async (t) => {
  const res = await analyst.get(url(), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  const { header, rows } = csvRows(res.body);
  const nested = header.slice(header.indexOf('submitted_on') + 1);
  t.same(nested, [
    'partners.lead.role', 'partners.lead.score', 'partners.lead.budget', 'partners.lead.why',
    'partners.other.role', 'partners.other.score', 'partners.other.budget', 'partners.other.why',
    'lots.count', 'procurements.count', 'contact.unit', 'contact.staff', 'channel', 'effort',
  ]);
  const a = byResponse(rows, ids[0]!)[0]!;
  t.same([a['partners.lead.role'], a['partners.lead.score'], a['partners.lead.budget'], a['partners.lead.why'], a['partners.other.role'], a['partners.other.why']],
    ['buyer', '4', '100', '', 'observer', 'too small']);
  t.same([a['lots.count'], a['procurements.count'], a['contact.unit'], a['contact.staff']], ['2', '2', 'Unit A', '10']);
  const c = byResponse(rows, ids[9]!)[0]!;
  t.same([c['lots.count'], c['procurements.count'], c['contact.staff']], ['3', '3', ''], 'an item left empty is an empty cell');
});

t.test('CSV of one long table: a line per row or panel', async (t) => {
  const lots = await analyst.get(url('&table=lots'), { accept: '*/*' });
  t.equal(lots.statusCode, 200, lots.body.slice(0, 200));
  t.match(lots.headers['content-disposition'], /responses-lots-\d{4}-\d{2}-\d{2}\.csv"$/);
  const { header, rows } = csvRows(lots.body);
  t.same(header, ['response_id', 'row', 'lots.kind.supplies', 'lots.kind.services', 'lots.kind.works', 'lots.value', 'lots.framework', 'lots.years']);
  t.equal(rows.length, 21, '2 x 3 + 1 x 3 + 3 x 4 rows');
  t.same(byResponse(rows, ids[0]!).map((r) => [r.row, r['lots.kind.supplies'], r['lots.kind.services'], r['lots.kind.works'], r['lots.value'], r['lots.framework'], r['lots.years']]),
    [['1', '1', '1', '0', '50', 'true', '4'], ['2', '0', '0', '1', '', 'false', '']]);
  const panels = csvRows((await analyst.get(url('&table=procurements'), { accept: '*/*' })).body);
  t.same(panels.header, ['response_id', 'panel', 'procurements.year', 'procurements.outcome', 'procurements.cancel_reason']);
  t.equal(panels.rows.length, 21);
  t.same(byResponse(panels.rows, ids[9]!).map((r) => [r.panel, r['procurements.year'], r['procurements.outcome'], r['procurements.cancel_reason']]),
    [['1', '2022', 'awarded', ''], ['2', '2022', 'awarded', ''], ['3', '2024', 'cancelled', 'Too costly']]);
  const filtered = csvRows((await analyst.get(url('&table=lots&country=ES'), { accept: '*/*' })).body);
  t.equal(filtered.rows.length, 0, 'the filters apply to the long table too');
});

t.test('a long table that does not exist, or asked as XLSX, or by an IPNC', async (t) => {
  t.equal((await analyst.get(url('&table=partners'), { accept: '*/*' })).statusCode, 404, 'a fixed matrix has no long table');
  t.equal((await analyst.get(url('&table=nothing'), { accept: '*/*' })).statusCode, 404);
  const xlsx = await analyst.get(url('&table=lots&format=xlsx'), { accept: '*/*' });
  t.equal(xlsx.statusCode, 422);
  t.ok(xlsx.json().errors.format, 'the field is named');
  t.equal((await ipnc.get(url('&table=lots'), { accept: '*/*' })).statusCode, 403, 'responses are for analysts and admins');
});

t.test('XLSX: responses, a sheet per long table, then the codebook', async (t) => {
  const res = await analyst.get(url('&format=xlsx'), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((s) => s.name), ['responses', 'lots', 'procurements', 'codebook']);
  const lots = wb.getWorksheet('lots')!;
  t.equal(lots.rowCount, 22, 'a header and 21 rows');
  t.same((lots.getRow(1).values as unknown[]).slice(1, 4), ['response_id', 'row', 'lots.kind.supplies']);
});

t.test('JSON keeps each answer as SurveyJS gives it', async (t) => {
  const rows = (await analyst.get(url('&format=json'), { accept: '*/*' })).json() as Record<string, unknown>[];
  const first = rows.find((r) => r.response_id === ids[0]);
  t.same([first?.partners, first?.lots, first?.contact], [TEN_RESPONSES[0]!.partners, TEN_RESPONSES[0]!.lots, TEN_RESPONSES[0]!.contact]);
  t.notOk(first && 'lots.count' in first, 'no wide column in JSON');
});

t.test('the codebook names every cell column and each long table with its columns', async (t) => {
  const cb = (await analyst.get(`/api/exports/codebook?edition=${link.editionId}`, { accept: '*/*' })).json() as { questions: { name: string; rows: { value: unknown }[]; columns: { value: unknown; text: Record<string, string> }[]; exportColumns: { name: string; kind: string; path?: string[] }[]; longTable?: { name: string; index: string; columns: { name: string }[] } }[] };
  const partners = cb.questions.find((q) => q.name === 'partners')!;
  t.same(partners.rows.map((r) => r.value), ['lead', 'other']);
  t.same(partners.columns.map((c) => [c.value, c.text.en]), [['role', 'Role'], ['score', 'Satisfaction'], ['budget', 'Budget (EUR)'], ['why', 'Why only observing?']]);
  t.same(partners.exportColumns[0], { name: 'partners.lead.role', question: 'partners', kind: 'cell', path: ['lead', 'role'] });
  const parts = (partners as unknown as { parts: { name: string; type: string; title: { en: string }; choices: { value: unknown }[] }[] }).parts;
  t.same(parts.map((p) => [p.name, p.type, p.title.en, p.choices.map((c) => c.value)]), [
    ['role', 'dropdown', 'Role', ['buyer', 'observer']], ['score', 'rating', 'Satisfaction', [1, 2, 3, 4, 5]],
    ['budget', 'text', 'Budget (EUR)', []], ['why', 'comment', 'Why only observing?', []],
  ], 'each column with its type and the answers it takes');
  const procurements = cb.questions.find((q) => q.name === 'procurements')!;
  t.same(procurements.columns.map((c) => c.value), ['year', 'outcome', 'cancel_reason'], 'the panel questions');
  t.same(procurements.longTable?.columns.map((c) => c.name), ['procurements.year', 'procurements.outcome', 'procurements.cancel_reason']);
  const csv = parseCsv((await analyst.get(`/api/exports/codebook?edition=${link.editionId}&format=csv`, { accept: '*/*' })).body.replace(/^\uFEFF/, ''));
  const header = csv[0]!;
  const element = header.indexOf('element');
  const exportColumn = header.indexOf('export_column');
  const long = csv.filter((r) => r[element] === 'long_table').map((r) => r[header.indexOf('value')]);
  t.same(long, ['lots', 'procurements']);
  t.ok(csv.some((r) => r[element] === 'long_table_column' && r[exportColumn] === 'lots.value'), 'a long table\'s columns are listed');
  t.ok(csv.some((r) => r[element] === 'part_choice' && r[exportColumn] === 'outcome' && r[header.indexOf('value')] === 'cancelled'), 'a panel question\'s choices are listed');
});
