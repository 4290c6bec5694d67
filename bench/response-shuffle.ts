/**
 * What the nightly shuffle (server/responses/response-shuffler.ts) costs: N complete responses of
 * past days, folded into the tallies first as the server would, then shuffled; prints the seconds.
 * On PostgreSQL with DATABASE_URL (a throwaway database), else on an embedded database in memory.
 *   npx tsx bench/response-shuffle.ts 10000 [100000 ...]
 */
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { shuffleResponses } from '../server/responses/response-shuffler.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import { answerPool, clearResponses, createBenchDatabase, fillResponses, openBenchCampaign } from './bench-data.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const serverUrl = process.env.DATABASE_URL;
const bench = serverUrl ? await createBenchDatabase(serverUrl) : undefined;
const app = await buildApp(
  parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: 'false', DATA_DIR: ':memory:', DATABASE_URL: bench?.url, TALLY_INTERVAL_MS: '0', SHUFFLE_INTERVAL_MINUTES: '0' }),
  { logger: false },
);
try {
  const campaign = await openBenchCampaign(app.db, app.reference.countryCodes);
  const pool = answerPool(campaign.definition, 200);
  for (const n of sizes.length ? sizes : [10_000]) {
    await clearResponses(app.db);
    await fillResponses(app.db, campaign, pool, n);
    await foldPending(app.db);
    const { rows } = await sql<{ texts: number; tallies: number }>`
      select (select count(*) from answer_text)::int as texts, (select count(*) from answer_tally)::int as tallies`.execute(app.db);
    const t0 = performance.now();
    const shuffled = await shuffleResponses(app.db);
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ database: serverUrl ? 'postgres' : 'pglite', responses: n, shuffled, texts: rows[0]?.texts, tallies: rows[0]?.tallies, seconds: Number(seconds.toFixed(2)) }));
  }
} finally {
  await app.close();
  await bench?.drop();
}
