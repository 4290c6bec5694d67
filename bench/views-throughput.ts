/**
 * `npx tsx bench/views-throughput.ts -- [--stored=100000] [--rounds=3] [--seconds=20]`: what the
 * response index costs submissions. Sustained validated submissions at 16 clients (the tally folder
 * folding as it goes, as in `npm run bench`'s sustained round) against a server copy with the index
 * and one without it (RESPONSE_INDEX_INTERVAL_MS=0), in alternate rounds of the same run on one
 * throwaway database of DATABASE_URL's server. Only the copy measured runs: the other one's folder
 * and catch-ups would otherwise share the cores with it.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { foldPending } from '../server/results/tally-folder.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { answerPool, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';
import { startServer } from './server-process.ts';
import { median, round } from './stats.ts';
import { runLoad } from './submissions.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const v = a ? Number(a.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name}: a whole number`);
    process.exit(2);
  }
  return v;
};
const stored = arg('stored', 100_000);
const rounds = arg('rounds', 3);
const seconds = arg('seconds', 20);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line} (load ${os.loadavg().map((x) => round(x, 1)).join(' ')})`);
const port = () => 39_000 + Math.floor(Math.random() * 900);

const bench = await createBenchDatabase(serverUrl);
try {
  const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, port());
  await first.stop();
  const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
  const campaign = await openBenchCampaign(bench.db, countries);
  const pool = answerPool(campaign.definition, 150);
  log(`filling ${stored} and folding them`);
  await fillResponses(bench.db, campaign, pool, stored);
  await foldPending(bench.db);
  const rps: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so that a slow moment of the machine hits both alike.
    const order = r % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const side of order) {
      // The day's shuffle of past days' responses (the filled ones span forty days) is off on both
      // sides: it rewrites the stored rows once, in whichever copy starts first, and so would fall
      // on one side of the comparison only.
      const env: Record<string, string> = { DATABASE_URL: bench.url, SUBMIT_RATE_PER_MINUTE: '1000000000', SHUFFLE_INTERVAL_MINUTES: '0' };
      if (side === 'without') env.RESPONSE_INDEX_INTERVAL_MS = '0';
      const server = await startServer('bench/bench-server.ts', env, port());
      try {
        // The index loads in the background after /readyz; the round starts once it has (a few
        // seconds per 100,000 responses), and the warm-up is the same for both sides.
        await new Promise((done) => setTimeout(done, Math.max(5_000, stored / 5)));
        await runLoad(server.url, campaign, pool, 'validated', 16, 2);
        const res = await runLoad(server.url, campaign, pool, 'validated', 16, seconds);
        rps[side].push(res.requestsPerSecond);
        const stalls = server.output().split('\n').filter((l) => l.startsWith('event loop stalled'));
        log(`${side} the index, round ${r + 1}: ${round(res.requestsPerSecond, 0)}/s p50 ${res.p50Ms} ms p99 ${res.p99Ms} ms${res.non2xx + res.errors ? ` (${res.non2xx} non-2xx, ${res.errors} errors)` : ''}, server ${round(server.rssMb(), 0)} MB resident`);
        log(`  per second: ${res.perSecond.join(' ')}${stalls.length ? `; server ${stalls.join(', ')}` : ''}`);
      } finally {
        await server.stop();
      }
      const { rows: [left] } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'complete' and not tallied`.execute(bench.db);
      if ((left?.n ?? 0) > 0) await foldPending(bench.db);
    }
  }
  const w = median(rps.with);
  const wo = median(rps.without);
  console.log(`\nSustained validated submissions, 16 clients, ${seconds} s rounds, ${stored.toLocaleString('en')} stored before (median of ${rounds})`);
  console.log('| with the index | without (RESPONSE_INDEX_INTERVAL_MS=0) | ratio |');
  console.log('|---|---|---|');
  console.log(`| ${round(w, 0)}/s | ${round(wo, 0)}/s | ${round((w / wo) * 100, 0)} % |`);
  const figures = (xs: number[]) => xs.map((x) => round(x, 0)).join(', ');
  console.log(`summary: with ${round(w, 0)}/s, without ${round(wo, 0)}/s, ratio ${round((w / wo) * 100, 0)} %; rounds with: ${figures(rps.with)}; without: ${figures(rps.without)} (load ${os.loadavg().map((x) => round(x, 1)).join(' ')})`);
} finally {
  await bench.drop();
}
