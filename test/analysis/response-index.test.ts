import t, { type Test } from 'tap';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { foldResponses, tallyKeys, untallyCampaign, untallyResponse } from '../../analysis/answer-tally.ts';
import { countResponses } from '../../analysis/answer-queries.ts';
import { crossTabulate, type Dimension } from '../../analysis/cross-tab.ts';
import { compareEditions } from '../../analysis/edition-comparison.ts';
import { resultFilters, type ResultFiltersInput } from '../../analysis/filters.ts';
import { groupCounts } from '../../analysis/group-counts.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { attachResponseIndex, indexView, suspendResponseIndex } from '../../analysis/response-index-source.ts';
import { entriesOf, type EntryDef } from '../../analysis/response-set.ts';
import { createCampaign } from '../../server/campaigns/campaign-service.ts';
import { seedDemoResponses } from '../../server/cli/demo-commands.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { buildTestApp } from '../helper.ts';

const K = 3;

/** A small deterministic generator, so that a failing combination can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Universe {
  editionId: string;
  campaignIds: string[];
  definition: Record<string, unknown>;
  values: Record<'country' | 'linkCountry' | 'authorityType' | 'language' | 'channel' | 'wave', string[]>;
  /** Questions to filter and cross on, with their choices. */
  questions: { key: string; kind: string; values: string[] }[];
}

async function universe(app: FastifyInstance, editionId: string, definition: Record<string, unknown>): Promise<Universe> {
  const distinct = async (expr: string) => (await sql<{ v: string }>`select distinct ${sql.raw(expr)} as v from response r where r.edition_id = ${editionId}::uuid and ${sql.raw(expr)} is not null`.execute(app.db)).rows.map((r) => r.v).sort();
  const campaigns = await distinct('r.campaign_id::text');
  const questions = questionCatalogue(definition)
    .filter((q) => ['single', 'multi', 'rating', 'ranking'].includes(q.kind) && q.choices.length > 0)
    .map((q) => ({ key: q.key, kind: q.kind, values: q.choices.map((c) => c.value) }));
  return {
    editionId,
    campaignIds: campaigns,
    definition,
    values: {
      country: await distinct('r.country'),
      linkCountry: await distinct('r.link_country'),
      authorityType: await distinct('r.authority_type'),
      language: await distinct('r.language'),
      channel: await distinct('(select l.channel from link l where l.id = r.link_id)'),
      wave: await distinct('r.wave_id::text'),
    },
    questions,
  };
}

function some(rng: () => number, values: readonly string[], most: number): string[] {
  if (values.length === 0 || rng() < 0.72) return [];
  const n = 1 + Math.floor(rng() * Math.min(most, values.length)) + (rng() < 0.3 ? 2 : 0);
  return [...values].sort(() => rng() - 0.5).slice(0, n);
}

/** A random combination of every filter the README lists. */
function randomFilters(rng: () => number, u: Universe): ResultFiltersInput {
  const scope = rng() < 0.8 || u.campaignIds.length === 0 ? { editionId: u.editionId } : { campaignId: u.campaignIds[Math.floor(rng() * u.campaignIds.length)]! };
  const questions: { question: string; values: string[] }[] = [];
  const nq = rng() < 0.5 ? 0 : rng() < 0.7 ? 1 : 2;
  for (let i = 0; i < nq; i++) {
    const q = u.questions[Math.floor(rng() * u.questions.length)]!;
    if (questions.some((x) => x.question === q.key)) continue;
    const values = [...q.values].sort(() => rng() - 0.5).slice(0, rng() < 0.6 ? 1 : 2);
    questions.push({ question: q.key, values });
  }
  return {
    ...scope,
    country: some(rng, u.values.country, 3),
    linkCountry: some(rng, u.values.linkCountry, 2),
    authorityType: some(rng, u.values.authorityType, 3),
    language: some(rng, u.values.language, 2),
    channel: some(rng, u.values.channel, 2),
    wave: some(rng, u.values.wave, 1),
    status: rng() < 0.3 ? 'all' : 'complete',
    questions,
  };
}

const DIMENSIONS: Dimension[] = [{ kind: 'country' }, { kind: 'linkCountry' }, { kind: 'authorityType' }];

/** Every figure of one filter combination: summary, breakdowns, a cross-tab. */
async function figures(app: FastifyInstance, u: Universe, input: ResultFiltersInput, rng: () => number) {
  const f = resultFilters(input);
  const singles = u.questions.filter((q) => q.kind === 'single' || q.kind === 'rating');
  const axis = (): Dimension => (rng() < 0.5 ? DIMENSIONS[Math.floor(rng() * 3)]! : { kind: 'question', name: singles[Math.floor(rng() * singles.length)]!.key });
  let rows = axis();
  let columns = axis();
  if (JSON.stringify(rows) === JSON.stringify(columns)) columns = rows.kind === 'authorityType' ? { kind: 'country' } : { kind: 'authorityType' };
  if (rows.kind === 'question' && columns.kind === 'question' && rows.name === columns.name) rows = { kind: 'linkCountry' };
  return {
    count: await countResponses(app.db, f),
    summary: await summarizeEdition(app.db, u.definition, f, { k: K, viewerMaySeeTexts: true }),
    countries: await groupCounts(app.db, u.definition, 'country', f, { k: K }),
    authorities: await groupCounts(app.db, u.definition, 'authorityType', f, { k: K }),
    crossTab: await crossTabulate(app.db, u.definition, rows, columns, f, { k: K }),
  };
}

/** Compares `rounds` random combinations read through the index with the same read from the database. */
async function compare(t: Test, app: FastifyInstance, u: Universe, seed: number, rounds: number, label: string) {
  let shown = 0;
  let indexed = 0;
  let mismatches = 0;
  for (let i = 0; i < rounds; i++) {
    const input = randomFilters(random(seed * 1000 + i), u);
    const viaIndex = await figures(app, u, input, random(seed * 7 + i));
    if (await indexView(app.db, resultFilters(input))) indexed++;
    const resume = suspendResponseIndex(app.db);
    const truth = await figures(app, u, input, random(seed * 7 + i));
    resume();
    if (JSON.stringify(viaIndex) !== JSON.stringify(truth)) {
      mismatches++;
      if (mismatches <= 3) t.strictSame(viaIndex, truth, `${label}: ${JSON.stringify(input)}`);
    }
    if (!truth.summary.suppressed) shown++;
  }
  t.equal(mismatches, 0, `${label}: ${rounds} random filter combinations give the same figures through the index`);
  t.ok(shown > rounds / 6, `${label}: many of them show figures (${shown})`);
  t.ok(indexed > rounds * 0.8, `${label}: nearly all are answered by the index (${indexed})`);
}

t.test('entries are worked out in memory as PostgreSQL works them out', async (t) => {
  const out: EntryDef[] = [];
  entriesOf({ b: 'x', n: 2.5, t: true, e: '', l: ['y', 3, null], m: { row10: 'c', r2: 1 }, text: 'free', z: null }, new Set(['b', 'n', 't', 'e', 'l', 'm']), out);
  t.strictSame(out.map((e) => [e.key, e.kind, e.value, e.sub, e.pos]), [
    ['b', 's', 'x', '', 0], ['n', 'n', '2.5', '', 0], ['t', 's', 'true', '', 0], ['e', 'e', '', '', 0],
    ['l', 'a', 'y', '', 1], ['l', 'a', '3', '', 2],
    // jsonb orders an object's keys shorter first.
    ['m', 'o', 'r2', '1', 1], ['m', 'o', 'row10', 'c', 2],
    ['text', 'c', '', '', 0],
  ]);
  t.throws(() => entriesOf({ l: [{ a: 1 }] }, new Set(['l']), []), 'a nested value is not reproduced: the index steps aside');
});

t.test('every view through the index equals reading the responses, under random filters', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  const first = await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 150, seed: 11 });
  const edition = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  const keys = tallyKeys(edition.definition);
  // Some responses stay unfolded: the index reads them from the database.
  await foldResponses(app.db, edition.id, keys, 60);
  await foldResponses(app.db, edition.id, keys, 60);

  const handle = attachResponseIndex(app.db);
  await handle.loaded;
  t.equal(handle.broken(), null, 'every stored answer is reproduced');
  t.ok(handle.responses() > 100, 'the folded responses are loaded');
  const u = await universe(app, edition.id, edition.definition);
  t.ok(u.values.language.length > 1 && u.values.channel.length > 1, 'the data has several languages and channels');
  await compare(t, app, u, 1, Number(process.env.ROUNDS ?? 80), 'loaded, partly folded');

  // More responses arrive in a second campaign, and another copy folds them: this one learns from the log.
  const DAY = 86_400_000;
  const second = await createCampaign(app.db, { surveyId: 'jpp-experience', edition: '2022', name: 'Second', opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) });
  await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 80, seed: 12, campaignId: second.id });
  await foldPending(app.db, { batch: 30 });
  const u2 = await universe(app, edition.id, edition.definition);
  await compare(t, app, u2, 2, 50, 'after new responses and folds');

  // Deletions with their codes, folded and not.
  const { rows: victims } = await sql<{ id: string }>`select id::text as id from response where status = 'complete' order by id desc limit 6`.execute(app.db);
  for (const v of victims) {
    await app.db.transaction().execute(async (trx) => {
      await untallyResponse(trx, v.id, keys);
      await trx.deleteFrom('response').where('id', '=', v.id).execute();
    });
  }
  await compare(t, app, u2, 3, 40, 'after deletions');

  // A purge of the first campaign.
  await app.db.transaction().execute(async (trx) => {
    await untallyCampaign(trx, first.campaignId);
    await trx.deleteFrom('response').where('campaign_id', '=', first.campaignId).execute();
  });
  const u3 = await universe(app, edition.id, edition.definition);
  await compare(t, app, u3, 4, 30, 'after a purge');

  // The figures really come from memory: a change behind the log's back is not seen by the index.
  const { rows: [folded] } = await sql<{ id: string; language: string }>`select id::text as id, language from response where tallied limit 1`.execute(app.db);
  await sql`update response set language = 'zz' where id = ${folded!.id}::uuid`.execute(app.db);
  const zz = resultFilters({ editionId: edition.id, language: ['zz'] });
  t.equal(await countResponses(app.db, zz), 0, 'the index, not a read of the responses, answers');
  const resume = suspendResponseIndex(app.db);
  t.equal(await countResponses(app.db, zz), 1, 'where reading the responses sees the change');
  resume();
  await sql`update response set language = ${folded!.language} where id = ${folded!.id}::uuid`.execute(app.db);
  const all = resultFilters({ editionId: edition.id });

  // The comparison of editions goes through the same index.
  const comparison = await compareEditions(app.db,
    { label: 'a', definition: edition.definition, filters: all },
    { label: 'b', definition: edition.definition, filters: resultFilters({ editionId: edition.id, status: 'all' }) },
    { k: K, viewerMaySeeTexts: false });
  t.equal(comparison.suppressed, false, 'a comparison is answered');
});
