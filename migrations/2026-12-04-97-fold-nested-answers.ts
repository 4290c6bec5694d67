/**
 * What the fold counts changed for editions with answers inside answers: the cells of a matrix of
 * cells, the items of a multiple text, the rows and panels of a dynamic matrix or panel, and a
 * slider's number are now counted under keys of their own. Responses of those editions folded
 * before lack these counts, so they are folded again: their tallies and text copies go, and they
 * are marked not folded (results read them from the responses meanwhile, so figures stay exact).
 * Other editions keep their tallies. The 'shuffle' event with the largest `upto` makes every
 * running copy's response index start again from the database. Taken under the tally lock
 * (7301977, answer-tally.ts). Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

const NESTED = sql`(select id from edition where jsonb_path_exists(definition,
  '$.** ? (@.type == "matrixdropdown" || @.type == "matrixdynamic" || @.type == "paneldynamic" || @.type == "multipletext" || @.type == "slider")'))`;

async function foldNestedAgain(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7301977)`.execute(trx);
  await sql`delete from answer_tally where edition_id in ${NESTED}`.execute(trx);
  await sql`delete from answer_text where edition_id in ${NESTED}`.execute(trx);
  const { rows } = await sql<{ id: string }>`update response set tallied = false, fold_seq = null
    where edition_id in ${NESTED} and (tallied or fold_seq is not null) returning id`.execute(trx);
  if (rows.length > 0) await sql`insert into tally_event (kind, upto) values ('shuffle', 9223372036854775807)`.execute(trx);
}

export async function up(db: Kysely<any>): Promise<void> {
  // The migrator runs each migration in a transaction where the database allows it.
  if (db.isTransaction) await foldNestedAgain(db);
  else await db.transaction().execute(foldNestedAgain);
}

/** Nothing to undo: the responses are folded again either way. */
export async function down(): Promise<void> {}
