/**
 * `npx tsx bench/views-run.ts -- --sizes=100000,1000000`: the results views alone (bench/views.ts),
 * on a throwaway database of the PostgreSQL server of DATABASE_URL, filled and folded to each size.
 */
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { answerPool, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';
import { startServer } from './server-process.ts';
import { measureViews, printViews, type IndexCost, type ViewResult } from './views.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = (sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [100_000, 1_000_000]).sort((a, b) => a - b);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const bench = await createBenchDatabase(serverUrl);
try {
  const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, 39_000 + Math.floor(Math.random() * 900));
  await first.stop();
  const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
  const campaign = await openBenchCampaign(bench.db, countries);
  const pool = answerPool(campaign.definition, 150);
  const views: ViewResult[] = [];
  const costs: IndexCost[] = [];
  let stored = 0;
  for (const size of sizes) {
    log(`filling to ${size}`);
    await fillResponses(bench.db, campaign, pool, size - stored);
    stored = size;
    log('folding');
    await foldPending(bench.db);
    log('measuring');
    const big = size >= 1_000_000;
    const r = await measureViews(bench.db, campaign, size, 5, (v) => !big || v.startsWith('summary, language') || v.startsWith('summary, q.jpp_experience=yes,'));
    views.push(...r.views);
    costs.push(r.cost);
    log(`index of ${size}: loaded in ${r.cost.loadSeconds.toFixed(1)} s, ${r.cost.arraysMb.toFixed(0)} MB of arrays, heap +${r.cost.heapMb.toFixed(0)} MB`);
    printViews(views, costs);
  }
} finally {
  await bench.drop();
}
