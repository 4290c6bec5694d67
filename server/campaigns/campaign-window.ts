/** Whether a campaign takes answers now. The extension, when set, replaces the closing date. */
import type { Campaign } from '../db/schema.ts';

export type CampaignState = 'not-open' | 'open' | 'closed';

export function effectiveClose(c: Pick<Campaign, 'closes_at' | 'extended_until'>): Date {
  return c.extended_until && c.extended_until > c.closes_at ? c.extended_until : c.closes_at;
}

export function campaignState(c: Pick<Campaign, 'opens_at' | 'closes_at' | 'extended_until'>, now = new Date()): CampaignState {
  if (now < c.opens_at) return 'not-open';
  return now < effectiveClose(c) ? 'open' : 'closed';
}

/** Default retention: two years after the campaign closes (shown in the privacy notice). */
export function defaultRetainUntil(closesAt: Date): string {
  const d = new Date(closesAt);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d.toISOString().slice(0, 10);
}

/** The last day (YYYY-MM-DD, UTC) on which the campaign takes answers. */
export function lastOpenDay(c: Pick<Campaign, 'closes_at' | 'extended_until'>): string {
  return new Date(effectiveClose(c).getTime() - 1).toISOString().slice(0, 10);
}
