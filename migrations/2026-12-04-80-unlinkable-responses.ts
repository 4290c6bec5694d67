/**
 * Nothing in the database derives a deletion code or dates a response finer than its day.
 * - submission_key.sealed_code: the code sealed under the idempotency key, which is not stored,
 *   so a retried submission gets its code back; codes are random from now on. The secret that
 *   derived the old codes goes: codes already given keep working (their hash is stored), but no
 *   copy of the database made from now on can compute them again.
 * - response.shuffled: whether the row was rewritten at a random place in its table, so that its
 *   physical place and transaction id no longer follow the order of submission.
 * Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission_key').addColumn('sealed_code', 'text').execute();
  await db.schema.alterTable('response').addColumn('shuffled', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // The rows still to shuffle: those of today, so the index stays small.
  await sql`create index response_unshuffled on response (coalesce(submitted_on, started_on)) where not shuffled`.execute(db);
  await db.deleteFrom('server_secret').where('name', '=', 'response-codes').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The secret of the old codes is gone for good: codes sealed since keep their stored hash and still delete.
  await sql`drop index if exists response_unshuffled`.execute(db);
  await db.schema.alterTable('response').dropColumn('shuffled').execute();
  await db.schema.alterTable('submission_key').dropColumn('sealed_code').execute();
}
