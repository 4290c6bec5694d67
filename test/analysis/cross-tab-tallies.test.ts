/**
 * Cross-tabs of a question by a grouping the tallies keep are read from the tallies (plus the
 * responses not folded yet), and give exactly the tables a read of every response gives, under
 * every filter set, both ways round; the tables that the tallies cannot answer still read the
 * responses.
 */
import t from 'tap';
import { sql } from 'kysely';
import { foldResponses, tallyKeys } from '../../analysis/answer-tally.ts';
import { crossTabulate, type Dimension } from '../../analysis/cross-tab.ts';
import { resultFilters, type ResultFiltersInput } from '../../analysis/filters.ts';
import { seedDemoResponses } from '../../server/cli/demo-commands.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { buildTestApp } from '../helper.ts';
import type { FastifyInstance } from 'fastify';

const K = 3;

function views(editionId: string, campaignId: string): ResultFiltersInput[] {
  return [
    { editionId },
    { campaignId },
    { editionId, status: 'all' },
    { editionId, country: ['FR', 'ES'] },
    { editionId, linkCountry: ['FR'] },
    { editionId, authorityType: ['police', 'border_guard', 'central_purchasing_body'] },
    { editionId, linkCountry: ['ES'], country: ['ES'], status: 'all' },
    { editionId, language: ['en'] },
    { editionId, questions: [{ question: 'jpp_experience', values: ['yes'] }] },
  ];
}

const PAIRS: [Dimension, Dimension][] = [
  [{ kind: 'question', name: 'jpp_attitude' }, { kind: 'authorityType' }],
  [{ kind: 'question', name: 'jpp_experience' }, { kind: 'country' }],
  [{ kind: 'linkCountry' }, { kind: 'question', name: 'jpp_attitude' }],
  [{ kind: 'question', name: 'jpp_attitude' }, { kind: 'question', name: 'jpp_experience' }],
];

async function tables(app: FastifyInstance, definition: Record<string, unknown>, editionId: string, campaignId: string) {
  const out: unknown[] = [];
  for (const v of views(editionId, campaignId)) {
    for (const [rows, columns] of PAIRS) out.push(await crossTabulate(app.db, definition, rows, columns, resultFilters(v), { k: K }));
  }
  return out;
}

t.test('question-by-grouping cross-tabs from the tallies equal those from the responses', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  const { campaignId } = await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 160, seed: 11 });
  const edition = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  const truth = await tables(app, edition.definition, edition.id, campaignId);
  t.ok(JSON.stringify(truth).match(/"suppressed":false/g)!.length >= 20, 'most tables show figures');

  await foldResponses(app.db, edition.id, tallyKeys(edition.definition), 50);
  t.strictSame(await tables(app, edition.definition, edition.id, campaignId), truth, 'part tallied, part read: the same tables');
  await foldPending(app.db);
  t.strictSame(await tables(app, edition.definition, edition.id, campaignId), truth, 'all tallied: the same tables');

  // Those tables came from the counters: one counter changed shows in the table by authority type only.
  const all = resultFilters({ editionId: edition.id });
  const { rows: [entry] } = await sql<{ value: string; authority_type: string; n: number }>`select value, authority_type, n from answer_tally
    where grain = 6 and key = 'jpp_attitude' and kind in ('s', 'n') and authority_type is not null order by n desc limit 1`.execute(app.db);
  const cell = async (rows: Dimension, columns: Dimension) => {
    const x = await crossTabulate(app.db, edition.definition, rows, columns, all, { k: K });
    if (x.suppressed) throw new Error('suppressed');
    const i = x.rows.values.findIndex((v) => v.value === entry!.value);
    const j = x.columns.values.findIndex((v) => v.value === entry!.authority_type);
    return x.cells[i]![j]!.count;
  };
  const before = (await cell(PAIRS[0]![0], PAIRS[0]![1]))!;
  t.equal(before, entry!.n);
  await sql`update answer_tally set n = n + 100 where grain = 6 and key = 'jpp_attitude' and value = ${entry!.value} and authority_type = ${entry!.authority_type}`.execute(app.db);
  t.equal(await cell(PAIRS[0]![0], PAIRS[0]![1]), before + 100, 'read from the tallies');
  // Every language the responses were given in: the same responses, read from their answers, unchanged.
  const { rows: languages } = await sql<{ language: string }>`select distinct language from response where edition_id = ${edition.id}::uuid`.execute(app.db);
  const byLanguage = await crossTabulate(app.db, edition.definition, PAIRS[0]![0], PAIRS[0]![1], resultFilters({ editionId: edition.id, language: languages.map((l) => l.language) }), { k: K });
  t.strictSame(byLanguage, truth[0], 'a filter the tallies do not keep reads the responses');
});
