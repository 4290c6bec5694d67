/**
 * A report made before a respondent withdrew (or before a retention purge) may quote their free
 * texts: its file goes with their answers, in the same transaction, and its maker is told why.
 */
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { finishJob, findJob, insertJob, jobFile, WITHDRAWN_MESSAGE } from '../../server/reports/report-job-repository.ts';
import { purgeExpiredResponses } from '../../server/campaigns/retention-service.ts';
import { createStaffUser } from '../routes/staff/staff-client.ts';

const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
const link = await openLink(app);
const definition = (await findEditionById(app.db, link.editionId))!.definition;
const analyst = await createStaffUser(app, 'analyst');
const inAnHour = () => new Date(Date.now() + 3_600_000);

async function submit(seed: number): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': `withdrawal-key-${seed}-aaaaaaaa` },
    payload: JSON.stringify({ answers: generateAnswers(definition, seed), locale: 'en' }),
  });
  if (res.statusCode !== 201) throw new Error(`submission answered ${res.statusCode}: ${res.body}`);
  return res.json().deletionCode as string;
}

/** A finished job and a running one of the analyst's. */
async function twoJobs(prefix: string) {
  const done = `${prefix}0000000-0000-4000-8000-000000000001`;
  const running = `${prefix}0000000-0000-4000-8000-000000000002`;
  for (const id of [done, running]) await insertJob(app.db, { id, staffUserId: analyst.id, step: 'Starting', expiresAt: inAnHour() });
  await finishJob(app.db, done, { filename: 'report.docx', body: Buffer.from('a report quoting a free text') }, inAnHour());
  return { done, running };
}

t.test("a respondent's deletion withdraws the reports made or being made before it", async (t) => {
  const code = await submit(1);
  await submit(2);
  const { done, running } = await twoJobs('a');
  t.ok(await jobFile(app.db, done, analyst.id), 'the finished report is there before');

  const res = await app.inject({ method: 'POST', url: `/s/${link.token}/responses/delete`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ deletionCode: code }) });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { deleted: true });

  t.equal(await jobFile(app.db, done, analyst.id), undefined, 'its file is gone');
  const status = await findJob(app.db, done, analyst.id);
  t.equal(status?.state, 'failed');
  t.equal(status?.message, WITHDRAWN_MESSAGE, 'its maker is told why and what to do');
  const row = await app.db.selectFrom('report_job').select(['body', 'filename']).where('id', '=', done).executeTakeFirstOrThrow();
  t.same([row.body, row.filename], [null, null], 'nothing of the file is kept in the table');

  // The build that was running finishes after the deletion: its file is not kept either.
  await finishJob(app.db, running, { filename: 'late.docx', body: Buffer.from('counted the deleted answer') }, inAnHour());
  t.equal(await jobFile(app.db, running, analyst.id), undefined, 'a build running at the deletion never becomes downloadable');
  t.equal((await findJob(app.db, running, analyst.id))?.state, 'failed');

  const wrong = await app.inject({ method: 'POST', url: `/s/${link.token}/responses/delete`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ deletionCode: code }) });
  t.equal(wrong.statusCode, 404, 'a code used twice finds nothing');
  const next = await twoJobs('b');
  t.ok(await jobFile(app.db, next.done, analyst.id), 'a failed deletion withdraws nothing');
});

t.test('a retention purge withdraws them too; a purge with nothing to delete does not', async (t) => {
  const { done } = await twoJobs('c');
  t.same(await purgeExpiredResponses(app.db), [], 'nothing past retention yet');
  t.ok(await jobFile(app.db, done, analyst.id), 'so the report stays');

  await app.db.updateTable('campaign').set({ retain_until: '2000-01-01' }).where('id', '=', link.campaignId).execute();
  const purged = await purgeExpiredResponses(app.db);
  t.equal(purged.length, 1);
  t.equal(await jobFile(app.db, done, analyst.id), undefined, 'the report made before the purge is gone');
  t.equal((await findJob(app.db, done, analyst.id))?.message, WITHDRAWN_MESSAGE);
});
