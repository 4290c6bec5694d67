/**
 * Edition definitions by id, read from the database once per process. An edition row never changes
 * (a changed file becomes a new version with a new id), so the cache never goes stale; it spares
 * every respondent request from fetching and parsing a definition of tens of kilobytes.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

const cache = new Map<string, Record<string, unknown>>();

export async function editionDefinition(db: Kysely<Database> | Transaction<Database>, editionId: string): Promise<Record<string, unknown>> {
  const known = cache.get(editionId);
  if (known) return known;
  const row = await db.selectFrom('edition').select('definition').where('id', '=', editionId).executeTakeFirstOrThrow();
  cache.set(editionId, row.definition);
  return row.definition;
}
