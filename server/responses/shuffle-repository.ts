/**
 * Rewrites the rows of past days at random places, so that neither a row's physical place (ctid,
 * the order of a dump) nor its transaction id (xmin) follows the order in which respondents
 * answered: both would date a response to the minute, though no column stores a time.
 *
 * One transaction per batch: the responses of past days not shuffled yet, their idempotency keys
 * and folded free texts, the tally counters of their campaigns and the funnel counters of their
 * days are each moved to a scratch table, deleted and inserted back in random order. Everything is
 * kept as it was (ids, tallied, keys, counts), only where and by which transaction it was written
 * changes. The tally lock keeps folds and deletions by code out meanwhile.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { lockTallies } from '../../analysis/answer-tally.ts';
import type { Database } from '../db/schema.ts';

type Trx = Transaction<Database>;

/** Moves the rows of `table` that `where` selects into a scratch table (one statement: the rows deleted are the rows kept). */
async function moveOut(trx: Trx, table: string, where: RawBuilder<unknown>): Promise<void> {
  await sql`create temp table ${sql.table(`shuffle_${table}`)} (like ${sql.table(table)}) on commit drop`.execute(trx);
  await sql`with gone as (delete from ${sql.table(table)} t where ${where} returning t.*) insert into ${sql.table(`shuffle_${table}`)} select * from gone`.execute(trx);
}

/** Puts the moved rows back, in random order. */
async function putBack(trx: Trx, table: string): Promise<void> {
  await sql`insert into ${sql.table(table)} select * from ${sql.table(`shuffle_${table}`)} order by random()`.execute(trx);
}

/** The tables that point at a response, each moved out and back with it. */
const POINTING_AT_RESPONSE = ['submission_key', 'answer_text'];

/**
 * A table added later that points at responses would lose its rows to the cascade when a response
 * is moved out: the shuffle refuses to run until it is taught that table.
 */
async function checkPointingTables(trx: Trx): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select conrelid::regclass::text as name from pg_constraint where contype = 'f' and confrelid = 'response'::regclass`.execute(trx);
  const unknown = rows.map((r) => r.name).filter((n) => !POINTING_AT_RESPONSE.includes(n));
  if (unknown.length > 0) throw new Error(`the response shuffle does not know ${unknown.join(', ')}, which points at responses (shuffle-repository.ts)`);
}

/**
 * Shuffles up to `limit` responses of days before `before` (today by default: a day is shuffled
 * once it is over, so no batch is narrower than a day); returns how many.
 */
export async function shufflePastResponses(db: Kysely<Database>, limit: number, before?: string): Promise<number> {
  const cutoff = before === undefined ? sql`current_date` : sql`${before}::date`;
  return db.transaction().execute(async (trx) => {
    await lockTallies(trx);
    await checkPointingTables(trx);
    await sql`create temp table shuffle_ids (id uuid primary key, campaign_id uuid, day date) on commit drop`.execute(trx);
    // Locked until the commit: a save to a partial among them waits, then finds it again (response-service).
    const { rows } = await sql<{ n: number }>`
      with picked as (
        insert into shuffle_ids
        select id, campaign_id, coalesce(submitted_on, started_on) from response
        where not shuffled and coalesce(submitted_on, started_on) < ${cutoff}
        -- Ids are random (UUID v4): batches taken in their order are random subsets.
        order by id
        limit ${limit}::int
        for update
        returning 1
      ) select count(*)::int as n from picked`.execute(trx);
    const n = Number(rows[0]?.n ?? 0);
    if (n === 0) return 0;
    // The rows that point at a response go out first and come back last, so that deleting the
    // response cascades to nothing.
    for (const table of POINTING_AT_RESPONSE) await moveOut(trx, table, sql`t.response_id in (select id from shuffle_ids)`);
    await moveOut(trx, 'response', sql`t.id in (select id from shuffle_ids)`);
    // The fold number would date a response to its fold batch: it goes, and the response indexes
    // (analysis/response-index.ts) learn up to which number they must have caught up.
    await sql`insert into tally_event (kind, upto) select 'shuffle', max(fold_seq) from shuffle_response having max(fold_seq) is not null`.execute(trx);
    await sql`update shuffle_response set shuffled = true, fold_seq = null`.execute(trx);
    for (const table of ['response', ...POINTING_AT_RESPONSE]) await putBack(trx, table);
    // A counter's place and transaction id would tell when its first or latest answer was folded.
    await moveOut(trx, 'answer_tally', sql`t.campaign_id in (select distinct campaign_id from shuffle_ids)`);
    await putBack(trx, 'answer_tally');
    await moveOut(trx, 'link_funnel_day', sql`t.day < ${cutoff} and t.day >= (select min(day) from shuffle_ids)`);
    await putBack(trx, 'link_funnel_day');
    return n;
  });
}

/**
 * Frees the old versions of the rewritten rows, so that their space is reused. Their bytes may
 * stay in the data files until overwritten; only VACUUM FULL rewrites the files.
 */
export async function vacuumShuffledTables(db: Kysely<Database>): Promise<void> {
  await sql`vacuum response, submission_key, answer_text, answer_tally, link_funnel_day`.execute(db);
}
