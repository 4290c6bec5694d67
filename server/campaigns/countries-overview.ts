/**
 * The overview of every country of a campaign, for analysts and admins: complete responses (a
 * breakdown of the network's total, suppressed as one), target, rate, the country's last wave and
 * the days since it, so that a country whose contact has gone quiet stands out.
 */
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';
import { listTargets, OVERALL } from '../targets/target-repository.ts';
import { listWaves } from '../waves/wave-repository.ts';
import { WAVE_LABELS } from '../waves/wave-options.ts';
import { countriesChart } from './dashboard-chart.ts';
import { breakdown, rate } from './dashboard-figures.ts';
import * as repo from './dashboard-repository.ts';

const DAY_MS = 86_400_000;

export async function countriesOverview(db: Kysely<Database>, campaign: Campaign, k: number, countryNames: ReadonlyMap<string, string>) {
  const today = await repo.databaseToday(db);
  const [byCountry, participating, targets, waves] = await Promise.all([
    repo.completesByCountry(db, campaign.id),
    repo.campaignCountries(db, campaign.id),
    listTargets(db, campaign.id, null),
    listWaves(db, campaign.id, null),
  ]);
  const countries = [...new Set([...participating, ...byCountry.keys()])].sort();

  const invitedOf = (country: string): number | null => {
    const own = targets.filter((t) => t.country === country);
    const overall = own.find((t) => t.authority_type === OVERALL);
    if (overall) return overall.invited;
    return own.length > 0 ? own.reduce((a, t) => a + t.invited, 0) : null;
  };
  // The country's own waves: what its contact did (waves of every country are the same for all).
  const lastWaveOf = (country: string) => {
    const past = waves.filter((w) => w.country === country && w.wave_on <= today);
    return past[past.length - 1] ?? null;
  };

  const shown = breakdown(countries.map((country) => ({ country, count: byCountry.get(country) ?? 0 })), k);
  const rows = shown.rows.map((r) => {
    const invited = invitedOf(r.country);
    const last = lastWaveOf(r.country);
    return {
      country: r.country,
      name: countryNames.get(r.country) ?? r.country,
      complete: r.count,
      invited,
      rate: rate(r.count, invited),
      lastWave: last ? { day: last.wave_on, kind: WAVE_LABELS[last.kind] } : null,
      daysSinceLastWave: last ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last.wave_on}T00:00:00Z`)) / DAY_MS) : null,
    };
  });
  const invitedTotal = rows.some((r) => r.invited !== null) ? rows.reduce((a, r) => a + (r.invited ?? 0), 0) : null;
  return {
    today,
    rows,
    total: { complete: shown.total, invited: invitedTotal, rate: rate(shown.total, invitedTotal) },
    chart: countriesChart(rows.map((r) => ({ country: r.country, complete: r.complete, invited: r.invited }))),
  };
}
