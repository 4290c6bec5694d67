/**
 * Keeps the answer tallies (analysis/answer-tally.ts) up to date: every ten seconds by default, folds the
 * complete responses that arrived since, in batches, for a bounded time. Every server copy runs one;
 * the advisory lock lets one fold at a time and the others skip. Results are exact whether or not
 * it has caught up (they read the responses not folded yet), only faster when it has.
 */
import type { Kysely } from 'kysely';
import { editionsToFold, foldResponses, refreshStatistics, tallyKeys } from '../../analysis/answer-tally.ts';
import type { Database } from '../db/schema.ts';
import { editionDefinition } from '../surveys/edition-definitions.ts';

export interface FoldOptions {
  /** Responses per transaction: large enough to share the work of grouping, small enough to keep locks short. */
  batch?: number;
  /** Stop starting new batches after this long (the next round goes on). */
  budgetMs?: number;
}

/** After folding this many, the planner's statistics are refreshed (autovacuum would, later). */
const STATISTICS_AFTER = 10_000;

/** Folds what is waiting, edition by edition, within the time budget; returns how many were folded. */
export async function foldPending(db: Kysely<Database>, opts: FoldOptions = {}): Promise<number> {
  // Each batch upserts the counters its responses touch: larger batches share them (20,000 folds
  // about twice as fast per response as 5,000) at the price of longer transactions.
  const batch = opts.batch ?? 20_000;
  const until = Date.now() + (opts.budgetMs ?? Infinity);
  let folded = 0;
  for (const editionId of await editionsToFold(db)) {
    const keys = tallyKeys(await editionDefinition(db, editionId));
    while (Date.now() < until) {
      const n = await foldResponses(db, editionId, keys, batch);
      folded += n;
      if (n < batch) break;
    }
  }
  if (folded >= STATISTICS_AFTER) await refreshStatistics(db);
  return folded;
}

/** A repeating fold; `stop()` waits for the round in progress. */
export function startTallyFolder(db: Kysely<Database>, intervalMs: number, onError: (err: unknown) => void): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = foldPending(db, { budgetMs: intervalMs }).catch(onError).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
