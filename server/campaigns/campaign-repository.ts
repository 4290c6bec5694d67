/** SQL for campaigns. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';

export interface NewCampaign {
  editionId: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  extendedUntil: Date | null;
  retainUntil: string;
  /** A demo campaign (server/demo/): marked as such wherever it shows. */
  demo?: boolean;
}

export async function insertCampaign(db: Kysely<Database>, c: NewCampaign): Promise<Campaign> {
  return db
    .insertInto('campaign')
    .values({
      id: randomUUID(),
      edition_id: c.editionId,
      name: c.name,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      extended_until: c.extendedUntil,
      retain_until: c.retainUntil,
      demo: c.demo ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCampaign(db: Kysely<Database>, id: string): Promise<Campaign | undefined> {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countCampaigns(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('campaign').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCampaigns(db: Kysely<Database>) {
  return db
    .selectFrom('campaign')
    .innerJoin('edition', 'edition.id', 'campaign.edition_id')
    .select(['campaign.id', 'campaign.name', 'campaign.opens_at', 'campaign.closes_at', 'campaign.extended_until',
      'campaign.retain_until', 'campaign.demo', 'edition.survey_id', 'edition.edition', 'edition.version', 'edition.title'])
    .orderBy('campaign.opens_at', 'desc')
    .execute();
}

/** Whether any campaign of an edition (any of its versions) is a demo campaign. */
export async function editionHasDemoCampaign(db: Kysely<Database>, surveyId: string, edition: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaign')
    .innerJoin('edition', 'edition.id', 'campaign.edition_id')
    .select('campaign.id')
    .where('edition.survey_id', '=', surveyId)
    .where('edition.edition', '=', edition)
    .where('campaign.demo', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
