/** SQL of report jobs: a job's row, its progress, its file; only ever read with its owner's id. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReportJobTable } from '../db/tables/reports.ts';

export interface JobStatus {
  id: string;
  state: ReportJobTable['state'];
  step: string;
  fraction: number;
  message: string | null;
  filename: string | null;
  /** Seconds since the build last said how far it is. */
  silentFor: number;
}

export async function insertJob(db: Kysely<Database>, job: { id: string; staffUserId: string; step: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('report_job').values({ id: job.id, staff_user_id: job.staffUserId, state: 'running', step: job.step, expires_at: job.expiresAt }).execute();
}

export async function updateProgress(db: Kysely<Database>, id: string, step: string, fraction: number): Promise<void> {
  await db.updateTable('report_job').set({ step, fraction, updated_at: sql`now()` }).where('id', '=', id).where('state', '=', 'running').execute();
}

export async function finishJob(db: Kysely<Database>, id: string, file: { filename: string; body: Buffer }, expiresAt: Date): Promise<void> {
  await db.updateTable('report_job')
    .set({ state: 'done', step: 'Ready', fraction: 1, filename: file.filename, body: file.body, updated_at: sql`now()`, expires_at: expiresAt })
    // A job withdrawn meanwhile (a respondent's answers deleted) stays withdrawn: its file may hold them.
    .where('id', '=', id).where('state', '=', 'running').execute();
}

export async function failJob(db: Kysely<Database>, id: string, message: string): Promise<void> {
  await db.updateTable('report_job').set({ state: 'failed', step: 'Failed', message, updated_at: sql`now()` }).where('id', '=', id).where('state', '=', 'running').execute();
}

export const WITHDRAWN_MESSAGE = 'Answers were deleted after this report was started (a respondent withdrew, or the retention period ended). Make the report again: it will leave them out.';

/**
 * Reports made or being made before answers were deleted may quote them (free texts) or count them:
 * their files go in the same transaction as the answers, and their makers are told to make them again.
 */
export async function withdrawJobs(db: Kysely<Database>): Promise<number> {
  const r = await db.updateTable('report_job')
    .set({ state: 'failed', step: 'Failed', message: WITHDRAWN_MESSAGE, filename: null, body: null, updated_at: sql`now()` })
    .where('state', 'in', ['running', 'done']).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The job if it is this staff member's and has not expired. */
export async function findJob(db: Kysely<Database>, id: string, staffUserId: string): Promise<JobStatus | undefined> {
  const row = await db.selectFrom('report_job')
    .select(['id', 'state', 'step', 'fraction', 'message', 'filename', sql<number>`extract(epoch from now() - updated_at)::float8`.as('silent_for')])
    .where('id', '=', id).where('staff_user_id', '=', staffUserId).where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row && { id: row.id, state: row.state, step: row.step, fraction: Number(row.fraction), message: row.message, filename: row.filename, silentFor: Number(row.silent_for) };
}

export async function jobFile(db: Kysely<Database>, id: string, staffUserId: string): Promise<{ filename: string; body: Buffer } | undefined> {
  const row = await db.selectFrom('report_job').select(['filename', 'body'])
    .where('id', '=', id).where('staff_user_id', '=', staffUserId).where('state', '=', 'done').where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.filename && row.body ? { filename: row.filename, body: Buffer.from(row.body) } : undefined;
}

/** Jobs of this staff member still building (and heard from within `freshSeconds`). */
export async function runningJobs(db: Kysely<Database>, staffUserId: string | null, freshSeconds: number): Promise<number> {
  let q = db.selectFrom('report_job').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'running').where('updated_at', '>', sql<Date>`now() - make_interval(secs => ${freshSeconds}::float8)`);
  if (staffUserId !== null) q = q.where('staff_user_id', '=', staffUserId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Expired jobs, and their files, go. */
export async function deleteExpiredJobs(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('report_job').where('expires_at', '<=', sql<Date>`now()`).execute();
}
