/**
 * The benchmark's data: a throwaway database on the PostgreSQL server of DATABASE_URL, a 2022
 * campaign with links in several countries and languages, a pool of realistic valid answer sets,
 * and bulk-generated stored responses (insert ... select over generate_series, cycling the pool).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createCampaign } from '../server/campaigns/campaign-service.ts';
import { openDatabase } from '../server/db/database.ts';
import type { Database } from '../server/db/schema.ts';
import { createLink } from '../server/links/link-service.ts';
import { AnswerValidator } from '../server/surveys/answer-validator.ts';
import { findLatestVersion } from '../server/surveys/edition-repository.ts';
import { generateAnswers } from '../test/support/answer-generator.ts';

export interface BenchDatabase {
  url: string;
  db: Kysely<Database>;
  drop: () => Promise<void>;
}

export async function createBenchDatabase(serverUrl: string, kept?: string): Promise<BenchDatabase> {
  const name = kept ?? `jpp_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The product's own connection settings, so that what is measured is what the server runs.
  const handle = await openDatabase({ url: url.toString(), dataDir: '', poolSize: 4 });
  const db = handle.db;
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await handle.close();
      if (kept) return;
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface BenchCampaign {
  editionId: string;
  campaignId: string;
  definition: Record<string, unknown>;
  /** Link tokens with their country and language. */
  links: { token: string; id: string; country: string; language: string }[];
}

const LINKS = [['FR', 'fr'], ['ES', 'en'], ['PT', 'en'], ['SK', 'en'], ['LT', 'en'], ['RO', 'en'], ['BG', 'en'], ['EE', 'en']] as const;

/** Opens a 2022 campaign (the server has published the editions) with one link per country. */
export async function openBenchCampaign(db: Kysely<Database>, countryCodes: string[]): Promise<BenchCampaign> {
  const edition = await findLatestVersion(db, 'jpp-experience', '2022');
  if (!edition) throw new Error('the 2022 edition is not published');
  const DAY = 86_400_000;
  const campaign = await createCampaign(db, {
    surveyId: 'jpp-experience', edition: '2022', name: 'Benchmark', opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 30 * DAY),
  });
  const links = [];
  for (const [country, language] of LINKS) {
    const l = await createLink(db, countryCodes, { campaignId: campaign.id, country, channel: 'ipnc_email', language });
    links.push({ token: l.token, id: l.id, country, language });
  }
  return { editionId: edition.id, campaignId: campaign.id, definition: edition.definition, links };
}

export interface PooledAnswers {
  answers: Record<string, unknown>;
  locale: string;
}

/**
 * Valid answer sets of the definition, varied (branches, choices, skipped optional questions) and
 * in both of its languages; sets the server would refuse are left out so that every request is a 201.
 */
export function answerPool(definition: Record<string, unknown>, size: number): PooledAnswers[] {
  const validator = new AnswerValidator(definition);
  const locales = validator.offeredLocales;
  const pool: PooledAnswers[] = [];
  for (let seed = 1; pool.length < size && seed < size * 4; seed++) {
    const answers = generateAnswers(definition, seed, { skip: (seed % 4) * 0.1 });
    const locale = locales[seed % locales.length] ?? 'en';
    if (Object.keys(validator.check(answers, locale, 'complete').errors).length === 0) pool.push({ answers, locale });
  }
  return pool;
}

/** Empties the responses (and their keys and counters) between parts of the benchmark. */
export async function clearResponses(db: Kysely<Database>): Promise<void> {
  await sql`truncate response cascade`.execute(db);
}

/**
 * Adds `count` complete responses, cycling through the pool and the links (most answering for their
 * link's country, as through real national links), in one statement per
 * 100k rows; then ANALYZE so that the planner knows the new size.
 */
export async function fillResponses(db: Kysely<Database>, c: BenchCampaign, pool: PooledAnswers[], count: number): Promise<void> {
  await sql`create unlogged table if not exists bench_pool (i int primary key, answers jsonb, country text, authority_type text, language text)`.execute(db);
  const existing = await sql<{ n: number }>`select count(*)::int as n from bench_pool`.execute(db);
  if (existing.rows[0]?.n !== pool.length) {
    await sql`truncate bench_pool`.execute(db);
    for (let i = 0; i < pool.length; i += 200) {
      const rows = pool.slice(i, i + 200).map((p, j) => sql`(${i + j}, ${JSON.stringify(p.answers)}::jsonb, ${String(p.answers.country)}, ${String(p.answers.authority_type)}, ${p.locale})`);
      await sql`insert into bench_pool values ${sql.join(rows)}`.execute(db);
    }
  }
  const linkIds = c.links.map((l) => l.id);
  const linkCountries = c.links.map((l) => l.country);
  for (let done = 0; done < count; done += 100_000) {
    const n = Math.min(100_000, count - done);
    await sql`
      insert into response (id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status, answers, last_page, started_on, submitted_on)
      select gen_random_uuid(), ${c.editionId}::uuid, ${c.campaignId}::uuid,
             (${linkIds}::uuid[])[1 + g % ${linkIds.length}], (${linkCountries}::text[])[1 + g % ${linkIds.length}],
             a.country, p.authority_type, p.language, 'complete', jsonb_set(p.answers, '{country}', to_jsonb(a.country)), 0,
             current_date - (g % 40), current_date - (g % 40)
      from generate_series(1, ${n}) g
      join bench_pool p on p.i = g % ${pool.length}
      -- As through real national links: most answer for the link's country, one in fourteen for another.
      cross join lateral (select case when g % 14 = 0 then p.country else (${linkCountries}::text[])[1 + g % ${linkIds.length}] end as country) a`.execute(db);
  }
  await sql`analyze response`.execute(db);
}
