/**
 * What each server copy's in-memory response index (analysis/response-index.ts) needs to stay equal
 * to the database: the fold batch a response was folded in (`response.fold_seq`, erased by the
 * daily shuffle so that it never dates a response beyond its day), and a log of fold batches,
 * deletions, purges and shuffles in one sequence, written under the tally lock so that the
 * committed events always form a prefix of the sequence. Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('response').addColumn('fold_seq', 'bigint').execute();
  // Only today's folds carry a number: the index stays small.
  await sql`create index response_fold_seq on response (fold_seq) where fold_seq is not null`.execute(db);
  await db.schema
    .createTable('tally_event')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    // fold: a batch folded (its responses carry fold_seq = seq); remove: a response deleted;
    // purge: a campaign's responses deleted; shuffle: fold numbers up to `upto` erased.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('response_id', 'uuid')
    .addColumn('campaign_id', 'uuid')
    .addColumn('upto', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tally_event').execute();
  await sql`drop index if exists response_fold_seq`.execute(db);
  await db.schema.alterTable('response').dropColumn('fold_seq').execute();
}
