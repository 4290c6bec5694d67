/** SQL the admin console needs beyond the feature repositories: edition versions and campaign windows. */
import type { Kysely, Transaction } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every version of one edition, newest first, with its number of responses. */
export async function listEditionVersions(db: Db, surveyId: string, edition: string) {
  return db
    .selectFrom('edition as e')
    .select((eb) => [
      'e.id', 'e.version', 'e.content_hash', 'e.published_at', 'e.source', 'e.title',
      eb.selectFrom('response').select((r) => r.fn.countAll<number>().as('n')).whereRef('response.edition_id', '=', 'e.id').as('responses'),
    ])
    .where('e.survey_id', '=', surveyId)
    .where('e.edition', '=', edition)
    .orderBy('e.version', 'desc')
    .execute();
}

export async function countResponsesOfCampaign(db: Db, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CampaignWindow {
  opensAt: Date;
  closesAt: Date;
  extendedUntil: Date | null;
}

export async function updateCampaignWindow(db: Db, campaignId: string, w: CampaignWindow): Promise<Campaign | undefined> {
  return db
    .updateTable('campaign')
    .set({ opens_at: w.opensAt, closes_at: w.closesAt, extended_until: w.extendedUntil })
    .where('id', '=', campaignId)
    .returningAll()
    .executeTakeFirst();
}

/** Row-locks a campaign for the length of a transaction, so that two admins' edits do not interleave. */
export async function lockCampaign(db: Transaction<Database>, campaignId: string): Promise<Campaign | undefined> {
  return db.selectFrom('campaign').selectAll().where('id', '=', campaignId).forUpdate().executeTakeFirst();
}
