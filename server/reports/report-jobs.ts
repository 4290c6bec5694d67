/**
 * A report built as a job, so the staff page can say how far it is: the request starts it and
 * returns its id at once; the build runs on in this server copy, writing its step ("Counting the
 * answers", "Drawing the charts (12 of 90)", "Writing the document") to the job's row, which any
 * copy answers polls from; the finished file waits in the row until it expires.
 *
 * Memory stays bounded: a copy holds only the reports it is building, and at most REPORTS_AT_ONCE
 * are built at once across every copy, one per staff member.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ConflictError } from '../errors.ts';
import * as jobs from './report-job-repository.ts';
import type { ReportContext } from './report-data.ts';
import { createReport, reportRequest, type ReportOptions } from './report-service.ts';

/** How long a finished report can be downloaded. */
export const KEEP_FILE_MINUTES = 15;
/** A job whose row has not moved for this long was lost with its server copy (a build says how far it is every few seconds). */
export const LOST_AFTER_SECONDS = 120;
/** Reports built at once across every copy: each takes a core for a few seconds and some 100 MB. */
const REPORTS_AT_ONCE = 2;
/** Progress is written at most this often (plus every change of step), not once per chart. */
const WRITE_EVERY_MS = 500;

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

export interface JobView {
  id: string;
  state: 'running' | 'done' | 'failed';
  step: string;
  /** 0..1 */
  fraction: number;
  message: string | null;
  /** Where to download the file, once done. */
  download: string | null;
}

/** Checks the request (a ValidationError before any job exists), then starts the build; returns the job's id. */
export async function startReportJob(ctx: ReportContext & { log: FastifyBaseLogger }, staffUserId: string, o: ReportOptions): Promise<string> {
  await reportRequest(o);
  await jobs.deleteExpiredJobs(ctx.db);
  // Checked, then inserted: two requests in the same instant may both pass, a bounded overshoot.
  if (await jobs.runningJobs(ctx.db, staffUserId, LOST_AFTER_SECONDS) > 0) throw new ConflictError('Your previous report is still being made: wait for it, then start the next.');
  if (await jobs.runningJobs(ctx.db, null, LOST_AFTER_SECONDS) >= REPORTS_AT_ONCE) throw new ConflictError(`${REPORTS_AT_ONCE} reports are being made right now: try again in a minute.`);
  const id = randomUUID();
  await jobs.insertJob(ctx.db, { id, staffUserId, step: 'Starting', expiresAt: minutesFromNow(KEEP_FILE_MINUTES) });
  void build(ctx, id, o);
  return id;
}

async function build(ctx: ReportContext & { log: FastifyBaseLogger }, id: string, o: ReportOptions): Promise<void> {
  const writer = progressWriter(ctx.db, id);
  try {
    const file = await createReport({ ...ctx, onProgress: writer.report }, o);
    await writer.settled();
    await jobs.finishJob(ctx.db, id, file, minutesFromNow(KEEP_FILE_MINUTES));
  } catch (err) {
    ctx.log.error({ err, reportJob: id }, 'report job failed');
    await writer.settled();
    await jobs.failJob(ctx.db, id, 'The report could not be made. Try again; if it fails again, tell the platform team.').catch((e: unknown) => ctx.log.error({ err: e }, 'could not mark the report job failed'));
  }
}

/** Writes progress one write at a time, in order: on each new step, else at most every WRITE_EVERY_MS. */
function progressWriter(db: Kysely<Database>, id: string) {
  let chain: Promise<void> = Promise.resolve();
  let lastStep = '';
  let lastAt = 0;
  return {
    report(step: string, fraction: number) {
      const kind = step.replace(/ \(.*\)$/, '');
      const now = Date.now();
      if (kind === lastStep && now - lastAt < WRITE_EVERY_MS && fraction < 1) return;
      lastStep = kind;
      lastAt = now;
      chain = chain.then(() => jobs.updateProgress(db, id, step, fraction)).catch(() => undefined);
    },
    settled: () => chain,
  };
}

/** The job as the page shows it; undefined when it is not this staff member's, or has expired. */
export async function reportJobView(db: Kysely<Database>, id: string, staffUserId: string): Promise<JobView | undefined> {
  const job = await jobs.findJob(db, id, staffUserId);
  if (!job) return undefined;
  if (job.state === 'running' && job.silentFor > LOST_AFTER_SECONDS) {
    return { id, state: 'failed', step: 'Failed', fraction: job.fraction, message: 'The server making this report stopped. Start it again.', download: null };
  }
  return {
    id, state: job.state, step: job.step, fraction: job.fraction, message: job.message,
    download: job.state === 'done' ? `/api/reports/jobs/${id}/file` : null,
  };
}

export const reportJobFile = (db: Kysely<Database>, id: string, staffUserId: string) => jobs.jobFile(db, id, staffUserId);
