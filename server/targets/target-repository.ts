/** SQL for targets: invited organisations or people per campaign and country, optionally per authority type. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** '' stands for the country's overall target. */
export const OVERALL = '';

export async function listTargets(db: Db, campaignId: string, country: string | null) {
  let q = db.selectFrom('target').select(['country', 'authority_type', 'invited', 'updated_at']).where('campaign_id', '=', campaignId);
  if (country !== null) q = q.where('country', '=', country);
  return q.orderBy('country').orderBy('authority_type').execute();
}

export async function upsertTarget(db: Db, t: { campaignId: string; country: string; authorityType: string; invited: number; updatedBy: string | null }) {
  await db
    .insertInto('target')
    .values({ id: randomUUID(), campaign_id: t.campaignId, country: t.country, authority_type: t.authorityType, invited: t.invited, updated_by: t.updatedBy })
    .onConflict((oc) => oc.columns(['campaign_id', 'country', 'authority_type']).doUpdateSet({
      invited: (eb) => eb.ref('excluded.invited'),
      updated_by: (eb) => eb.ref('excluded.updated_by'),
      updated_at: sql`now()`,
    }))
    .execute();
}

export async function deleteTarget(db: Db, campaignId: string, country: string, authorityType: string): Promise<number> {
  const r = await db.deleteFrom('target').where('campaign_id', '=', campaignId).where('country', '=', country)
    .where('authority_type', '=', authorityType).executeTakeFirst();
  return Number(r.numDeletedRows);
}
