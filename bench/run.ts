/**
 * `npm run bench [-- --quick]`: the consultation-scale benchmark, in one run, against the PostgreSQL
 * server of DATABASE_URL (a throwaway database is created there and dropped at the end):
 *   1. validated submissions at 1, 16 and 64 clients (with the product's tally folder running), and
 *      the same load on a bare insert baseline (measured once the folder is idle);
 *   2. the dashboard summary of an edition at 10k, 100k and 1M stored responses;
 *   3. the CSV export of 100k and 1M responses: rows/s and the server's peak memory;
 *   4. what a respondent's browser downloads (first and repeat visit), and the resident memory of an
 *      idle server copy on PostgreSQL and on the embedded database.
 * Medians of several rounds; a table on standard output and JSON in bench/results/.
 * Everything runs on loopback; every loop is bounded.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/db/schema.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { sizesArg } from './args.ts';
import { answerPool, clearResponses, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';
import { measureDashboard, measureFold, type DashboardResult, type FoldResult } from './dashboard.ts';
import { createAnalyst, measureExport, signIn, type ExportResult } from './export.ts';
import { measureEmbeddedIdle, settle, SERVER_JS, type IdleMemory } from './idle-memory.ts';
import { startServer, type ServerProcess } from './server-process.ts';
import { measurePageWeight, type PageWeight } from './page-weight.ts';
import { median, round } from './stats.ts';
import { measureViews, printViews, type IndexCost, type ViewResult } from './views.ts';
import { runLoad, type LoadResult } from './submissions.ts';

const quick = process.argv.includes('--quick');
const plan = quick
  ? { connections: [1, 16, 64], rounds: 1, seconds: 3, sustainedSeconds: 15, sizes: [10_000, 100_000], exportSizes: [100_000], dashboardRounds: (n: number) => (n >= 100_000 ? 1 : 3), scanRounds: () => 1 }
  : { connections: [1, 16, 64], rounds: 3, seconds: 8, sustainedSeconds: 60, sizes: [10_000, 100_000, 1_000_000], exportSizes: [100_000, 1_000_000], dashboardRounds: () => 5, scanRounds: (n: number) => (n >= 1_000_000 ? 1 : 3) };
// `-- --sizes=10000,100000`: smaller stored-response sizes for a shared machine; the largest is exported.
if (process.argv.some((a) => a.startsWith('--sizes='))) {
  plan.sizes = sizesArg(plan.sizes);
  plan.exportSizes = plan.sizes.slice(-1);
}
// Random, so that two people benchmarking on one machine do not collide (PORT + 1 is the bare server's).
const PORT = 39_170 + 2 * Math.floor(Math.random() * 400);

// The benchmark is a tool, not the server: it reads its one setting here.
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('npm run bench needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database,\n' +
    'e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(2);
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

interface SubmissionRow {
  connections: number;
  validated: { rps: number; p50: number; p99: number };
  /** The bare server outside the product (bench/limit-server.ts): the physical limit. */
  limit: { rps: number; p50: number; p99: number };
  /** The bare insert inside the product's app, into its response table (the earlier baseline). */
  baseline: { rps: number; p50: number; p99: number };
  ratio: number;
  ratioToInApp: number;
  failures: number;
}

/**
 * Waits until the server's tally folder has folded every submission of the last validated round:
 * its work counts for the validated rounds (it runs during them), not for the baseline's.
 */
async function waitForFolder(db: Kysely<Database>): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'complete' and not tallied`.execute(db);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the tally folder did not catch up within a minute');
}

const idle: IdleMemory[] = [];
// The machine's load average (1, 5, 15 min) as the run starts and ends: figures under load are read with it.
const loadAverage = () => os.loadavg().map((x) => round(x, 1));
const loadAtStart = loadAverage();
let pageWeight: PageWeight | null = null;
let sustained: { connections: number; seconds: number; rps: number; p50: number; p99: number; failures: number } | null = null;

async function benchSubmissions(url: string, db: Kysely<Database>, campaign: Awaited<ReturnType<typeof openBenchCampaign>>, pool: ReturnType<typeof answerPool>): Promise<SubmissionRow[]> {
  const server = await startServer('bench/bench-server.ts', { DATABASE_URL: url, SUBMIT_RATE_PER_MINUTE: '1000000000' }, PORT);
  const limitServer = await startServer('bench/limit-server.ts', { DATABASE_URL: url }, PORT + 1);
  try {
    log('warming up');
    await runLoad(server.url, campaign, pool, 'validated', 16, 2);
    await runLoad(server.url, campaign, pool, 'baseline', 16, 2);
    await runLoad(limitServer.url, campaign, pool, 'baseline', 16, 2);
    const rows: SubmissionRow[] = [];
    for (const connections of plan.connections) {
      const runs: Record<'validated' | 'baseline' | 'limit', LoadResult[]> = { validated: [], baseline: [], limit: [] };
      for (let r = 0; r < plan.rounds; r++) {
        // Interleaved, so that a slow moment of the machine hits both sides alike.
        for (const target of ['validated', 'baseline', 'limit'] as const) {
          if (target !== 'validated') await waitForFolder(db);
          const res = target === 'limit'
            ? await runLoad(limitServer.url, campaign, pool, 'baseline', connections, plan.seconds)
            : await runLoad(server.url, campaign, pool, target, connections, plan.seconds);
          runs[target].push(res);
          log(`${target} x${connections}: ${round(res.requestsPerSecond, 0)}/s p50 ${res.p50Ms} ms p99 ${res.p99Ms} ms${res.non2xx + res.errors ? ` (${res.non2xx} non-2xx, ${res.errors} errors)` : ''}`);
        }
      }
      const sum = (rs: LoadResult[]) => ({ rps: median(rs.map((x) => x.requestsPerSecond)), p50: median(rs.map((x) => x.p50Ms)), p99: median(rs.map((x) => x.p99Ms)) });
      const validated = sum(runs.validated);
      const baseline = sum(runs.baseline);
      const limit = sum(runs.limit);
      const failures = [...runs.validated, ...runs.baseline, ...runs.limit].reduce((n, x) => n + x.non2xx + x.errors, 0);
      rows.push({ connections, validated, limit, baseline, ratio: validated.rps / limit.rps, ratioToInApp: validated.rps / baseline.rps, failures });
    }
    // Rounds of 8 s may fall between two folds; a minute at 16 clients pays for every fold it causes.
    await waitForFolder(db);
    const res = await runLoad(server.url, campaign, pool, 'validated', 16, plan.sustainedSeconds);
    log(`validated x16 for ${plan.sustainedSeconds} s, folding as it goes: ${round(res.requestsPerSecond, 0)}/s p50 ${res.p50Ms} ms p99 ${res.p99Ms} ms`);
    sustained = { connections: 16, seconds: plan.sustainedSeconds, rps: res.requestsPerSecond, p50: res.p50Ms, p99: res.p99Ms, failures: res.non2xx + res.errors };
    return rows;
  } finally {
    await server.stop();
    await limitServer.stop();
  }
}

async function main() {
  const started = Date.now();
  log(`${quick ? 'quick' : 'full'} run; creating a throwaway database`);
  const bench = await createBenchDatabase(serverUrl!);
  const servers: ServerProcess[] = [];
  try {
    // A first start of the product migrates the database and publishes the editions.
    const first = await startServer('server/server.ts', { DATABASE_URL: bench.url }, PORT);
    await first.stop();
    const countries = (await loadReferenceLists('surveys')).get('countries')?.map((c) => c.value) ?? [];
    const campaign = await openBenchCampaign(bench.db, countries);

    // One copy as `npm start` runs it (compiled), idle, then a respondent's page as a browser gets it.
    if (spawnSync(process.execPath, ['tools/build-server.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the server did not compile');
    const compiled = await startServer(SERVER_JS, { DATABASE_URL: bench.url }, PORT);
    idle.push(await settle(compiled, 'postgres'));
    pageWeight = await measurePageWeight(`${compiled.url}/s/${campaign.links[0]!.token}`);
    log(`respondent page: first visit ${round(pageWeight.firstVisitKb, 0)} KB, repeat ${round(pageWeight.repeatVisitKb, 0)} KB (${pageWeight.assetsFetchedAgain} assets fetched again)`);
    await compiled.stop();
    idle.push(await measureEmbeddedIdle(PORT));
    for (const i of idle) log(`idle server (compiled, ${i.database}): RSS ${round(i.rssMb, 0)} MB, peak so far ${round(i.peakMb, 0)} MB`);
    const pool = answerPool(campaign.definition, 150);
    log(`${pool.length} valid answer sets of the 2022 edition in ${new Set(pool.map((p) => p.locale)).size} languages`);

    const submissions = await benchSubmissions(bench.url, bench.db, campaign, pool);

    await clearResponses(bench.db);
    const dashboard: DashboardResult[] = [];
    const views: ViewResult[] = [];
    const indexCosts: IndexCost[] = [];
    const folds: FoldResult[] = [];
    const exports: ExportResult[] = [];
    let stored = 0;
    const { email, password } = createAnalyst(bench.url);
    for (const size of plan.sizes) {
      log(`filling to ${size} responses`);
      await fillResponses(bench.db, campaign, pool, size - stored);
      stored = size;
      // First as results read before the tallies existed (every response), then from the tallies.
      dashboard.push(...(await measureDashboard(bench.db, campaign, size, plan.scanRounds(size), 'responses')));
      log(`dashboard at ${size}, reading the responses: ${dashboard.slice(-2).map((d) => `${d.filter} ${round(d.p50Ms, 0)} ms`).join(', ')}`);
      const fold = await measureFold(bench.db, size);
      folds.push(fold);
      log(`folded ${fold.folded} responses into the tallies in ${round(fold.seconds)} s (${round(fold.perSecond, 0)}/s)`);
      dashboard.push(...(await measureDashboard(bench.db, campaign, size, plan.dashboardRounds(size), 'tallies')));
      if (size >= 100_000) {
        // Every kind of results view under filters, through a response index as a server copy holds it.
        const r = await measureViews(bench.db, campaign, size, plan.dashboardRounds(size), (v) => size < 1_000_000 || v.startsWith('summary, language'));
        views.push(...r.views);
        indexCosts.push(r.cost);
        log(`views at ${size}: index loaded in ${round(r.cost.loadSeconds)} s, ${round(r.cost.arraysMb, 0)} MB of arrays; slowest median ${round(Math.max(...r.views.map((v) => v.p50Ms)), 0)} ms`);
      }
      log(`dashboard at ${size}, from the tallies: ${dashboard.slice(-2).map((d) => `${d.filter} ${round(d.p50Ms, 0)} ms`).join(', ')}`);
      if (plan.exportSizes.includes(size)) {
        // A fresh server process per size, so that its peak memory is the export's.
        const server = await startServer(SERVER_JS, { DATABASE_URL: bench.url }, PORT);
        servers.push(server);
        const cookie = await signIn(server.url, email, password);
        const res = await measureExport(server, cookie, campaign.editionId, size);
        exports.push(res);
        log(`export of ${size}: ${res.rows} rows in ${round(res.seconds)} s, peak RSS ${round(res.peakRssMb, 0)} MB`);
        await server.stop();
      }
    }

    const at = (n: number, f: DashboardResult['filter']) => dashboard.find((d) => d.responses === n && d.filter === f && d.source === 'tallies');
    const growth = (f: DashboardResult['filter']) => {
      const a = at(100_000, f);
      const b = at(1_000_000, f);
      return a && b ? b.p50Ms / a.p50Ms : null;
    };
    const report = {
      when: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      machine: { cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
      loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
      plan,
      submissions,
      sustained,
      dashboard,
      folds,
      dashboardGrowth100kTo1M: { none: growth('none'), country: growth('country=FR') },
      views,
      indexCosts,
      exports,
      idle,
      pageWeight,
      minutes: round((Date.now() - started) / 60_000),
    };
    printReport(report);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/bench-${report.when.replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`written ${file}`);
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await bench.drop();
  }
}

function printReport(r: {
  submissions: SubmissionRow[]; dashboard: DashboardResult[]; folds: FoldResult[]; exports: ExportResult[];
  dashboardGrowth100kTo1M: { none: number | null; country: number | null }; minutes: number; machine: { cores: number };
  loadAverage: { atStart: number[]; atEnd: number[] };
  views: ViewResult[]; indexCosts: IndexCost[];
}) {
  console.log(`\nSubmissions (2022 edition, varied valid answers; medians of ${plan.rounds} x ${plan.seconds} s; ${r.machine.cores} cores)`);
  console.log('| clients | validated /s | p50 ms | p99 ms | limit (bare server) /s | p50 ms | p99 ms | ours / limit | failed |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.submissions) {
    console.log(`| ${s.connections} | ${round(s.validated.rps, 0)} | ${s.validated.p50} | ${s.validated.p99} | ${round(s.limit.rps, 0)} | ${s.limit.p50} | ${s.limit.p99} | ${round(s.ratio * 100, 0)} % | ${s.failures} |`);
  }
  console.log('earlier baseline, a bare insert inside the product app into its response table:');
  for (const s of r.submissions) console.log(`  x${s.connections}: ${round(s.baseline.rps, 0)}/s, p50 ${s.baseline.p50} ms, p99 ${s.baseline.p99} ms (ours / it: ${round(s.ratioToInApp * 100, 0)} %)`);
  if (sustained) {
    const at16 = r.submissions.find((s) => s.connections === 16);
    console.log(`sustained, ${sustained.connections} clients for ${sustained.seconds} s with the tally folder working: ${round(sustained.rps, 0)}/s, p50 ${sustained.p50} ms, p99 ${sustained.p99} ms${at16 ? ` (${round((sustained.rps / at16.limit.rps) * 100, 0)} % of the limit at 16)` : ''}, ${sustained.failures} failed`);
  }
  console.log(`\nDashboard summary (every question of the edition, suppressed; from the tallies: medians of ${plan.dashboardRounds(10_000)} rounds; reading every response: ${plan.scanRounds(10_000)}, ${plan.scanRounds(1_000_000)} at 1M)`);
  console.log('| stored responses | filter | reading every response, ms | from the tallies, ms | tallies / responses | payload KB |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const d of r.dashboard.filter((x) => x.source === 'tallies')) {
    const scan = r.dashboard.find((x) => x.source === 'responses' && x.responses === d.responses && x.filter === d.filter);
    console.log(`| ${d.responses} | ${d.filter} | ${scan ? round(scan.p50Ms, 0) : '-'} | ${round(d.p50Ms, 0)} | ${scan ? `${round((d.p50Ms / scan.p50Ms) * 100, 1)} %` : '-'} | ${round(d.payloadKb)} |`);
  }
  const g = r.dashboardGrowth100kTo1M;
  if (g.none !== null) console.log(`time growth 100k -> 1M (10x the rows), from the tallies: unfiltered x${round(g.none)}, one country x${round(g.country ?? NaN)}`);
  printViews(r.views, r.indexCosts);
  console.log('\nFolding responses into the tallies (what arrived since the last size)');
  console.log('| stored responses | folded | seconds | responses/s |');
  console.log('|---:|---:|---:|---:|');
  for (const f of r.folds) console.log(`| ${f.responses} | ${f.folded} | ${round(f.seconds)} | ${round(f.perSecond, 0)} |`);
  console.log('\nCSV export of anonymised responses');
  console.log('| responses | rows | seconds | rows/s | MB | server RSS before | peak RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of r.exports) console.log(`| ${e.responses} | ${e.rows} | ${round(e.seconds)} | ${round(e.rowsPerSecond, 0)} | ${round(e.megabytes)} | ${round(e.rssBeforeMb, 0)} MB | ${round(e.peakRssMb, 0)} MB |`);
  console.log('\nIdle server copy, compiled (as `npm start` runs it), ten seconds after start');
  for (const i of idle) console.log(`  ${i.database === 'postgres' ? 'on PostgreSQL' : 'on the embedded database'}: RSS ${round(i.rssMb, 0)} MB (peak while starting ${round(i.peakMb, 0)} MB)${i.database === 'postgres' ? ', target under 160 MB' : ''}`);
  for (const e of r.exports) console.log(`CSV export of ${e.responses} responses: server peak RSS ${round(e.peakRssMb, 0)} MB${e.responses >= 1_000_000 ? ', target under 250 MB' : ''}`);
  if (pageWeight) console.log(`Respondent page, br: first visit ${round(pageWeight.firstVisitKb, 0)} KB (target 600), repeat visit ${round(pageWeight.repeatVisitKb, 0)} KB (target 90), ${pageWeight.assetsFetchedAgain} assets fetched again`);
  console.log(`\n${r.minutes} minutes; load average (1, 5, 15 min) ${r.loadAverage.atStart.join(' ')} at the start, ${r.loadAverage.atEnd.join(' ')} at the end`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
