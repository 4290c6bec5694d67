/** SQL for surveys and their editions. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Edition } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function lockEditionPublishing(trx: Transaction<Database>): Promise<void> {
  // Two server copies syncing at once would race for the same version number.
  await sql`select pg_advisory_xact_lock(hashtext('edition-publishing'))`.execute(trx);
}

export async function ensureSurvey(db: Db, surveyId: string): Promise<void> {
  await db.insertInto('survey').values({ id: surveyId }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function findLatestVersion(db: Db, surveyId: string, edition: string): Promise<Edition | undefined> {
  return db
    .selectFrom('edition')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('edition', '=', edition)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countResponsesOfEdition(db: Db, surveyId: string, edition: string): Promise<number> {
  const row = await db
    .selectFrom('response')
    .innerJoin('edition', 'edition.id', 'response.edition_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('edition.survey_id', '=', surveyId)
    .where('edition.edition', '=', edition)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewEditionInput {
  surveyId: string;
  edition: string;
  version: number;
  contentHash: string;
  title: string;
  definition: Record<string, unknown>;
  source: 'file' | 'upload';
}

export async function insertEdition(db: Db, input: NewEditionInput): Promise<Edition> {
  return db
    .insertInto('edition')
    .values({
      id: randomUUID(),
      survey_id: input.surveyId,
      edition: input.edition,
      version: input.version,
      content_hash: input.contentHash,
      title: input.title,
      definition: JSON.stringify(input.definition),
      source: input.source,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves campaigns of an edition that has no answers yet onto its newest version. */
export async function moveCampaignsToVersion(db: Db, surveyId: string, edition: string, editionId: string) {
  await db
    .updateTable('campaign')
    .set({ edition_id: editionId })
    .where('edition_id', 'in', (eb) =>
      eb.selectFrom('edition').select('id').where('survey_id', '=', surveyId).where('edition', '=', edition),
    )
    .execute();
}

export async function findEditionById(db: Db, id: string): Promise<Edition | undefined> {
  return db.selectFrom('edition').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest version of every edition, with its number of responses. */
export async function listLatestEditions(db: Db) {
  return db
    .selectFrom('edition as e')
    .select((eb) => [
      'e.id', 'e.survey_id', 'e.edition', 'e.version', 'e.content_hash', 'e.title', 'e.published_at', 'e.source',
      eb.selectFrom('response').select((r) => r.fn.countAll<number>().as('n')).whereRef('response.edition_id', '=', 'e.id').as('responses'),
    ])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('edition as newer').select('newer.id')
        .whereRef('newer.survey_id', '=', 'e.survey_id')
        .whereRef('newer.edition', '=', 'e.edition')
        .whereRef('newer.version', '>', 'e.version'))),
    )
    .orderBy('e.survey_id').orderBy('e.edition')
    .execute();
}
