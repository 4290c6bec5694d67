import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { exportFixture, handDataset } from './export-fixture.ts';

const { app } = await buildTestApp(t);
const f = await exportFixture(app);
await handDataset(app, f);
const analyst = await staffClient(app, 'analyst');
const ipncFR = await staffClient(app, 'ipnc', 'FR');
const ipncES = await staffClient(app, 'ipnc', 'ES');
const url = (q = '') => `/api/exports/aggregates?edition=${f.editionId}${q}`;

type Line = Record<'question' | 'row' | 'item' | 'measure' | 'value' | 'note', string>;

function lines(csv: string): Line[] {
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(','));
  // The figures checked here hold no commas; titles may, so only the columns around them are read.
  return rows.map((r) => {
    const n = r.length;
    return { question: r[0]!, row: r[n - 6]!, item: r[n - 5]!, measure: r[n - 3]!, value: r[n - 2]!, note: r[n - 1]! };
  }).filter(() => header !== undefined);
}
const figure = (ls: Line[], question: string, item: string, measure = 'count') => ls.find((l) => l.question === question && l.item === item && l.measure === measure);

t.test('analysts: every country, small cells hidden with secondary suppression', async (t) => {
  const res = await analyst.get(url(), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  t.ok(res.body.startsWith('\uFEFFquestion,question_text,type,row,item,item_label,measure,value,note\r\n'));
  const ls = lines(res.body);
  t.equal(ls.find((l) => l.measure === 'responses')?.value, '18');
  // jpp_experience over 18: yes 7, no 10, dont_know 1. 1 is hidden; 7 is hidden with it so that 18 - 10 gives nothing away.
  t.same(['yes', 'no', 'dont_know'].map((v) => figure(ls, 'jpp_experience', v)?.value), ['', '10', '']);
  t.match(figure(ls, 'jpp_experience', 'yes')?.note, /hidden/);
  t.equal(figure(ls, 'jpp_experience', 'no', 'share')?.value, '0.5556');
  t.equal(figure(ls, 'jpp_experience', 'yes', 'share')?.value, '', 'a hidden count hides its share');
});

t.test('an IPNC gets their own country only; another country is not found', async (t) => {
  const ls = lines((await ipncFR.get(url(), { accept: '*/*' })).body);
  t.equal(ls.find((l) => l.measure === 'responses')?.value, '12');
  // FR: yes 7, no 4, dont_know 1: the two small cells (sum 5) are hidden, 7 shown.
  t.same(['yes', 'no', 'dont_know'].map((v) => figure(ls, 'jpp_experience', v)?.value), ['7', '', '']);
  // jpp_attitude: 3 x2, 4 x5, 5 x5: 2 is hidden and one 5 with it; no mean or median beside hidden values.
  t.same(['1', '2', '3', '4', '5'].map((v) => figure(ls, 'jpp_attitude', v)?.value), ['0', '0', '', '', '5']);
  t.equal(ls.find((l) => l.question === 'jpp_attitude' && l.measure === 'mean')?.value, '');
  t.same(['ppi', 'pcp'].map((v) => figure(ls, 'jpp_kinds', v)?.value), ['12', '6']);
  t.equal((await ipncFR.get(url('&link_country=ES'), { accept: 'application/json' })).statusCode, 404);
  t.equal((await ipncFR.get(url('&country=ES'), { accept: 'application/json' })).statusCode, 404);
  t.equal((await ipncFR.get(url('&link_country=FR'), { accept: '*/*' })).statusCode, 200);
  const es = lines((await ipncES.get(url(), { accept: '*/*' })).body);
  t.equal(es.find((l) => l.measure === 'responses')?.value, '6');
});

t.test('a group under k shows no figure at all', async (t) => {
  const ls = lines((await analyst.get(url('&authority_type=border_guard'), { accept: '*/*' })).body);
  t.equal(ls.find((l) => l.measure === 'responses')?.value, '');
  t.match(ls.find((l) => l.measure === 'responses')?.note, /Fewer than 5 responses/);
  t.notOk(ls.some((l) => l.question !== '' && l.value !== ''), 'no question figure');
});

t.test('no hidden cell can be recovered by subtraction from what the file shows', async (t) => {
  for (const client of [analyst, ipncFR]) {
    const ls = lines((await client.get(url(), { accept: '*/*' })).body);
    for (const q of ['jpp_experience', 'jpp_attitude']) {
      const base = Number(ls.find((l) => l.question === q && l.measure === 'answers')?.value);
      const counts = ls.filter((l) => l.question === q && l.measure === 'count');
      const hidden = counts.filter((l) => l.value === '');
      const shown = counts.reduce((a, l) => a + (l.value === '' ? 0 : Number(l.value)), 0);
      t.not(hidden.length, 1, `${q}: never a single hidden cell beside its total`);
      if (hidden.length > 0) t.ok(base - shown >= 5, `${q}: the hidden cells hold at least k together`);
    }
  }
});

t.test('XLSX: the aggregated table and the codebook', async (t) => {
  const res = await ipncFR.get(url('&format=xlsx'), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((w) => w.name), ['aggregates', 'codebook']);
  const ws = wb.getWorksheet('aggregates')!;
  const found: Record<string, unknown> = {};
  ws.eachRow((r) => {
    if (r.getCell(1).value === 'jpp_experience' && r.getCell(7).value === 'count') found[String(r.getCell(5).value)] = r.getCell(8).value;
  });
  t.same(found, { yes: 7, no: null, dont_know: null });
  t.equal((await ipncFR.get(url('&format=json'), { accept: 'application/json' })).statusCode, 422, 'aggregates come as CSV or XLSX');
});
