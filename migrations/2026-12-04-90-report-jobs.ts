/**
 * Reports built as jobs: the staff page starts one, polls its progress and downloads the file.
 * In the database, not in one server copy's memory, so any copy can answer the polls; a job belongs
 * to the staff member who started it (deleted with their account) and its file expires.
 * Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_job')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done', 'failed')`))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('fraction', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('filename', 'text')
    .addColumn('body', 'bytea')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_job_staff_user').on('report_job').column('staff_user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_job').execute();
}
