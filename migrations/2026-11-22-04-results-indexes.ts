/**
 * Indexes for results narrowed to a group: a national contact's pages always select their link
 * country, and the per-country and per-authority-type views select one group. Unfiltered results
 * read every response anyway. Frozen in time: never import app code.
 */
import type { Kysely } from 'kysely';

const INDEXES = [
  ['response_edition_link_country', 'link_country'],
  ['response_edition_country', 'country'],
  ['response_edition_authority_type', 'authority_type'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, column] of INDEXES) {
    await db.schema.createIndex(name).on('response').columns(['edition_id', column]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
