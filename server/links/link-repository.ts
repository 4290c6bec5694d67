/** SQL for distribution links. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, Link } from '../db/schema.ts';
import { editionDefinition } from '../surveys/edition-definitions.ts';

export interface NewLink {
  token: string;
  campaignId: string;
  country: string;
  channel: string;
  label: string;
  language: string;
}

export async function insertLink(db: Kysely<Database>, l: NewLink): Promise<Link> {
  return db
    .insertInto('link')
    .values({ id: randomUUID(), token: l.token, campaign_id: l.campaignId, country: l.country, channel: l.channel, label: l.label, language: l.language })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A link with what the respondent page needs: its campaign and the campaign's edition. */
export async function findLinkContext(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('link')
    .innerJoin('campaign', 'campaign.id', 'link.campaign_id')
    .innerJoin('edition', 'edition.id', 'campaign.edition_id')
    .select([
      'link.id as linkId', 'link.token', 'link.country', 'link.channel', 'link.language', 'link.disabled_at',
      'campaign.id as campaignId', 'campaign.name as campaignName', 'campaign.opens_at', 'campaign.closes_at',
      'campaign.extended_until', 'campaign.retain_until',
      'edition.id as editionId', 'edition.survey_id', 'edition.edition', 'edition.content_hash as contentHash',
    ])
    .where('link.token', '=', token)
    .executeTakeFirst();
  // The definition comes from a per-process cache, checked against the content hash (a text fix changes it).
  return row && { ...row, definition: await editionDefinition(db, row.editionId, row.contentHash) };
}

export type LinkContext = NonNullable<Awaited<ReturnType<typeof findLinkContext>>>;

/** The links of one campaign and country, oldest first. */
export async function listLinks(db: Kysely<Database>, campaignId: string, country: string): Promise<Link[]> {
  return db.selectFrom('link').selectAll().where('campaign_id', '=', campaignId).where('country', '=', country)
    .orderBy('created_at').orderBy('id').execute();
}

export async function findLink(db: Kysely<Database>, id: string): Promise<Link | undefined> {
  return db.selectFrom('link').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setLinkDisabled(db: Kysely<Database>, id: string, disabled: boolean): Promise<void> {
  await db.updateTable('link').set({ disabled_at: disabled ? sql`now()` : null }).where('id', '=', id).execute();
}

export async function countLinks(db: Kysely<Database>, campaignId: string, country: string): Promise<number> {
  const row = await db.selectFrom('link').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId).where('country', '=', country).executeTakeFirstOrThrow();
  return Number(row.n);
}
