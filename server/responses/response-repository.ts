/** SQL for anonymous responses and their idempotency keys. Dates come from the database, without a time. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ResponseRow } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ResponseFields {
  editionId: string;
  campaignId: string;
  linkId: string;
  linkCountry: string;
  country: string | null;
  authorityType: string | null;
  language: string;
  answers: Record<string, unknown>;
  lastPage: number;
}

export async function insertResponse(
  db: Db,
  f: ResponseFields & {
    status: 'partial' | 'complete'; resumeTokenHash: string | null; deletionCodeHash: string | null; waveId?: string | null;
    /** Only the demo replay of a past campaign gives dates (YYYY-MM-DD); a respondent's are the database's today. */
    startedOn?: string; submittedOn?: string;
  },
): Promise<ResponseRow> {
  return db
    .insertInto('response')
    .values({
      id: randomUUID(),
      edition_id: f.editionId,
      campaign_id: f.campaignId,
      link_id: f.linkId,
      link_country: f.linkCountry,
      country: f.country,
      authority_type: f.authorityType,
      language: f.language,
      status: f.status,
      answers: JSON.stringify(f.answers),
      last_page: f.lastPage,
      started_on: f.startedOn ?? sql<string>`current_date`,
      submitted_on: f.status === 'complete' ? (f.submittedOn ?? sql<string>`current_date`) : null,
      resume_token_hash: f.resumeTokenHash,
      deletion_code_hash: f.deletionCodeHash,
      wave_id: f.waveId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The partial response a resume token points at, on this link. */
export async function findPartialByResumeHash(db: Db, linkId: string, resumeTokenHash: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('response')
    .selectAll()
    .where('link_id', '=', linkId)
    .where('resume_token_hash', '=', resumeTokenHash)
    .where('status', '=', 'partial')
    .executeTakeFirst();
}

/** True when the partial was there to update (a shuffle may have rewritten it meanwhile). */
export async function updatePartial(db: Db, id: string, f: Pick<ResponseFields, 'country' | 'authorityType' | 'language' | 'answers' | 'lastPage'>): Promise<boolean> {
  // A changed row carries a new transaction id: it is shuffled again after its day.
  const result = await db
    .updateTable('response')
    .set({ country: f.country, authority_type: f.authorityType, language: f.language, answers: JSON.stringify(f.answers), last_page: f.lastPage, shuffled: false })
    .where('id', '=', id)
    .where('status', '=', 'partial')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Turns a partial response into a complete one; the resume token stops working. */
export async function completePartial(db: Db, id: string, f: Pick<ResponseFields, 'country' | 'authorityType' | 'language' | 'answers'> & { deletionCodeHash: string; waveId?: string | null }) {
  const result = await db
    .updateTable('response')
    .set({
      country: f.country,
      authority_type: f.authorityType,
      language: f.language,
      answers: JSON.stringify(f.answers),
      status: 'complete',
      submitted_on: sql<string>`current_date`,
      resume_token_hash: null,
      deletion_code_hash: f.deletionCodeHash,
      wave_id: f.waveId ?? null,
      shuffled: false,
    })
    .where('id', '=', id)
    .where('status', '=', 'partial')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findSubmissionKey(db: Db, keyHash: string) {
  return db.selectFrom('submission_key').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function insertSubmissionKey(db: Db, keyHash: string, bodyHash: string, sealedCode: string, responseId: string) {
  await db.insertInto('submission_key').values({ key_hash: keyHash, body_hash: bodyHash, sealed_code: sealedCode, response_id: responseId }).execute();
}

/** The response a deletion code belongs to, within one campaign. */
export async function findIdByCodeHash(db: Db, campaignId: string, deletionCodeHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('response')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('deletion_code_hash', '=', deletionCodeHash)
    .executeTakeFirst();
  return row?.id;
}

/** Deletes one response; true when it was there. */
export async function deleteById(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('response').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
