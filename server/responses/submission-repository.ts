/**
 * A complete submission without a saved partial (the common case) in ONE statement: the response
 * with its wave, its idempotency key and the link's completion counter, written by data-modifying
 * CTEs that commit together. One round trip instead of seven (BEGIN, wave, insert, key, counter, COMMIT), which is most of
 * a submission's cost under load. A key already used fails the whole statement with 23505 and
 * nothing is written, exactly as the transaction did.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { executePrepared } from '../db/prepared-statements.ts';
import type { Database } from '../db/schema.ts';
import { FUNNEL_SHARDS } from '../funnel/funnel-repository.ts';
import { waveForSubmissionTodayQuery } from '../waves/wave-repository.ts';
import type { ResponseFields } from './response-repository.ts';

export interface CompleteSubmission extends Omit<ResponseFields, 'lastPage'> {
  deletionCodeHash: string;
  keyHash: string;
  bodyHash: string;
  /** The deletion code sealed under the idempotency key (deletion-code.ts). */
  sealedCode: string;
}

/**
 * Stores the response attributed to today's wave (wave-repository's rule), its key and the counter
 * bump (as funnel-repository's bumpFunnel); returns the response id. Only while the link is enabled,
 * its campaign open (campaign-window.ts's rule, on the database's clock) and still on this edition:
 * checked in the same statement, so that a link context remembered by this server copy can never
 * store an answer another copy has refused. Returns null when the link refused it.
 */
export async function insertCompleteSubmission(db: Kysely<Database>, s: CompleteSubmission): Promise<string | null> {
  const id = randomUUID();
  const statement = sql<{ id: string }>`
    with link_open as (
      select 1 from link l join campaign c on c.id = l.campaign_id
      where l.id = ${s.linkId}::uuid and l.disabled_at is null and c.id = ${s.campaignId}::uuid and c.edition_id = ${s.editionId}::uuid
        and now() >= c.opens_at and now() < greatest(c.closes_at, coalesce(c.extended_until, c.closes_at))
    ), response_row as (
      insert into response (id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status,
                            answers, last_page, started_on, submitted_on, resume_token_hash, deletion_code_hash, wave_id)
      select ${id}::uuid, ${s.editionId}::uuid, ${s.campaignId}::uuid, ${s.linkId}::uuid, ${s.linkCountry}::text, ${s.country}::text, ${s.authorityType}::text, ${s.language}::text, 'complete',
             ${JSON.stringify(s.answers)}::jsonb, 0, current_date, current_date, null, ${s.deletionCodeHash}::text,
             (${waveForSubmissionTodayQuery(s.campaignId, s.linkCountry)})
      where exists (select 1 from link_open)
      returning id
    ), key_row as (
      insert into submission_key (key_hash, body_hash, sealed_code, response_id)
      select ${s.keyHash}, ${s.bodyHash}, ${s.sealedCode}, id from response_row
      returning response_id
    ), counted as (
      insert into link_funnel_day (link_id, day, shard, visits, starts, completions)
      select ${s.linkId}, current_date, ${randomInt(FUNNEL_SHARDS)}, 0, 1, 1 from key_row
      on conflict (link_id, day, shard) do update
        set starts = link_funnel_day.starts + excluded.starts, completions = link_funnel_day.completions + excluded.completions
    )
    select response_id as id from key_row`;
  const result = await executePrepared(db, 'insert-complete-submission', statement.compile(db));
  return result.rows[0]?.id ?? null;
}
