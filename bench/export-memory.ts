/**
 * `npx tsx bench/export-memory.ts [1000000] [--keep] [--database=<url>]`: the CSV export's peak memory
 * alone, without the rest of `npm run bench`. Fills a throwaway database on the PostgreSQL server of
 * DATABASE_URL with that many responses once (folded into the tallies, as a running server keeps
 * them), then exports them from a fresh compiled server (`npm start`'s build) and reads its VmHWM.
 * `--keep` leaves the filled database for another run, `--database=<url>` reuses one (and keeps it).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../server/db/database.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { answerPool, createBenchDatabase, fillResponses, openBenchCampaign, type BenchCampaign } from './bench-data.ts';
import { createAnalyst, measureExport, signIn } from './export.ts';
import { SERVER_JS } from './idle-memory.ts';
import { startServer } from './server-process.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('bench/export-memory.ts needs DATABASE_URL, a PostgreSQL server where it may create a throwaway database');
  process.exit(2);
}
const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const reuse = process.argv.find((a) => a.startsWith('--database='))?.slice('--database='.length);
const keep = Boolean(reuse) || process.argv.includes('--keep');
const PORT = 39_300 + Math.floor(Math.random() * 500);
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const bench = reuse
  ? await (async () => {
    const handle = await openDatabase({ url: reuse, dataDir: '', poolSize: 4 });
    return { url: reuse, db: handle.db, drop: () => handle.close() };
  })()
  : await createBenchDatabase(serverUrl);
try {
  if (!reuse) {
    // A first start migrates the database and publishes the editions.
    const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, PORT);
    await first.stop();
  }
  const campaignRow = await bench.db.selectFrom('campaign').select(['id', 'edition_id']).where('name', '=', 'Benchmark').executeTakeFirst();
  let campaign: Pick<BenchCampaign, 'editionId'> = { editionId: campaignRow?.edition_id ?? '' };
  const stored = Number((await sql<{ n: number }>`select count(*)::int as n from response`.execute(bench.db)).rows[0]?.n ?? 0);
  if (!campaignRow || stored < size) {
    const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
    const opened = campaignRow ? null : await openBenchCampaign(bench.db, countries);
    if (!opened) throw new Error('reuse a database this script filled, or start without --database');
    campaign = opened;
    log(`filling ${size} responses`);
    await fillResponses(bench.db, opened, answerPool(opened.definition, 150), size);
    log(`folding them into the tallies`);
    await foldPending(bench.db);
  }
  if (spawnSync(process.execPath, ['tools/build-server.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the server did not compile');
  const { email, password } = createAnalyst(bench.url);
  const server = await startServer(SERVER_JS, { DATABASE_URL: bench.url }, PORT);
  try {
    const cookie = await signIn(server.url, email, password);
    log(`export of ${size} (load average ${load()})`);
    const res = await measureExport(server, cookie, campaign.editionId, size);
    log(`${res.rows} rows, ${res.megabytes.toFixed(0)} MB in ${res.seconds.toFixed(1)} s (${res.rowsPerSecond.toFixed(0)} rows/s); ` +
      `server RSS before ${res.rssBeforeMb.toFixed(0)} MB, peak ${res.peakRssMb.toFixed(0)} MB; load average ${load()}`);
  } finally {
    await server.stop();
  }
  if (keep) log(`kept ${bench.url}`);
} finally {
  // A kept database's pool ends with the process.
  if (!keep) await bench.drop();
}
process.exit(0);
