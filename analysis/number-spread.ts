/**
 * The spread of number answers (standard deviation and the t interval of the mean) for reports,
 * from the same distribution of values the summaries read (answer-queries.ts), for the number
 * questions whose summary is shown.
 */
import { answerEntries, numberValuesOf, type AnyDb } from './answer-queries.ts';
import type { ResultFilters } from './filters.ts';
import { meanIntervalFromCounts, type MeanInterval } from './intervals.ts';

/** Answer key -> mean, sd and 95 % interval of the mean. */
export async function numberSpreads(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<Map<string, MeanInterval>> {
  const out = new Map<string, MeanInterval>();
  if (keys.length === 0) return out;
  const values = numberValuesOf(await answerEntries(db, filters, { full: keys }), keys);
  for (const key of keys) {
    const interval = meanIntervalFromCounts(values.filter((v) => v.key === key));
    if (interval) out.set(key, interval);
  }
  return out;
}
