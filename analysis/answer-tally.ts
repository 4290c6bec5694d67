/**
 * The running tallies: complete responses folded, a batch at a time, into counters per answer
 * (answer_tally), at five grains: the whole campaign; per link country, per answered country, per
 * authority type; and per all three together. Results read the coarsest grain their filters allow
 * plus the responses not folded yet (answer-entries.ts), so they are exact at every moment.
 *
 * The free texts of folded responses are copied to answer_text, by question, for samples; they are
 * deleted with their response.
 *
 * One fold at a time across every server copy (a transaction-level advisory lock); deleting a
 * folded response takes the same lock and subtracts its entries in the same transaction, so a
 * counter never holds a response that is gone.
 */
import { sql, type Transaction } from 'kysely';
import { entriesOfAnswer } from './answer-entries.ts';
import type { AnyDb } from './answer-queries.ts';
import { answerPairs, derivedKeys } from './nested-sources.ts';
import { questionCatalogue } from './question-catalogue.ts';
import { kindModule } from './question-kinds/registry.ts';

/** The lock every change of answer_tally takes (an arbitrary constant of this application). */
const TALLY_LOCK = 7_301_977;

/** What the fold needs of an edition's questions. */
export interface TallyKeys {
  /** Keys whose values are counted (choice, rating, number, ranking, matrix); others only as answered. */
  counted: string[];
  /** Keys of free texts (text and comment questions, "other" texts), kept for samples. */
  texts: string[];
  /** Derived keys of answers inside answers (nested-sources.ts), counted or texts as above. */
  derived: string[];
}

export function tallyKeys(definition: Record<string, unknown>): TallyKeys {
  const catalogue = questionCatalogue(definition);
  return {
    counted: catalogue.filter((q) => kindModule(q.kind).tally === 'values').map((q) => q.key),
    texts: [...catalogue.filter((q) => kindModule(q.kind).tally === 'texts').map((q) => q.key), ...catalogue.flatMap((q) => (q.commentKey ? [q.commentKey] : []))],
    derived: derivedKeys(catalogue.map((q) => q.key)),
  };
}

const ENTRY = sql`key, kind, value, sub, pos`;
/**
 * The text columns compared byte by byte: equality is the same as under the database's collation,
 * and the sort that groups a batch's entries skips the locale rules (a tenth of a fold's time).
 */
const BYTEWISE = sql.join(['link_country', 'country', 'authority_type', 'key', 'kind', 'value', 'sub'].map((c) => sql`${sql.ref(c)} collate "C" as ${sql.ref(c)}`));

/** Entries of the responses of `source` (a CTE with the response columns), grouped at every grain. */
function groupedEntries(source: string, keys: TallyKeys) {
  const from = sql.table(source);
  const entries = entriesOfAnswer(sql`a.key = any(${[...keys.counted]}::text[])`);
  return sql`entries as (
      select b.edition_id, b.campaign_id, b.link_country, b.country, b.authority_type, a.key, x.kind, x.value, x.sub, x.pos
      from ${from} b cross join lateral ${answerPairs(sql`b.answers`, keys.derived)} a ${entries.joins}
      where ${entries.condition}
      union all
      select b.edition_id, b.campaign_id, b.link_country, b.country, b.authority_type, '', 'r', '', '', 0 from ${from} b
    ), fine as (
      -- Counted once at the finest grain; the coarser grains add up these few rows, not every entry.
      select edition_id, campaign_id, ${BYTEWISE}, pos, count(*)::int as n
      from entries
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ), grouped as (
      select edition_id, campaign_id, grouping(link_country, country, authority_type)::smallint as grain,
             link_country, country, authority_type, ${ENTRY}, sum(n)::int as n
      from fine
      group by edition_id, campaign_id, ${ENTRY}, grouping sets ((), (link_country), (country), (authority_type), (link_country, country, authority_type))
    )`;
}

/**
 * Folds up to `limit` complete responses of an edition not tallied yet; returns how many, or 0
 * when another fold holds the lock (it will take them).
 */
export async function foldResponses(db: AnyDb, editionId: string, keys: TallyKeys, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows: locked } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${TALLY_LOCK}) as ok`.execute(trx);
    if (!locked[0]?.ok) return 0;
    // Room to sort a batch's entries (some 500,000 rows per 10,000 responses) in memory, not on disk.
    await sql`set local work_mem = '256MB'`.execute(trx);
    // Taken under the lock: committed events form a prefix of the sequence (response-index.ts).
    const { rows: event } = await sql<{ seq: string }>`insert into tally_event (kind) values ('fold') returning seq::text as seq`.execute(trx);
    const seq = event[0]!.seq;
    if (Number(seq) % PRUNE_EVERY === 0) await pruneTallyEvents(trx, EVENTS_KEPT);
    const { rows } = await sql<{ n: number }>`
      with batch as materialized (
        select r.id, r.edition_id, r.campaign_id, r.link_country, r.country, r.authority_type, r.answers
        from response r
        where r.edition_id = ${editionId}::uuid and r.status = 'complete' and not r.tallied
        limit ${limit}::int
        for update skip locked
      ), marked as (
        -- A rewritten row has a new transaction id: shuffled again after its day (response-shuffle).
        update response r set tallied = true, shuffled = false, fold_seq = ${seq}::bigint from batch b where r.id = b.id
      ), texts as (
        insert into answer_text (response_id, edition_id, campaign_id, link_country, country, authority_type, key, text)
        select b.id, b.edition_id, b.campaign_id, b.link_country, b.country, b.authority_type, a.key, a.value #>> '{}'
        from batch b cross join lateral ${answerPairs(sql`b.answers`, keys.derived)} a
        where a.key = any(${keys.texts}::text[]) and jsonb_typeof(a.value) = 'string' and a.value <> '""'::jsonb
      ), ${groupedEntries('batch', keys)}, stored as (
        insert into answer_tally (edition_id, campaign_id, grain, link_country, country, authority_type, key, kind, value, sub, pos, n)
        select edition_id, campaign_id, grain, link_country, country, authority_type, ${ENTRY}, n from grouped
        on conflict (edition_id, grain, campaign_id, link_country, country, authority_type, key, kind, value, sub, pos)
        do update set n = answer_tally.n + excluded.n
      )
      select count(*)::int as n from batch`.execute(trx);
    return Number(rows[0]?.n ?? 0);
  });
}

/**
 * Fresh planner statistics after many responses changed from waiting to folded: with the old ones
 * PostgreSQL would still expect every response to be read and plan a full scan.
 */
export async function refreshStatistics(db: AnyDb): Promise<void> {
  await sql`analyze response`.execute(db);
  await sql`analyze answer_tally`.execute(db);
}

/** Editions with complete responses waiting to be folded. */
export async function editionsToFold(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ edition_id: string }>`select distinct edition_id from response where status = 'complete' and not tallied`.execute(db);
  return rows.map((r) => r.edition_id);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTransaction = Transaction<any>;

/**
 * Within a transaction that is about to delete the response `responseId`: waits for any fold, then
 * takes the response's entries out of the tallies if they hold it.
 */
export async function untallyResponse(trx: AnyTransaction, responseId: string, keys: TallyKeys): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TALLY_LOCK})`.execute(trx);
  const { rows } = await sql<{ row: string; n: number }>`
    with gone as materialized (
      select r.id, r.edition_id, r.campaign_id, r.link_country, r.country, r.authority_type, r.answers
      from response r where r.id = ${responseId}::uuid and r.tallied
      for update
    ), ${groupedEntries('gone', keys)}
    update answer_tally t set n = t.n - g.n
    from grouped g
    where t.edition_id = g.edition_id and t.grain = g.grain and t.campaign_id = g.campaign_id
      and t.link_country is not distinct from g.link_country and t.country is not distinct from g.country
      and t.authority_type is not distinct from g.authority_type
      and t.key = g.key and t.kind = g.kind and t.value = g.value and t.sub = g.sub and t.pos = g.pos
    returning t.ctid::text as row, t.n`.execute(trx);
  await sql`insert into tally_event (kind, response_id) values ('remove', ${responseId}::uuid)`.execute(trx);
  // A counter down to zero goes, so that a tally reads exactly as a fresh count would.
  const empty = rows.filter((r) => Number(r.n) <= 0).map((r) => r.row);
  if (empty.length > 0) await sql`delete from answer_tally where ctid = any(${empty}::tid[])`.execute(trx);
}

/**
 * The log of folds, deletions and purges (tally_event) keeps its last EVENTS_KEPT events (a day and
 * more of folds every ten seconds); each server copy reads it every few seconds, so only a copy
 * stalled for that long is further behind, and it loads its index again from a snapshot.
 */
export const EVENTS_KEPT = 10_000;
/** Pruned when a fold's number is a multiple of this: one short statement now and then. */
const PRUNE_EVERY = 1_000;

/**
 * Within a transaction: drops the events of the log but the last `keep`, and writes a 'prune' event
 * saying up to which number they went (a copy behind that reloads). Under the tally lock, which it
 * takes if the transaction does not hold it yet (a fold does), so that events stay a prefix.
 */
export async function pruneTallyEvents(trx: AnyTransaction, keep: number): Promise<void> {
  await lockTallies(trx);
  await sql`with gone as (
      delete from tally_event where seq <= (select max(seq) from tally_event) - ${keep}::bigint returning seq
    )
    insert into tally_event (kind, upto) select 'prune', max(seq) from gone having max(seq) is not null`.execute(trx);
}

/** Within a transaction that rewrites responses or tallies (the shuffle): waits for any fold or untally. */
export async function lockTallies(trx: AnyTransaction): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TALLY_LOCK})`.execute(trx);
}

/** Within a transaction that deletes every response of a campaign: its tallies go too. */
export async function untallyCampaign(trx: AnyTransaction, campaignId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TALLY_LOCK})`.execute(trx);
  await sql`delete from answer_tally where campaign_id = ${campaignId}::uuid`.execute(trx);
  await sql`insert into tally_event (kind, campaign_id) values ('purge', ${campaignId}::uuid)`.execute(trx);
}
