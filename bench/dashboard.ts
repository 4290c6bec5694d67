/**
 * The dashboard summary of the 2022 edition (every question, suppressed as served), unfiltered and
 * filtered by one country, computed in PostgreSQL through analysis/summarizeEdition: latency and the
 * size of the JSON it produces. Measured twice in one run: reading every response (nothing folded
 * yet, the baseline) and reading the answer tallies once the responses are folded.
 */
import type { Kysely } from 'kysely';
import { summarizeEdition } from '../analysis/question-aggregates.ts';
import { resultFiltersSchema } from '../analysis/filters.ts';
import type { Database } from '../server/db/schema.ts';
import { foldPending } from '../server/results/tally-folder.ts';
import type { BenchCampaign } from './bench-data.ts';
import { median } from './stats.ts';

export interface DashboardResult {
  responses: number;
  filter: 'none' | 'country=FR';
  source: 'responses' | 'tallies';
  p50Ms: number;
  payloadKb: number;
}

export async function measureDashboard(db: Kysely<Database>, c: BenchCampaign, responses: number, rounds: number, source: DashboardResult['source']): Promise<DashboardResult[]> {
  const out: DashboardResult[] = [];
  for (const filter of ['none', 'country=FR'] as const) {
    const filters = resultFiltersSchema.parse({ editionId: c.editionId, ...(filter === 'none' ? {} : { country: ['FR'] }) });
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const summary = await summarizeEdition(db, c.definition, filters, { k: 5, viewerMaySeeTexts: true });
      bytes = Buffer.byteLength(JSON.stringify(summary));
      times.push(performance.now() - t0);
    }
    out.push({ responses, filter, source, p50Ms: median(times), payloadKb: bytes / 1024 });
  }
  return out;
}

export interface FoldResult {
  responses: number;
  folded: number;
  seconds: number;
  perSecond: number;
}

/** Folds every response waiting, as the server's folder does, and times it. */
export async function measureFold(db: Kysely<Database>, responses: number): Promise<FoldResult> {
  const t0 = performance.now();
  const folded = await foldPending(db);
  const seconds = (performance.now() - t0) / 1000;
  return { responses, folded, seconds, perSecond: folded / seconds };
}
