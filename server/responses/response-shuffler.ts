/**
 * Runs the shuffle (shuffle-repository.ts) over every response of past days not shuffled yet, in
 * batches, then frees the old row versions. Every server copy runs one: the tally lock makes them
 * take turns, and a copy that comes second finds nothing left to do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { shufflePastResponses, vacuumShuffledTables } from './shuffle-repository.ts';

/** Responses per transaction: a day of a busy campaign in one, without holding the tallies for long. */
const BATCH = 50_000;

/** Shuffles every response of past days still in submission order; returns how many. */
export async function shuffleResponses(db: Kysely<Database>, opts: { batch?: number; before?: string } = {}): Promise<number> {
  const batch = opts.batch ?? BATCH;
  let total = 0;
  for (;;) {
    const n = await shufflePastResponses(db, batch, opts.before);
    total += n;
    if (n < batch) break;
  }
  if (total > 0) await vacuumShuffledTables(db);
  return total;
}

/** A repeating shuffle; `stop()` waits for the round in progress. */
export function startResponseShuffler(db: Kysely<Database>, intervalMs: number, onError: (err: unknown) => void): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = shuffleResponses(db).catch(onError).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
