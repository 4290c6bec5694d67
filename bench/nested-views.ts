/**
 * `npx tsx bench/nested-views.ts -- --sizes=10000,100000`: the results summary of an edition whose
 * answers hold answers (test/fixtures/nested-types.json: a matrix of cells, a dynamic matrix, a
 * dynamic panel, a multiple text), on a throwaway database of the PostgreSQL server of
 * DATABASE_URL, at each size: read from the responses, from the running tallies, and through the
 * response index; against the bare minimum outside the product: one hand-written SQL statement
 * over a table of only the answers that counts the same parts (no suppression, no labels).
 * Medians of several rounds.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { tallyKeys } from '../analysis/answer-tally.ts';
import { resultFilters } from '../analysis/filters.ts';
import { summarizeEdition } from '../analysis/question-aggregates.ts';
import { attachResponseIndex, detachResponseIndex } from '../analysis/response-index-source.ts';
import { createCampaign } from '../server/campaigns/campaign-service.ts';
import { seededRandom } from '../server/demo/answer-generator.ts';
import { createLink } from '../server/links/link-service.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { AnswerValidator } from '../server/surveys/answer-validator.ts';
import { prepareDefinition } from '../server/surveys/edition-files.ts';
import { publishEditionVersion } from '../server/surveys/edition-sync.ts';
import { findLatestVersion } from '../server/surveys/edition-repository.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { createBenchDatabase } from './bench-data.ts';
import { sizesArg } from './args.ts';
import { startServer } from './server-process.ts';
import { median, round } from './stats.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const sizes = sizesArg([10_000, 100_000]);
const ROUNDS = 5;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);

/** A varied valid answer set of the fixture (1 to 3 rows and panels, conditions respected). */
function nestedAnswers(rng: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const partner = () => {
    const role = pick(['buyer', 'observer']);
    return { role, score: 1 + Math.floor(rng() * 5), budget: Math.round(rng() * 500) * 1000, ...(role === 'observer' ? { why: 'No budget' } : {}) };
  };
  const rows = 1 + Math.floor(rng() * 3);
  return {
    partners: { lead: partner(), other: partner() },
    lots: Array.from({ length: rows }, () => {
      const framework = rng() < 0.5;
      return { kind: [pick(['supplies', 'services', 'works'])], value: Math.round(rng() * 900) * 1000, framework, ...(framework ? { years: 1 + Math.floor(rng() * 4) } : {}) };
    }),
    procurements: Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
      const outcome = pick(['awarded', 'cancelled']);
      return { year: 2015 + Math.floor(rng() * 11), outcome, ...(outcome === 'cancelled' ? { cancel_reason: 'No bids' } : {}) };
    }),
    contact: { unit: 'Procurement unit', staff: 1 + Math.floor(rng() * 60) },
    channel: pick(['portal', 'ted']),
    effort: Math.floor(rng() * 11),
  };
}

/** The bare minimum: the same parts counted by one statement over a table of only the answers. */
const LIMIT_SQL = sql`select
  (select count(*) from bench_answers) as responses,
  (select jsonb_object_agg(k, n) from (select r.key || '/' || (r.value ->> 'role') as k, count(*) as n
     from bench_answers b cross join lateral jsonb_each(b.answers -> 'partners') r group by 1) x) as roles,
  (select jsonb_object_agg(k, n) from (select e.value as k, count(*) as n
     from bench_answers b cross join lateral jsonb_array_elements(b.answers -> 'lots') l
     cross join lateral jsonb_array_elements_text(l -> 'kind') e group by 1) x) as kinds,
  (select avg((l ->> 'value')::float8) from bench_answers b cross join lateral jsonb_array_elements(b.answers -> 'lots') l) as mean_value,
  (select jsonb_object_agg(k, n) from (select p ->> 'outcome' as k, count(*) as n
     from bench_answers b cross join lateral jsonb_array_elements(b.answers -> 'procurements') p group by 1) x) as outcomes,
  (select avg(jsonb_array_length(b.answers -> 'procurements')) from bench_answers b) as panels`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function medianOf(fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) ms.push(await timed(fn));
  return round(median(ms), 1);
}

const bench = await createBenchDatabase(serverUrl);
try {
  // The server migrates the throwaway database.
  const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, 39_000 + Math.floor(Math.random() * 900));
  await first.stop();
  const lists = await loadReferenceLists('surveys');
  const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const prepared = prepareDefinition(fixture, lists);
  await publishEditionVersion(bench.db, { surveyId: 'nested-bench', edition: '1', title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  const edition = (await findLatestVersion(bench.db, 'nested-bench', '1'))!;
  const DAY = 86_400_000;
  const campaign = await createCampaign(bench.db, { surveyId: 'nested-bench', edition: '1', name: 'Benchmark', opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) });
  const link = await createLink(bench.db, (lists.get('countries') ?? []).map((c) => c.value), { campaignId: campaign.id, country: 'FR', channel: 'ipnc_email', language: 'en' });

  const validator = new AnswerValidator(edition.definition);
  const rng = seededRandom(7);
  const pool: Record<string, unknown>[] = [];
  while (pool.length < 300) {
    const answers = nestedAnswers(rng);
    const checked = validator.check(answers, 'en', 'complete');
    if (Object.keys(checked.errors).length > 0) throw new Error(`a generated answer set is refused: ${JSON.stringify(checked.errors)}`);
    pool.push(checked.answers);
  }
  await sql`create unlogged table bench_pool (i int primary key, answers jsonb)`.execute(bench.db);
  await sql`insert into bench_pool values ${sql.join(pool.map((a, i) => sql`(${i}, ${JSON.stringify(a)}::jsonb)`))}`.execute(bench.db);
  await sql`create table bench_answers (answers jsonb not null)`.execute(bench.db);

  const filters = resultFilters({ editionId: edition.id });
  const summary = () => summarizeEdition(bench.db, edition.definition, filters, { k: 5, viewerMaySeeTexts: true });
  const rows: Record<string, unknown>[] = [];
  let stored = 0;
  for (const size of sizes) {
    log(`filling to ${size}`);
    for (let done = stored; done < size; done += 100_000) {
      const n = Math.min(100_000, size - done);
      await sql`insert into response (id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status, answers, last_page, started_on, submitted_on)
        select gen_random_uuid(), ${edition.id}::uuid, ${campaign.id}::uuid, ${link.id}::uuid, 'FR', 'FR', 'not_asked', 'en', 'complete', p.answers, 0, current_date, current_date
        from generate_series(1, ${n}) g join bench_pool p on p.i = g % ${pool.length}`.execute(bench.db);
      await sql`insert into bench_answers select p.answers from generate_series(1, ${n}) g join bench_pool p on p.i = g % ${pool.length}`.execute(bench.db);
    }
    stored = size;
    await sql`analyze`.execute(bench.db);
    await sql`update response set tallied = false`.execute(bench.db);
    await sql`delete from answer_tally`.execute(bench.db);

    log(`measuring ${size}`);
    const limit = await medianOf(() => LIMIT_SQL.execute(bench.db));
    const scan = await medianOf(summary);
    const foldMs = await timed(() => foldPending(bench.db));
    const tallied = await medianOf(summary);
    const handle = attachResponseIndex(bench.db);
    const loadMs = await timed(() => handle.loaded);
    if (handle.broken()) throw new Error(`the index stepped aside: ${handle.broken()}`);
    const indexed = await medianOf(summary);
    detachResponseIndex(bench.db);
    const row = {
      responses: size, derivedKeys: tallyKeys(edition.definition).derived.length,
      limitMs: limit, scanMs: scan, scanRatio: round(scan / limit, 2),
      foldSeconds: round(foldMs / 1000, 1), talliedMs: tallied, talliedRatio: round(tallied / limit, 2),
      indexLoadSeconds: round(loadMs / 1000, 1), indexedMs: indexed, indexedRatio: round(indexed / limit, 2),
    };
    rows.push(row);
    log(JSON.stringify(row));
  }
  console.log('\nresponses | limit (1 SQL statement) | summary read from responses | fold | from tallies | index load | through index');
  for (const r of rows) {
    console.log(`${r.responses} | ${r.limitMs} ms | ${r.scanMs} ms (x${r.scanRatio}) | ${r.foldSeconds} s | ${r.talliedMs} ms (x${r.talliedRatio}) | ${r.indexLoadSeconds} s | ${r.indexedMs} ms (x${r.indexedRatio})`);
  }
} finally {
  await bench.drop();
}
