import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { exportFixture, handDataset, HOSTILE_TEXTS, RANKING_ORDER } from './export-fixture.ts';
import { parseCsv } from '../../support/csv.ts';

const { app } = await buildTestApp(t);
const f = await exportFixture(app);
const ids = await handDataset(app, f);
const analyst = await staffClient(app, 'analyst');
const admin = await staffClient(app, 'admin');
const ipnc = await staffClient(app, 'ipnc', 'FR');
const url = (q = '') => `/api/exports/responses?edition=${f.editionId}${q}`;

t.test('CSV: BOM, CRLF, one row per complete response, one column per answer', async (t) => {
  const res = await analyst.get(url(), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  t.match(res.headers['content-disposition'], /^attachment; filename="jpp-experience-2022-responses-\d{4}-\d{2}-\d{2}\.csv"$/);
  t.equal(res.headers['cache-control'], 'no-store');
  t.ok(res.body.startsWith('\uFEFFresponse_id,survey,edition,campaign_id,campaign,channel,link_country,answered_country,answered_authority_type,language,status,started_on,submitted_on,'));
  t.notOk(/[^\r]\n(?!")/.test(res.body.replace(/"[^"]*"/g, '""')), 'every line ends with CRLF');
  const [header, ...rows] = parseCsv(res.body.slice(1));
  t.equal(rows.length, 18, '12 FR and 6 ES complete responses; the partial one is left out');
  t.same(new Set(rows.map((r) => r[0])), new Set([...ids.frIds, ...ids.esIds]));
  const col = (name: string) => header!.indexOf(name);
  for (const name of ['jpp_kinds.ppi', 'jpp_kinds.pcp', 'obstacles_rank.language', 'jpp_phase_difficulty.needs_harmonisation', 'comments', 'jpp_count']) t.ok(col(name) > 0, `column ${name}`);
  const fr0 = rows.find((r) => r[0] === ids.frIds[0])!;
  t.equal(fr0[col('jpp_kinds.ppi')], '1');
  t.equal(fr0[col('jpp_kinds.pcp')], '1');
  t.equal(fr0[col('jpp_kinds.classic_cots')], '0', 'a choice not taken is 0');
  t.equal(fr0[col('obstacles_rank.language')], String(RANKING_ORDER.indexOf('language') + 1), 'a ranked item holds its rank');
  t.equal(fr0[col('jpp_phase_difficulty.needs_harmonisation')], 'easy');
  t.equal(fr0[col('jpp_count')], '1');
  t.same([fr0[col('link_country')], fr0[col('answered_country')], fr0[col('status')], fr0[col('started_on')], fr0[col('submitted_on')]], ['FR', 'FR', 'complete', '2026-11-20', '2026-11-21']);
  const es0 = rows.find((r) => r[0] === ids.esIds[0])!;
  t.equal(es0[col('jpp_kinds.ppi')], '', 'an unanswered checkbox is empty, not 0');
});

t.test('CSV neutralises every answer that a spreadsheet would run as a formula', async (t) => {
  const res = await analyst.get(url(), { accept: '*/*' });
  const [header, ...rows] = parseCsv(res.body.slice(1));
  const comments = header!.indexOf('comments');
  const got = ids.frIds.slice(0, 6).map((id) => rows.find((r) => r[0] === id)![comments]);
  t.same(got, HOSTILE_TEXTS.map((x) => `'${x}`));
  t.ok(res.body.includes('"\'=HYPERLINK(""http://evil.example"",""x"")"'), 'quotes inside a field are doubled');
  for (const line of res.body.split('\r\n')) t.notOk(/(^|,)[=+@\t]/.test(line) || /(^|,)-[^0-9]/.test(line), 'no field starts a formula');
});

t.test('nothing that could lead back to a link or a person is exported', async (t) => {
  const links = await app.db.selectFrom('link').select('token').execute();
  const hashes = await app.db.selectFrom('response').select(['resume_token_hash', 'deletion_code_hash']).execute();
  for (const format of ['csv', 'json', 'xlsx']) {
    const res = await analyst.get(url(`&format=${format}&status=all`), { accept: '*/*' });
    t.equal(res.statusCode, 200);
    const body = format === 'xlsx' ? res.rawPayload.toString('latin1') : res.body;
    for (const l of links) t.notOk(body.includes(l.token), `${format}: no link token`);
    for (const h of hashes) {
      if (h.resume_token_hash) t.notOk(body.includes(h.resume_token_hash), `${format}: no resume hash`);
      if (h.deletion_code_hash) t.notOk(body.includes(h.deletion_code_hash), `${format}: no deletion hash`);
    }
    if (format !== 'xlsx') t.notOk(/\d{2}:\d{2}:\d{2}/.test(body), `${format}: no time of day`);
  }
});

t.test('XLSX: responses and the codebook as two sheets, read back with exceljs', async (t) => {
  const res = await admin.get(url('&format=xlsx'), { accept: '*/*' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((w) => w.name), ['responses', 'codebook']);
  const ws = wb.getWorksheet('responses')!;
  t.equal(ws.rowCount, 19, 'header and 18 responses');
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const idRow = (id: string) => { let found: ExcelJS.Row | undefined; ws.eachRow((r) => { if (r.getCell(1).value === id) found = r; }); return found!; };
  const fr0 = idRow(ids.frIds[0]!);
  t.equal(fr0.getCell(header.indexOf('jpp_count') + 1).value, 1, 'numbers are number cells');
  t.equal(fr0.getCell(header.indexOf('comments') + 1).value, `'${HOSTILE_TEXTS[0]}`, 'formula neutralised');
  t.equal(fr0.getCell(header.indexOf('comments') + 1).formula, undefined);
  t.equal(fr0.getCell(header.indexOf('jpp_kinds.pcp') + 1).value, 1);
  const cb = wb.getWorksheet('codebook')!;
  t.same((cb.getRow(1).values as unknown[]).slice(1, 10), ['survey', 'edition', 'question', 'type', 'input_type', 'element', 'value', 'export_column', 'column_kind']);
  let hasKinds = false;
  cb.eachRow((r) => { if (r.getCell(3).value === 'jpp_kinds' && r.getCell(8).value === 'jpp_kinds.ppi') hasKinds = true; });
  t.ok(hasKinds, 'the codebook names every export column');
});

t.test('JSON: a streamed array of objects with the same columns, values unaltered', async (t) => {
  const res = await analyst.get(url('&format=json'), { accept: '*/*' });
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  const rows = res.json() as Record<string, unknown>[];
  t.equal(rows.length, 18);
  const fr0 = rows.find((r) => r.response_id === ids.frIds[0])!;
  t.equal(fr0.comments, HOSTILE_TEXTS[0]);
  t.equal(fr0.jpp_count, 1);
  t.equal(fr0['jpp_kinds.ppi'], 1);
  const es0 = rows.find((r) => r.response_id === ids.esIds[0])!;
  t.notOk('jpp_kinds.ppi' in es0, 'an unanswered question is left out');
  t.equal(es0.jpp_experience, 'no');
});

t.test('the filters of the results pages apply', async (t) => {
  const count = async (q: string) => (await analyst.get(url(`&format=json${q}`), { accept: '*/*' })).json().length as number;
  t.equal(await count('&status=all'), 19, 'partial responses on request');
  t.equal(await count('&link_country=ES'), 6);
  t.equal(await count('&authority_type=border_guard'), 4);
  t.equal(await count('&q.jpp_experience=yes'), 7);
  t.equal(await count('&q.jpp_kinds=pcp'), 6, 'a checkbox filter matches responses that chose the value');
  const bad = await analyst.get(url('&nope=1'), { accept: 'application/json' });
  t.equal(bad.statusCode, 422);
  t.ok(bad.json().errors.nope);
  t.equal((await analyst.get(url('&q.comments=x'), { accept: 'application/json' })).statusCode, 422, 'free-text questions cannot filter');
  t.equal((await analyst.get('/api/exports/responses?edition=00000000-0000-4000-8000-000000000000', { accept: 'application/json' })).statusCode, 404);
  t.equal((await analyst.get(url('&format=pdf'), { accept: 'application/json' })).statusCode, 422);
});

t.test('raw responses are for analysts and admins only', async (t) => {
  t.equal((await ipnc.get(url(), { accept: 'application/json' })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: url(), headers: { accept: 'application/json' } })).statusCode, 401);
});

t.test('codebook downloads in JSON, CSV and XLSX for every staff member', async (t) => {
  const json = await ipnc.get(`/api/exports/codebook?edition=${f.editionId}`, { accept: '*/*' });
  t.equal(json.statusCode, 200);
  const cb = json.json() as { surveyId: string; edition: string; questions: { name: string; exportColumns: unknown[] }[] };
  t.same([cb.surveyId, cb.edition], ['jpp-experience', '2022']);
  t.ok(cb.questions.find((q) => q.name === 'jpp_kinds'));
  const csv = await ipnc.get(`/api/exports/codebook?edition=${f.editionId}&format=csv`, { accept: '*/*' });
  t.ok(csv.body.startsWith('\uFEFFsurvey,edition,question,type,'));
  t.match(csv.headers['content-disposition'], /jpp-experience-2022-codebook-.*\.csv/);
  const xlsx = await ipnc.get(`/api/exports/codebook?edition=${f.editionId}&format=xlsx`, { accept: '*/*' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  t.same(wb.worksheets.map((w) => w.name), ['codebook']);
});
