import t from 'tap';
import { range, percent } from '../../../analysis/report-tables.ts';
import { wilsonInterval } from '../../../analysis/intervals.ts';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { seedResults, times, type Row } from '../../analysis/support/results-fixture.ts';
import { readDocx } from '../../support/docx-reader.ts';

// Edition 2: 12 through the FR link (FR answered), 9 through the ES link; edition 1: 10 and 6. k = 3.

// Every report and picture draws charts on the CPU: generous on a busy machine.
t.setTimeout(300_000);
const row = (link: 'A' | 'B', experience: string, extra: Record<string, unknown> = {}): Row => ({
  link, country: link === 'A' ? 'FR' : 'ES', authority: link === 'A' ? 'police' : 'border_guard', language: 'en',
  answers: { experience, country: link === 'A' ? 'FR' : 'ES', satisfaction: link === 'A' ? 4 : 2, remarks: link === 'A' ? 'text from FR' : 'text from ES', ...extra },
});
const LATER = [...times(8, row('A', 'yes')), ...times(4, row('A', 'no')), ...times(5, row('B', 'yes')), ...times(4, row('B', 'no'))];
const EARLIER = [...times(5, row('A', 'yes')), ...times(5, row('A', 'no')), ...times(3, row('B', 'yes')), ...times(3, row('B', 'no'))];

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
  await seedResults(app, EARLIER, { edition: '1' });
  const seeded = await seedResults(app, LATER, { edition: '2' });
  return { app, ...seeded };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

t.test("an analyst's report: headings, tables, pictures and the results API's figures", async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  t.match((await analyst.get('/staff/reports')).body, /action="\/api\/reports\/report"/, 'the page offers the report');

  const res = await analyst.get(`/api/reports/report?edition=${editionId}`);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], DOCX);
  t.match(res.headers['content-disposition'], /attachment; filename="all-types-2-report\.docx"/);
  const doc = await readDocx(res.rawPayload);

  const summary = (await analyst.get(`/api/results/summary?edition=${editionId}`, { accept: 'application/json' })).json();
  t.equal(summary.responses, 21);
  const h1 = doc.headings.filter(([s]) => s === 'Heading1').map(([, x]) => x);
  t.same(h1, ['Methods', 'Results by question', 'Cross-tabs', 'Comparison of 1 and 2']);
  const h2 = doc.headings.filter(([s]) => s === 'Heading2').map(([, x]) => x);
  for (const q of summary.questions) t.ok(h2.includes(q.title), `a section for ${q.name}`);

  // Every question with figures has a picture and a table; so has every cross-tab and comparison shown.
  const charted = summary.questions.filter((q: { suppressed: boolean; kind: string }) => !q.suppressed && ['single', 'multi', 'rating', 'ranking', 'matrix', 'number'].includes(q.kind));
  t.ok(doc.media.length >= charted.length, `${doc.media.length} pictures for ${charted.length} charted questions`);
  t.ok(doc.media.every((m) => m.endsWith('.png')));
  t.ok(doc.tables >= charted.length, `${doc.tables} tables`);

  // The figures of the results API, with the Wilson interval of each share.
  const experience = summary.questions.find((q: { name: string }) => q.name === 'experience');
  for (const c of experience.choices as { label: string; count: number; share: number }[]) {
    if (c.count === 0) continue;
    const line = [c.label, String(c.count), percent(c.share), range(wilsonInterval(c.count, experience.base))].join('|');
    t.ok(doc.xml.includes(`<w:t xml:space="preserve">${range(wilsonInterval(c.count, experience.base))}</w:t>`) || doc.text.includes(range(wilsonInterval(c.count, experience.base))), `interval for ${line}`);
  }
  t.match(doc.text, /Responses counted: 21 responses/);
  t.match(doc.text, /k = 3/);
  t.match(doc.text, /text from FR/, 'free texts for analysts');
  t.match(doc.text, /text from ES/);
  t.match(doc.text, /Chi-square test of independence|Fisher's exact test|too few answers to test/, 'every cross-tab says whether it was tested');
  t.match(doc.text, /95 % interval \(Newcombe\)|Newcombe/);
});

t.test("a national contact's report: their own country, no free texts", async (t) => {
  const { app, editionId } = await setup(t);
  const ipnc = await staffClient(app, 'ipnc', 'FR');
  const res = await ipnc.get(`/api/reports/report?edition=${editionId}`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-disposition'], /all-types-2-FR-report\.docx/);
  const doc = await readDocx(res.rawPayload);
  t.match(doc.text, /Responses counted: 12 responses/);
  t.match(doc.text, /links of FR only/);
  t.notMatch(doc.text, /text from FR|text from ES/, 'no free texts');
  t.notMatch(doc.text, /Spain/, 'no other country in the fieldwork tables');
  const after = doc.paragraphs.flatMap((p, i) => (p === 'ES' ? [doc.paragraphs[i + 1]] : []));
  t.ok(after.length > 0 && after.every((x) => x === '0' || x === '0.0 %'), 'another country appears only as an answer nobody gave');
  t.notOk(doc.headings.some(([, x]) => /by country/.test(x)), 'no table by country');
  for (const q of ['link_country=ES', 'country=ES']) {
    t.equal((await ipnc.get(`/api/reports/report?edition=${editionId}&${q}`)).statusCode, 404, q);
  }
});

t.test('a report in another language, with a chosen cross-tab; bad requests change nothing', async (t) => {
  const { app, editionId } = await setup(t);
  const admin = await staffClient(app, 'admin');
  const res = await admin.get(`/api/reports/report?edition=${editionId}&report_language=fr&cross_tab_rows=q.satisfaction&cross_tab_columns=country`);
  t.equal(res.statusCode, 200);
  const doc = await readDocx(res.rawPayload);
  t.match(doc.text, /Question texts in: fr/);
  t.ok(doc.headings.some(([, x]) => /by country/i.test(x)), 'the chosen cross-tab');

  const bad = await admin.get(`/api/reports/report?edition=${editionId}&report_language=xx&cross_tab=q.remarks:country`, { accept: 'application/json' });
  t.equal(bad.statusCode, 422);
  t.ok(bad.json().errors.report_language);
  t.ok(bad.json().errors.cross_tab);
  t.equal((await admin.get(`/api/reports/report?edition=${editionId}&colour=red`, { accept: 'application/json' })).statusCode, 422);
  t.equal((await app.inject({ method: 'GET', url: `/api/reports/report?edition=${editionId}` })).statusCode, 401, 'staff only');
});

t.test('a selection under k: the report says so and shows no figures', async (t) => {
  const { app, editionId } = await setup(t);
  const admin = await staffClient(app, 'admin');
  const res = await admin.get(`/api/reports/report?edition=${editionId}&authority_type=police&country=ES`);
  t.equal(res.statusCode, 200);
  const doc = await readDocx(res.rawPayload);
  t.match(doc.text, /Fewer than 3 responses/);
  t.equal(doc.media.length, 0, 'no pictures');
});
