/**
 * Text versions of an edition: a fix that changes only texts (a typo, a better translation) of an
 * edition that has answers updates that edition in place, and each state of its texts is kept here
 * with what changed, so that the history shows every wording respondents saw.
 * Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('edition_text_version')
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    // The strings that changed from the previous text version: [{ id, languages }].
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('edition_text_version_pkey', ['edition_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('edition_text_version').execute();
}
