/**
 * Edition definitions by id, read from the database once per process: it spares every respondent
 * request from fetching and parsing a definition of tens of kilobytes. An edition's structure never
 * changes (a changed file becomes a new version with a new id); only a text fix changes a row, and
 * with it the content hash that callers pass.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The read under way is kept too: requests arriving together at a fresh process share one read and
 * so one object, and with it one validator (answer-validator.ts) instead of one per request.
 */
const cache = new Map<string, { hash: string | undefined; definition: Promise<Record<string, unknown>> }>();

/**
 * An edition's definition, read once per process. A text fix changes an edition's texts (and its
 * content hash) in place: a caller that knows the current hash gets the fixed texts; one that does
 * not (the tally folder) needs only the structure, which never changes.
 */
export async function editionDefinition(db: Kysely<Database> | Transaction<Database>, editionId: string, contentHash?: string): Promise<Record<string, unknown>> {
  const known = cache.get(editionId);
  if (known && (contentHash === undefined || known.hash === undefined || known.hash === contentHash)) {
    const definition = await known.definition;
    // A read without a hash learnt it meanwhile (see below); check again with it.
    if (contentHash === undefined || cache.get(editionId)?.hash === contentHash) return definition;
  }
  const entry: { hash: string | undefined; definition: Promise<Record<string, unknown>> } = { hash: contentHash, definition: Promise.resolve({}) };
  entry.definition = db.selectFrom('edition').select(['definition', 'content_hash']).where('id', '=', editionId).executeTakeFirstOrThrow().then(
    (row) => {
      entry.hash = row.content_hash;
      return row.definition;
    },
    (err: unknown) => {
      // A failed read is not remembered: the next caller reads again.
      if (cache.get(editionId) === entry) cache.delete(editionId);
      throw err;
    },
  );
  cache.set(editionId, entry);
  return entry.definition;
}
