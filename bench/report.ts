/**
 * `npx tsx bench/report.ts [10000 100000]`: how long the Word report of the 2022 edition takes, and
 * the process's peak memory, at each number of stored responses, against the PostgreSQL server of
 * DATABASE_URL (a throwaway database, dropped at the end). The report is built as reports:create
 * builds it: every figure from the database, every chart drawn, the .docx written.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resultFilters } from '../analysis/filters.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { createReport } from '../server/reports/report-service.ts';
import { findEditionById } from '../server/surveys/edition-repository.ts';
import { syncEditionFiles } from '../server/surveys/edition-sync.ts';
import { loadReferenceLists } from '../server/surveys/reference-lists.ts';
import { answerPool, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('bench/report.ts needs DATABASE_URL, a PostgreSQL server where it may create and drop a throwaway database');
  process.exit(2);
}
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const plan = sizes.length > 0 ? sizes : [10_000, 100_000];

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

const bench = await createBenchDatabase(serverUrl);
try {
  await migrateToLatest(bench.db);
  await syncEditionFiles(bench.db, './surveys');
  const lists = await loadReferenceLists('./surveys');
  const countryNames = new Map((lists.get('countries') ?? []).map((i) => [i.value, i.text.default ?? i.value]));
  const campaign = await openBenchCampaign(bench.db, [...countryNames.keys()]);
  const edition = await findEditionById(bench.db, campaign.editionId);
  if (!edition) throw new Error('no 2022 edition');
  const pool = answerPool(campaign.definition, 150);
  let stored = 0;
  for (const size of plan) {
    await fillResponses(bench.db, campaign, pool, size - stored);
    stored = size;
    // A running server folds new responses into the tallies within seconds: report on that state.
    await foldPending(bench.db);
    // The process already holds what filling the database took: the report's own share is the rise.
    const before = process.memoryUsage().rss;
    peak = before;
    const cpu = process.cpuUsage();
    const started = performance.now();
    // How long each step took: the time from its first progress call to the next step's.
    const steps: string[] = [];
    let current = '';
    let since = started;
    const onProgress = (label: string) => {
      const step = label.replace(/ \(.*\)$/, '');
      if (step === current) return;
      const now = performance.now();
      if (current) steps.push(`${current} ${((now - since) / 1000).toFixed(1)} s`);
      current = step;
      since = now;
    };
    const file = await createReport(
      { db: bench.db, k: 5, countryNames, onProgress },
      { edition, filters: resultFilters({ editionId: edition.id }), country: null, viewerMaySeeTexts: true, language: 'en' },
    );
    const seconds = (performance.now() - started) / 1000;
    // CPU time of this process (charts, document); the database's own work is in the other process.
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    writeFileSync(`/tmp/report-bench-${size}.docx`, file.body);
    console.log(`${size} responses: report in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU in this process; load average ${os.loadavg()[0]?.toFixed(1)}), ${Math.round(file.body.length / 1024)} KiB, peak RSS ${Math.round(peak / 1048576)} MB (${Math.round(before / 1048576)} MB before the report)`);
    console.log(`  ${steps.join(' · ')}`);
  }
} finally {
  clearInterval(sample);
  await bench.drop();
}
