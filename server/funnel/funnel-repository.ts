/**
 * Funnel counters per link and day: visits (survey page rendered), starts (first answer saved),
 * completions (submitted). Counters only: no visitor record, no address, no cookie.
 * Each increment lands on one of FUNNEL_SHARDS rows at random, so that concurrent submissions
 * through one busy link do not queue on a single row lock; readers sum the shards.
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const FUNNEL_SHARDS = 8;

export interface FunnelIncrement {
  visits?: number;
  starts?: number;
  completions?: number;
}

/**
 * One statement: `insert ... on conflict do update set x = x + n` for today's row of a shard
 * (another day only for the demo replay of a past campaign).
 */
export async function bumpFunnel(db: Db, linkId: string, inc: FunnelIncrement, day?: string): Promise<void> {
  const visits = inc.visits ?? 0;
  const starts = inc.starts ?? 0;
  const completions = inc.completions ?? 0;
  await db
    .insertInto('link_funnel_day')
    .values({ link_id: linkId, day: day ?? sql<string>`current_date`, shard: randomInt(FUNNEL_SHARDS), visits, starts, completions })
    .onConflict((oc) => oc.columns(['link_id', 'day', 'shard']).doUpdateSet({
      visits: sql`link_funnel_day.visits + excluded.visits`,
      starts: sql`link_funnel_day.starts + excluded.starts`,
      completions: sql`link_funnel_day.completions + excluded.completions`,
    }))
    .execute();
}

export interface LinkFunnel {
  linkId: string;
  visits: number;
  starts: number;
  completions: number;
}

/** Totals per link of a campaign (optionally one country's links), over every day. */
export async function funnelByLink(db: Db, campaignId: string, country: string | null): Promise<LinkFunnel[]> {
  let q = db
    .selectFrom('link_funnel_day as f')
    .innerJoin('link', 'link.id', 'f.link_id')
    .select((eb) => [
      'f.link_id as linkId',
      eb.fn.sum<number>('f.visits').as('visits'),
      eb.fn.sum<number>('f.starts').as('starts'),
      eb.fn.sum<number>('f.completions').as('completions'),
    ])
    .where('link.campaign_id', '=', campaignId)
    .groupBy('f.link_id');
  if (country !== null) q = q.where('link.country', '=', country);
  const rows = await q.execute();
  return rows.map((r) => ({ linkId: r.linkId, visits: Number(r.visits), starts: Number(r.starts), completions: Number(r.completions) }));
}
