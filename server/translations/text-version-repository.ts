/** SQL for text versions: an edition's texts changed in place, each state kept with what changed. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Edition } from '../db/schema.ts';
import type { TextChange } from './text-change.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function listTextVersions(db: Db, editionId: string) {
  return db.selectFrom('edition_text_version').select(['number', 'content_hash', 'changes', 'source', 'published_at'])
    .where('edition_id', '=', editionId).orderBy('number', 'desc').execute();
}

export async function isEarlierTextVersion(db: Db, editionId: string, contentHash: string): Promise<boolean> {
  const row = await db.selectFrom('edition_text_version').select('number').where('edition_id', '=', editionId)
    .where('content_hash', '=', contentHash).executeTakeFirst();
  return row !== undefined;
}

/**
 * Replaces the texts of an edition in place and records the new text version (and, the first time,
 * the edition as first published as text version 1). Returns the new text version's number.
 */
export async function replaceTexts(
  trx: Transaction<Database>,
  latest: Edition,
  next: { definition: Record<string, unknown>; contentHash: string; title: string; changes: TextChange[]; source: string },
): Promise<number> {
  const last = await trx.selectFrom('edition_text_version').select('number').where('edition_id', '=', latest.id)
    .orderBy('number', 'desc').limit(1).executeTakeFirst();
  if (!last) {
    await trx.insertInto('edition_text_version').values({
      edition_id: latest.id, number: 1, content_hash: latest.content_hash, definition: JSON.stringify(latest.definition),
      changes: '[]', source: latest.source, published_at: latest.published_at,
    }).execute();
  }
  const number = (last?.number ?? 1) + 1;
  await trx.insertInto('edition_text_version').values({
    edition_id: latest.id, number, content_hash: next.contentHash, definition: JSON.stringify(next.definition),
    changes: JSON.stringify(next.changes), source: next.source,
  }).execute();
  await trx.updateTable('edition').set({ definition: JSON.stringify(next.definition), content_hash: next.contentHash, title: next.title })
    .where('id', '=', latest.id).execute();
  return number;
}
