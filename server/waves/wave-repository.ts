/**
 * SQL for waves and for attributing responses to them. The rule, in one place (ATTRIBUTION_ORDER):
 * the latest wave of the link's country or of every country on or before the submission day;
 * on the same day a wave of the country wins over an all-countries wave, then the later recorded.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Wave, WaveKind } from '../db/tables/campaigns.ts';

type Db = Kysely<Database> | Transaction<Database>;

const ATTRIBUTION_ORDER = sql`w.wave_on desc, (w.country is not null) desc, w.created_at desc, w.id desc`;

export interface NewWave {
  campaignId: string;
  country: string | null;
  kind: WaveKind;
  waveOn: string;
  channel: string | null;
  note: string;
  createdBy: string | null;
}

export async function insertWave(db: Db, w: NewWave): Promise<Wave> {
  return db
    .insertInto('wave')
    .values({
      id: randomUUID(), campaign_id: w.campaignId, country: w.country, kind: w.kind, wave_on: w.waveOn,
      channel: w.channel, note: w.note, created_by: w.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findWave(db: Db, id: string): Promise<Wave | undefined> {
  return db.selectFrom('wave').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Waves of a campaign that apply to a country (its own and the all-countries ones), or every wave when country is null. */
export async function listWaves(db: Db, campaignId: string, country: string | null) {
  let q = db
    .selectFrom('wave')
    .leftJoin('staff_user', 'staff_user.id', 'wave.created_by')
    .select(['wave.id', 'wave.campaign_id', 'wave.country', 'wave.kind', 'wave.wave_on', 'wave.channel', 'wave.note',
      'wave.created_at', 'staff_user.name as created_by_name'])
    .where('wave.campaign_id', '=', campaignId);
  if (country !== null) q = q.where((eb) => eb.or([eb('wave.country', '=', country), eb('wave.country', 'is', null)]));
  return q.orderBy('wave.wave_on').orderBy('wave.created_at').execute();
}

/** How many responses a wave carries (so that deleting it can say what it detaches). */
export async function countResponsesOfWave(db: Db, waveId: string): Promise<number> {
  const row = await db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteWave(db: Db, id: string): Promise<void> {
  await db.deleteFrom('wave').where('id', '=', id).execute();
}

/** The query behind waveForSubmissionToday, for statements that attribute as they insert. */
export function waveForSubmissionTodayQuery(campaignId: string, linkCountry: string) {
  return sql<{ id: string }>`
    select w.id from wave w
    where w.campaign_id = ${campaignId} and (w.country = ${linkCountry} or w.country is null) and w.wave_on <= current_date
    order by ${ATTRIBUTION_ORDER} limit 1`;
}

/** The wave a response submitted today through a link of this country belongs to. */
export async function waveForSubmissionToday(db: Db, campaignId: string, linkCountry: string): Promise<string | null> {
  const row = await waveForSubmissionTodayQuery(campaignId, linkCountry).execute(db);
  return row.rows[0]?.id ?? null;
}

/** The wave a response submitted on a given day (YYYY-MM-DD) belongs to: the demo replay's past days. */
export async function waveForSubmissionOn(db: Db, campaignId: string, linkCountry: string, day: string): Promise<string | null> {
  const row = await sql<{ id: string }>`
    select w.id from wave w
    where w.campaign_id = ${campaignId} and (w.country = ${linkCountry} or w.country is null) and w.wave_on <= ${day}::date
    order by ${ATTRIBUTION_ORDER} limit 1`.execute(db);
  return row.rows[0]?.id ?? null;
}

/** Each complete response of the campaign with the wave the rule gives it now. */
const recomputed = (campaignId: string) => sql`
  select r.id, (
    select w.id from wave w
    where w.campaign_id = r.campaign_id and (w.country = r.link_country or w.country is null) and w.wave_on <= r.submitted_on
    order by ${ATTRIBUTION_ORDER} limit 1
  ) as wave_id
  from response r where r.campaign_id = ${campaignId} and r.status = 'complete'`;

/** How many complete responses would change wave if re-attributed now. */
export async function countStaleAttributions(db: Db, campaignId: string): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*) as n from (${recomputed(campaignId)}) c join response r on r.id = c.id
    where r.wave_id is distinct from c.wave_id`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Applies the rule again to every complete response of the campaign; returns how many changed. */
export async function reattributeCampaign(db: Db, campaignId: string): Promise<number> {
  const result = await sql`
    update response set wave_id = c.wave_id from (${recomputed(campaignId)}) c
    where response.id = c.id and response.wave_id is distinct from c.wave_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
