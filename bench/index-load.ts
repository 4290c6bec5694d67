/**
 * `npx tsx bench/index-load.ts -- --sizes=100000`: how long a server copy's response index takes to
 * load the folded responses, and the longest the event loop waits meanwhile (what a submission
 * arriving during the load waits at worst), on a throwaway database of DATABASE_URL's server filled
 * and folded to each size. Against the bare minimum outside the product: the same responses read by
 * the same pages (20,000 rows per statement, in id order) and each answer set parsed, nothing kept.
 * Medians of 3 rounds; the event loop is sampled every 10 ms.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { attachResponseIndex, detachResponseIndex } from '../analysis/response-index-source.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { sizesArg } from './args.ts';
import { answerPool, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';
import { startServer } from './server-process.ts';
import { median, round } from './stats.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const sizes = sizesArg([100_000]);
const ROUNDS = 3;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);

interface Run { ms: number; longestWaitMs: number; p99WaitMs: number }

/** Runs `fn` with the event loop watched: its duration, and the longest and 99th-percentile waits. */
async function watched(fn: () => Promise<unknown>): Promise<Run> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  delay.disable();
  return { ms, longestWaitMs: delay.max / 1e6, p99WaitMs: delay.percentile(99) / 1e6 };
}

const medianRun = (runs: Run[]) => ({
  ms: round(median(runs.map((r) => r.ms)), 0),
  longestWaitMs: round(median(runs.map((r) => r.longestWaitMs)), 0),
  p99WaitMs: round(median(runs.map((r) => r.p99WaitMs)), 0),
});

const bench = await createBenchDatabase(serverUrl);
try {
  // The server migrates the throwaway database.
  const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, 39_000 + Math.floor(Math.random() * 900));
  await first.stop();
  const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
  const campaign = await openBenchCampaign(bench.db, countries);
  const pool = answerPool(campaign.definition, 150);

  /** The bare minimum: the same pages read and each answer set parsed, nothing else. */
  const readAndParse = async () => {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await sql<{ id: string; answers: string }>`select id::text as id, answers::text as answers from response
        where tallied and id > ${after}::uuid order by id limit 20000`.execute(bench.db);
      for (const r of rows) JSON.parse(r.answers);
      if (rows.length < 20_000) return;
      after = rows[rows.length - 1]!.id;
    }
  };
  const loadIndex = async () => {
    const handle = attachResponseIndex(bench.db);
    await handle.loaded;
    if (handle.broken()) throw new Error(`the index stepped aside: ${handle.broken()}`);
    detachResponseIndex(bench.db);
  };

  const rows: string[] = [];
  let stored = 0;
  for (const size of sizes) {
    log(`filling to ${size} and folding`);
    await fillResponses(bench.db, campaign, pool, size - stored);
    stored = size;
    await foldPending(bench.db);
    const limit: Run[] = [];
    const product: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      limit.push(await watched(readAndParse));
      product.push(await watched(loadIndex));
      log(`${size}, round ${r + 1}: limit ${JSON.stringify(limit[r])}, index ${JSON.stringify(product[r])}`);
    }
    const l = medianRun(limit);
    const p = medianRun(product);
    rows.push(`| ${size.toLocaleString('en')} | ${l.ms} ms, longest wait ${l.longestWaitMs} ms | ${p.ms} ms (x${round(p.ms / l.ms, 2)}) | ${p.longestWaitMs} ms | ${p.p99WaitMs} ms |`);
  }
  console.log('\n| responses | limit: read and parse | index load | longest wait during the load | 99th percentile wait |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  await bench.drop();
}
