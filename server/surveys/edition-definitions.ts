/**
 * Edition definitions by id, read from the database once per process: it spares every respondent
 * request from fetching and parsing a definition of tens of kilobytes. An edition's structure never
 * changes (a changed file becomes a new version with a new id); only a text fix changes a row, and
 * with it the content hash that callers pass.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

const cache = new Map<string, { hash: string; definition: Record<string, unknown> }>();

/**
 * An edition's definition, read once per process. A text fix changes an edition's texts (and its
 * content hash) in place: a caller that knows the current hash gets the fixed texts; one that does
 * not (the tally folder) needs only the structure, which never changes.
 */
export async function editionDefinition(db: Kysely<Database> | Transaction<Database>, editionId: string, contentHash?: string): Promise<Record<string, unknown>> {
  const known = cache.get(editionId);
  if (known && (contentHash === undefined || known.hash === contentHash)) return known.definition;
  const row = await db.selectFrom('edition').select(['definition', 'content_hash']).where('id', '=', editionId).executeTakeFirstOrThrow();
  cache.set(editionId, { hash: row.content_hash, definition: row.definition });
  return row.definition;
}
