/**
 * What the fold counts changed: a text with a numeric or currency mask is counted as a number; choices
 * taken from another question (and values typed in beside them), dates and times, and the values the
 * server computes are counted. Responses folded
 * before would lack those counts, so every response is folded again: the tallies and their text copies
 * are emptied and every response marked not folded; results read the responses meanwhile, so their
 * figures stay exact. The 'shuffle' event with the largest `upto` makes every running copy's response
 * index start again from the database. Taken under the tally lock (7301977, answer-tally.ts) so that
 * no fold runs meanwhile. Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

async function foldAgain(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7301977)`.execute(trx);
  await sql`delete from answer_tally`.execute(trx);
  await sql`delete from answer_text`.execute(trx);
  await sql`update response set tallied = false, fold_seq = null where tallied or fold_seq is not null`.execute(trx);
  await sql`insert into tally_event (kind, upto) values ('shuffle', 9223372036854775807)`.execute(trx);
}

export async function up(db: Kysely<any>): Promise<void> {
  // The migrator runs each migration in a transaction where the database allows it.
  if (db.isTransaction) await foldAgain(db);
  else await db.transaction().execute(foldAgain);
}

/** Nothing to undo: the responses are folded again either way. */
export async function down(): Promise<void> {}
