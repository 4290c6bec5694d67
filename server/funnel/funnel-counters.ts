/** What the respondent path calls: one counter bump per event, never anything about the visitor. */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { bumpFunnel } from './funnel-repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A survey page was rendered. A failed count must never cost the respondent the page. */
export async function countVisit(db: Db, linkId: string, log: FastifyBaseLogger): Promise<void> {
  try {
    await bumpFunnel(db, linkId, { visits: 1 });
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, 'funnel visit not counted');
  }
}

/** The first answer of a new response was saved. */
export async function countStart(db: Db, linkId: string): Promise<void> {
  await bumpFunnel(db, linkId, { starts: 1 });
}

/**
 * A submission, inside the transaction that stores the response, so a replayed or rolled-back
 * submission counts nothing. A response submitted without an earlier save started and completed at once.
 */
export async function countSubmission(trx: Db, linkId: string, opts: { alsoStarted: boolean }): Promise<void> {
  await bumpFunnel(trx, linkId, { completions: 1, starts: opts.alsoStarted ? 1 : 0 });
}
