/**
 * A complete submission without a saved partial (the common case) in ONE statement: the response
 * with its wave, its idempotency key and the link's completion counter, written by data-modifying
 * CTEs that commit together. One round trip instead of seven (BEGIN, wave, insert, key, counter, COMMIT), which is most of
 * a submission's cost under load. A key already used fails the whole statement with 23505 and
 * nothing is written, exactly as the transaction did.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { FUNNEL_SHARDS } from '../funnel/funnel-repository.ts';
import { waveForSubmissionTodayQuery } from '../waves/wave-repository.ts';
import type { ResponseFields } from './response-repository.ts';

export interface CompleteSubmission extends Omit<ResponseFields, 'lastPage'> {
  deletionCodeHash: string;
  keyHash: string;
  bodyHash: string;
}

/**
 * Stores the response attributed to today's wave (wave-repository's rule), its key and the counter
 * bump (as funnel-repository's bumpFunnel); returns the response id.
 */
export async function insertCompleteSubmission(db: Kysely<Database>, s: CompleteSubmission): Promise<string> {
  const id = randomUUID();
  const result = await sql<{ id: string }>`
    with response_row as (
      insert into response (id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status,
                            answers, last_page, started_on, submitted_on, resume_token_hash, deletion_code_hash, wave_id)
      values (${id}, ${s.editionId}, ${s.campaignId}, ${s.linkId}, ${s.linkCountry}, ${s.country}, ${s.authorityType}, ${s.language}, 'complete',
              ${JSON.stringify(s.answers)}::jsonb, 0, current_date, current_date, null, ${s.deletionCodeHash},
              (${waveForSubmissionTodayQuery(s.campaignId, s.linkCountry)}))
      returning id
    ), key_row as (
      insert into submission_key (key_hash, body_hash, response_id)
      select ${s.keyHash}, ${s.bodyHash}, id from response_row
      returning response_id
    ), counted as (
      insert into link_funnel_day (link_id, day, shard, visits, starts, completions)
      select ${s.linkId}, current_date, ${randomInt(FUNNEL_SHARDS)}, 0, 1, 1 from key_row
      on conflict (link_id, day, shard) do update
        set starts = link_funnel_day.starts + excluded.starts, completions = link_funnel_day.completions + excluded.completions
    )
    select response_id as id from key_row`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('the submission statement stored nothing');
  return row.id;
}
