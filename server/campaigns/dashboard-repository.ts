/** SQL for the campaign dashboards: counts grouped in PostgreSQL, by the country of the link. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export async function databaseToday(db: Db): Promise<string> {
  const r = await sql<{ today: string }>`select current_date::text as today`.execute(db);
  return r.rows[0]!.today;
}

/** Complete responses per submission day through one country's links. */
export async function completesByDay(db: Db, campaignId: string, country: string) {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['submitted_on', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('link_country', '=', country)
    .where('status', '=', 'complete')
    .groupBy('submitted_on')
    .orderBy('submitted_on')
    .execute();
  return rows.map((r) => ({ day: r.submitted_on!, count: Number(r.n) }));
}

export async function statusCounts(db: Db, campaignId: string, country: string): Promise<{ complete: number; partial: number }> {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('link_country', '=', country)
    .groupBy('status')
    .execute();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { complete: get('complete'), partial: get('partial') };
}

/** Complete responses per answered authority type (null: not answered). */
export async function completesByAuthorityType(db: Db, campaignId: string, country: string) {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['authority_type', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('link_country', '=', country)
    .where('status', '=', 'complete')
    .groupBy('authority_type')
    .execute();
  return rows.map((r) => ({ authorityType: r.authority_type, count: Number(r.n) }));
}

/** Where partial responses stopped: the last page they saved, counted. */
export async function partialsByLastPage(db: Db, campaignId: string, country: string) {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['last_page', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('link_country', '=', country)
    .where('status', '=', 'partial')
    .groupBy('last_page')
    .orderBy('last_page')
    .execute();
  return rows.map((r) => ({ page: r.last_page, count: Number(r.n) }));
}

/** Complete responses per attributed wave (null: none). */
export async function completesByWave(db: Db, campaignId: string, country: string) {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['wave_id', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('link_country', '=', country)
    .where('status', '=', 'complete')
    .groupBy('wave_id')
    .execute();
  return rows.map((r) => ({ waveId: r.wave_id, count: Number(r.n) }));
}

/** Complete responses per link country, for the network figures and the overview. */
export async function completesByCountry(db: Db, campaignId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('response')
    .select((eb) => ['link_country', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'complete')
    .groupBy('link_country')
    .execute();
  return new Map(rows.map((r) => [r.link_country, Number(r.n)]));
}

/** Countries that take part in a campaign: with a link, a target or a wave of their own. */
export async function campaignCountries(db: Db, campaignId: string): Promise<string[]> {
  const r = await sql<{ country: string }>`
    select country from link where campaign_id = ${campaignId}
    union select country from target where campaign_id = ${campaignId}
    union select country from wave where campaign_id = ${campaignId} and country is not null
    order by country`.execute(db);
  return r.rows.map((x) => x.country);
}
