/** SQL for reports: the campaigns of an edition, and responses per language under the filters. */
import type { Kysely } from 'kysely';
import { applyResultFilters, type ResultFilters } from '../../analysis/filters.ts';
import type { Campaign, Database } from '../db/schema.ts';

export async function campaignsOfEdition(db: Kysely<Database>, editionId: string, campaignId?: string): Promise<Campaign[]> {
  let q = db.selectFrom('campaign').selectAll().where('edition_id', '=', editionId);
  if (campaignId) q = q.where('id', '=', campaignId);
  return q.orderBy('opens_at').execute();
}

/** Language -> responses, before suppression (the caller suppresses them as one breakdown). */
export async function responsesByLanguage(db: Kysely<Database>, filters: ResultFilters): Promise<{ language: string; n: number }[]> {
  const rows = await applyResultFilters(db.selectFrom('response').select((eb) => ['response.language', eb.fn.countAll<number>().as('n')]), filters)
    .groupBy('response.language')
    .orderBy('response.language')
    .execute();
  return rows.map((r) => ({ language: r.language, n: Number(r.n) }));
}
