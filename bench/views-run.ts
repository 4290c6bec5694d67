/**
 * `npx tsx bench/views-run.ts -- --sizes=100000,1000000`: the results views alone (bench/views.ts),
 * on a throwaway database of the PostgreSQL server of DATABASE_URL, filled and folded to each size.
 * `--keep=<name>` fills a database of that name instead and keeps it: a later run with the same name
 * reuses its responses (filling a million takes minutes) and only adds what a larger size needs.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { answerPool, createBenchDatabase, type BenchDatabase, fillResponses, openBenchCampaign, type BenchCampaign } from './bench-data.ts';
import { sizesArg } from './args.ts';
import { startServer } from './server-process.ts';
import { measureViews, printViews, type IndexCost, type ViewResult } from './views.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const sizes = sizesArg([100_000, 1_000_000]);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);

// `--rounds=5`; `--indexed-only`: skips the views timed once without the index (seconds each at a million).
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
const rounds = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : 5;
const indexedOnly = process.argv.includes('--indexed-only');
const keepArg = process.argv.find((a) => a.startsWith('--keep='));
const kept = keepArg ? keepArg.slice('--keep='.length) : undefined;
if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept)) {
  console.error('--keep=<name>: a database name of lower-case letters, digits and underscores');
  process.exit(2);
}

/** The campaign a kept database was filled for, if it was. */
async function keptCampaign(db: BenchDatabase['db']): Promise<BenchCampaign | null> {
  const { rows } = await sql<{ campaign_id: string; edition_id: string; definition: Record<string, unknown> }>`select c.id::text as campaign_id,
    e.id::text as edition_id, e.definition from campaign c join edition e on e.id = c.edition_id where c.name = 'Benchmark' limit 1`.execute(db);
  const c = rows[0];
  if (!c) return null;
  const links = await sql<{ token: string; id: string; country: string; language: string }>`select token, id::text as id, country, language
    from link where campaign_id = ${c.campaign_id}::uuid order by created_at, id`.execute(db);
  return { editionId: c.edition_id, campaignId: c.campaign_id, definition: c.definition, links: links.rows };
}

const bench = await createBenchDatabase(serverUrl, kept);
try {
  const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, 39_000 + Math.floor(Math.random() * 900));
  await first.stop();
  const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
  const campaign = (kept ? await keptCampaign(bench.db) : null) ?? (await openBenchCampaign(bench.db, countries));
  const pool = answerPool(campaign.definition, 150);
  const views: ViewResult[] = [];
  const costs: IndexCost[] = [];
  const { rows: [count] } = await sql<{ n: number }>`select count(*)::int as n from response`.execute(bench.db);
  let stored = count?.n ?? 0;
  for (const size of sizes) {
    if (size > stored) {
      log(`filling to ${size}`);
      await fillResponses(bench.db, campaign, pool, size - stored);
      stored = size;
    } else if (size < stored) {
      log(`skipping ${size}: the kept database holds ${stored}`);
      continue;
    }
    log('folding');
    await foldPending(bench.db);
    log('measuring');
    const big = size >= 1_000_000;
    const r = await measureViews(bench.db, campaign, size, rounds, (v) => !indexedOnly && (!big || v.startsWith('summary, language') || v.startsWith('summary, q.jpp_experience=yes,')));
    views.push(...r.views);
    costs.push(r.cost);
    log(`index of ${size}: loaded in ${r.cost.loadSeconds.toFixed(1)} s, ${r.cost.arraysMb.toFixed(0)} MB of arrays, heap +${r.cost.heapMb.toFixed(0)} MB`);
    printViews(views, costs);
  }
} finally {
  await bench.drop();
}
