import t from 'tap';
import { sql } from 'kysely';
import { foldResponses, tallyKeys, untallyCampaign, untallyResponse } from '../../analysis/answer-tally.ts';
import { tallyGrain } from '../../analysis/answer-entries.ts';
import { countResponses } from '../../analysis/answer-queries.ts';
import { crossTabulate } from '../../analysis/cross-tab.ts';
import { resultFilters, type ResultFiltersInput } from '../../analysis/filters.ts';
import { groupCounts } from '../../analysis/group-counts.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { seedDemoResponses } from '../../server/cli/demo-commands.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { buildTestApp } from '../helper.ts';
import { seedResults } from './support/results-fixture.ts';
import type { FastifyInstance } from 'fastify';

const K = 3;

/** Every view the tallies serve, and some they do not (read from the responses). */
function views(editionId: string, campaignId: string): ResultFiltersInput[] {
  return [
    { editionId },
    { campaignId },
    { editionId, status: 'all' },
    { editionId, country: ['FR'] },
    { editionId, country: ['FR', 'ES'] },
    { editionId, linkCountry: ['FR'] },
    { editionId, authorityType: ['police'] },
    { editionId, authorityType: ['police', 'border_guard', 'central_purchasing_body'] },
    { editionId, linkCountry: ['FR'], authorityType: ['police'] },
    { editionId, linkCountry: ['ES'], country: ['ES'], status: 'all' },
    { editionId, language: ['en'] },
    { editionId, channel: ['ipnc_email'] },
  ];
}

/** Every figure the results pages show for these views: summaries, breakdowns, a cross-tab. */
async function figures(app: FastifyInstance, definition: Record<string, unknown>, editionId: string, campaignId: string) {
  const out: unknown[] = [];
  for (const v of views(editionId, campaignId)) {
    const f = resultFilters(v);
    out.push(await summarizeEdition(app.db, definition, f, { k: K, viewerMaySeeTexts: true }));
    out.push(await groupCounts(app.db, definition, 'country', f, { k: K }));
    out.push(await groupCounts(app.db, definition, 'authorityType', f, { k: K }));
  }
  out.push(await crossTabulate(app.db, definition, { kind: 'authorityType' }, { kind: 'country' }, resultFilters({ editionId }), { k: K }));
  return out;
}

/** Forgets the tallies, so that the next figures come from the responses alone. */
async function forgetTallies(app: FastifyInstance) {
  await sql`delete from answer_tally`.execute(app.db);
  await sql`delete from answer_text`.execute(app.db);
  await sql`update response set tallied = false`.execute(app.db);
}

t.test('the grain is the coarsest that answers the filters', async (t) => {
  const id = '00000000-0000-4000-8000-000000000000';
  t.equal(tallyGrain(resultFilters({ editionId: id })), 7);
  t.equal(tallyGrain(resultFilters({ editionId: id, status: 'all' })), 7, 'partial responses are read, the rest tallied');
  t.equal(tallyGrain(resultFilters({ editionId: id, linkCountry: ['FR'] })), 3);
  t.equal(tallyGrain(resultFilters({ editionId: id, country: ['FR', 'ES'] })), 5);
  t.equal(tallyGrain(resultFilters({ editionId: id, authorityType: ['police'] })), 6);
  t.equal(tallyGrain(resultFilters({ editionId: id, linkCountry: ['FR'] }), ['authorityType']), 0);
  t.equal(tallyGrain(resultFilters({ editionId: id, language: ['fr'] })), null, 'other filters read the responses');
  t.equal(tallyGrain(resultFilters({ editionId: id, questions: [{ question: 'x', values: ['y'] }] })), null);
});

t.test('figures read from the tallies are exactly those read from the responses', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  const { campaignId } = await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 160, seed: 7 });
  const edition = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  const truth = await figures(app, edition.definition, edition.id, campaignId);
  t.ok(JSON.stringify(truth).includes('"suppressed":false'), 'the views show figures');
  t.ok(JSON.stringify(truth).match(/"texts":\["/g)?.length, 'and free texts');

  const counted = tallyKeys(edition.definition);
  t.ok(counted.counted.includes('country') && !counted.counted.includes('good_practice_pre_tender'), 'choice keys are counted, free texts only answered');
  t.ok(counted.texts.includes('good_practice_pre_tender') && counted.texts.includes('jpp_subject-Comment'), 'free texts and "other" texts are kept for samples');
  const first = await foldResponses(app.db, edition.id, counted, 40);
  t.equal(first, 40, 'a batch folds at most its size');
  t.strictSame(await figures(app, edition.definition, edition.id, campaignId), truth, 'part tallied, part read: the same figures');

  await foldPending(app.db, { batch: 50 });
  const { rows: left } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'complete' and not tallied`.execute(app.db);
  t.equal(left[0]!.n, 0, 'every complete response is folded');
  const { rows: partial } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'partial' and tallied`.execute(app.db);
  t.equal(partial[0]!.n, 0, 'partial responses never are (they may still change)');
  t.strictSame(await figures(app, edition.definition, edition.id, campaignId), truth, 'all tallied: the same figures');
  t.equal(await foldResponses(app.db, edition.id, counted, 40), 0, 'nothing is folded twice');
  // The figures above came from the counters, not from a read of the responses.
  const all = resultFilters({ editionId: edition.id });
  const before = await countResponses(app.db, all);
  await sql`update answer_tally set n = n + 1000 where grain = 7 and kind = 'r'`.execute(app.db);
  t.equal(await countResponses(app.db, all), before + 1000, 'the count is read from the tallies');
  await sql`update answer_tally set n = n - 1000 where grain = 7 and kind = 'r'`.execute(app.db);

  // A response deleted with its code leaves the tallies in the same transaction.
  const { rows: [victim] } = await sql<{ id: string }>`select id from response where status = 'complete' and country = 'FR' limit 1`.execute(app.db);
  await app.db.transaction().execute(async (trx) => {
    await untallyResponse(trx, victim!.id, counted);
    await trx.deleteFrom('response').where('id', '=', victim!.id).execute();
  });
  const afterDelete = await figures(app, edition.definition, edition.id, campaignId);
  const { rows: zero } = await sql<{ n: number }>`select count(*)::int as n from answer_tally where n <= 0`.execute(app.db);
  t.equal(zero[0]!.n, 0, 'no empty counter is left behind');
  await forgetTallies(app);
  t.strictSame(afterDelete, await figures(app, edition.definition, edition.id, campaignId), 'after a deletion, the tallies still agree with the responses');

  await foldPending(app.db);
  await app.db.transaction().execute(async (trx) => {
    await untallyCampaign(trx, campaignId);
    await trx.deleteFrom('response').where('campaign_id', '=', campaignId).execute();
  });
  const { rows: gone } = await sql<{ n: number }>`select count(*)::int as n from answer_tally`.execute(app.db);
  t.equal(gone[0]!.n, 0, 'a purged campaign leaves no counter');
});

t.test('the hand-counted fixture gives the same figures tallied', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  const { editionId, campaignId, definition } = await seedResults(app);
  const truth = await figures(app, definition, editionId, campaignId);
  await foldPending(app.db);
  t.strictSame(await figures(app, definition, editionId, campaignId), truth);
});

t.test('the folder runs in the background of the app', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '50' });
  await app.ready();
  await seedResults(app);
  let left = 1;
  for (let i = 0; i < 100 && left > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'complete' and not tallied`.execute(app.db);
    left = rows[0]!.n;
  }
  t.equal(left, 0, 'the complete responses were folded without being asked');
});
