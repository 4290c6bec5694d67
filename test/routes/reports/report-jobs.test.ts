/**
 * Reports as jobs, as the Reports page makes them: start (CSRF), follow the steps, download; a job
 * is its maker's only, expires, and a lost build says so. The report inside is the one-request
 * report's (reports.test.ts reads that one in detail).
 */
import t from 'tap';
import { sql } from 'kysely';
import { buildTestApp } from '../../helper.ts';
import { staffClient, type StaffClient } from '../staff/staff-client.ts';
import { seedResults, times, type Row } from '../../analysis/support/results-fixture.ts';
import { readDocx } from '../../support/docx-reader.ts';

t.setTimeout(300_000);

const row = (link: 'A' | 'B', experience: string): Row => ({
  link, country: link === 'A' ? 'FR' : 'ES', authority: link === 'A' ? 'police' : 'border_guard', language: 'en',
  answers: { experience, country: link === 'A' ? 'FR' : 'ES', satisfaction: link === 'A' ? 4 : 2, remarks: link === 'A' ? 'text from FR' : 'text from ES' },
});
const ROWS = [...times(8, row('A', 'yes')), ...times(4, row('A', 'no')), ...times(5, row('B', 'yes')), ...times(4, row('B', 'no'))];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const STEPS = /^(Starting|Counting the answers|Cross-tabulating|Comparing with the previous edition|Drawing the charts \(\d+ of \d+\)|Writing the document|Done|Ready)$/;

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
  const seeded = await seedResults(app, ROWS, { edition: '2' });
  return { app, ...seeded };
}

interface Job { id: string; state: string; step: string; fraction: number; message: string | null; download: string | null }

const start = (who: StaffClient, query: string, headers: Record<string, string> = {}) =>
  who.request('POST', `/api/reports/jobs?${query}`, undefined, { accept: 'application/json', ...headers });

/** Polls until the job is no longer running; returns every state seen. */
async function follow(who: StaffClient, id: string): Promise<Job[]> {
  const seen: Job[] = [];
  for (let i = 0; i < 3000; i++) {
    const res = await who.get(`/api/reports/jobs/${id}`, { accept: 'application/json' });
    if (res.statusCode !== 200) throw new Error(`progress answered ${res.statusCode}: ${res.body}`);
    const job = res.json() as Job;
    seen.push(job);
    if (job.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the report never finished');
}

t.test('an analyst starts a report, follows its steps and downloads it; nobody else can', async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  const other = await staffClient(app, 'analyst');
  const admin = await staffClient(app, 'admin');

  const page = await analyst.get('/staff/reports');
  t.match(page.body, /data-jobs="\/api\/reports\/jobs"/, 'the page makes reports as jobs');
  t.match(page.body, new RegExp(`data-csrf="${analyst.csrf}"`), 'with the CSRF token');
  t.match(page.body, /report-progress[.][A-Za-z0-9_-]+[.]js|report-progress\.js/, 'and the script that shows progress');

  t.equal((await start(analyst, `edition=${editionId}`, { 'x-csrf-token': 'forged' })).statusCode, 403, 'a forged CSRF token is refused');
  t.equal((await app.db.selectFrom('report_job').select('id').execute()).length, 0, 'and starts nothing');

  const res = await start(analyst, `edition=${editionId}`);
  t.equal(res.statusCode, 202);
  const { id, progress } = res.json() as { id: string; progress: string };
  t.equal(progress, `/api/reports/jobs/${id}`);
  // Asked at once, before the build's first query is answered: it is still running.
  const first = (await analyst.get(progress, { accept: 'application/json' })).json() as Job;
  t.equal(first.state, 'running', `the page sees it running: ${first.step}`);
  t.equal(first.download, null);

  // While it runs: a second one of the same member waits; the file is not there yet; others see nothing.
  t.equal((await start(analyst, `edition=${editionId}`)).statusCode, 409, 'one report at a time per member');
  t.equal((await analyst.get(`/api/reports/jobs/${id}/file`)).statusCode, 404, 'no file before it is made');
  for (const who of [other, admin]) {
    t.equal((await who.get(`/api/reports/jobs/${id}`, { accept: 'application/json' })).statusCode, 404, "another member's job: 404, even for an admin");
    t.equal((await who.get(`/api/reports/jobs/${id}/file`)).statusCode, 404);
  }

  const seen = [first, ...await follow(analyst, id)];
  const last = seen.at(-1)!;
  t.equal(last.state, 'done', last.message ?? '');
  t.equal(last.fraction, 1);
  t.equal(last.download, `/api/reports/jobs/${id}/file`);
  t.ok(seen.every((j) => STEPS.test(j.step)), `every step is one the page can show: ${[...new Set(seen.map((j) => j.step))].join(' · ')}`);
  t.ok(seen.every((j, i) => i === 0 || j.fraction >= seen[i - 1]!.fraction), 'the fraction done never goes back');

  for (const who of [other, admin]) t.equal((await who.get(`/api/reports/jobs/${id}/file`)).statusCode, 404, "another member's file: 404");
  const file = await analyst.get(`/api/reports/jobs/${id}/file`);
  t.equal(file.statusCode, 200);
  t.equal(file.headers['content-type'], DOCX);
  t.match(file.headers['content-disposition'], /attachment; filename="all-types-2-report\.docx"/);
  const doc = await readDocx(file.rawPayload);
  const direct = await readDocx((await analyst.get(`/api/reports/report?edition=${editionId}`)).rawPayload);
  t.same(doc.headings, direct.headings, "the job's report is the one-request report");
  t.same(doc.paragraphs.filter((p) => !/^Produced on /.test(p)), direct.paragraphs.filter((p) => !/^Produced on /.test(p)));
  t.ok(doc.media.length > 0, `${doc.media.length} pictures`);
  t.match(doc.text, /text from FR/, "an analyst's report has the free texts");

  // A finished report may be started again; expired, the file and the job are gone.
  await app.db.updateTable('report_job').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute();
  t.equal((await analyst.get(`/api/reports/jobs/${id}`, { accept: 'application/json' })).statusCode, 404, 'expired: 404');
  t.equal((await analyst.get(`/api/reports/jobs/${id}/file`)).statusCode, 404, 'its file too');
  const next = await start(analyst, `edition=${editionId}`);
  t.equal(next.statusCode, 202);
  t.notOk(await app.db.selectFrom('report_job').select('id').where('id', '=', id).executeTakeFirst(), 'expired jobs are deleted when the next starts');
  await follow(analyst, next.json().id);

  t.equal((await analyst.get('/api/reports/jobs/not-a-job', { accept: 'application/json' })).statusCode, 422, 'a malformed id: 422');
});

t.test("a national contact's job: their country, no free texts; bad requests start nothing", async (t) => {
  const { app, editionId } = await setup(t);
  const ipnc = await staffClient(app, 'ipnc', 'FR');
  for (const q of ['link_country=ES', 'country=ES']) {
    t.equal((await start(ipnc, `edition=${editionId}&${q}`)).statusCode, 404, `another country (${q}): 404`);
  }
  const bad = await start(ipnc, `edition=${editionId}&report_language=xx&cross_tab=q.remarks:country`);
  t.equal(bad.statusCode, 422);
  t.ok(bad.json().errors.report_language && bad.json().errors.cross_tab, 'per-field detail');
  t.equal((await app.db.selectFrom('report_job').select('id').execute()).length, 0, 'no job was made for them');

  const res = await start(ipnc, `edition=${editionId}`);
  t.equal(res.statusCode, 202);
  const last = (await follow(ipnc, res.json().id)).at(-1)!;
  t.equal(last.state, 'done');
  const file = await ipnc.get(last.download!);
  t.match(file.headers['content-disposition'], /all-types-2-FR-report\.docx/);
  const doc = await readDocx(file.rawPayload);
  t.match(doc.text, /Responses counted: 12 responses/);
  t.notMatch(doc.text, /text from FR|text from ES/, 'no free texts');
});

t.test('a build whose server stopped says so, and does not block the next', async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  // As a copy that died mid-build leaves it: running, not heard from for ten minutes.
  const id = '6f1c1f0e-7d3a-4c59-9a37-1b2c3d4e5f60';
  await app.db.insertInto('report_job').values({
    id, staff_user_id: analyst.userId, state: 'running', step: 'Drawing the charts (3 of 40)', fraction: 0.5,
    updated_at: sql<Date>`now() - interval '10 minutes'`, expires_at: sql<Date>`now() + interval '5 minutes'`,
  }).execute();
  const job = (await analyst.get(`/api/reports/jobs/${id}`, { accept: 'application/json' })).json() as Job;
  t.equal(job.state, 'failed');
  t.match(job.message, /stopped/);
  const next = await start(analyst, `edition=${editionId}`);
  t.equal(next.statusCode, 202, 'a lost job does not count as running');
  t.equal((await follow(analyst, next.json().id)).at(-1)!.state, 'done');
});
