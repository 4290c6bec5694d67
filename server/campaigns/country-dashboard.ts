/**
 * Everything the national dashboard shows for one campaign and one country, with the k rule
 * applied: the curve by period, complete and partial, rate against target overall and per
 * authority type, drop-off by page, responses by wave, and the funnel per link.
 */
import type { Kysely } from 'kysely';
import type { Database, Edition } from '../db/schema.ts';
import type { Campaign } from '../db/schema.ts';
import { funnelByLink } from '../funnel/funnel-repository.ts';
import { CHANNEL_LABELS, type Channel } from '../links/link-options.ts';
import { listLinks } from '../links/link-repository.ts';
import { listTargets, OVERALL } from '../targets/target-repository.ts';
import { listWaves } from '../waves/wave-repository.ts';
import { WAVE_LABELS } from '../waves/wave-options.ts';
import { campaignState, lastOpenDay } from './campaign-window.ts';
import { dailyCurveChart } from './dashboard-chart.ts';
import { breakdown, funnelFigures, networkTargetForCountry, networkTotalForCountry, rate, safeCount } from './dashboard-figures.ts';
import * as repo from './dashboard-repository.ts';
import { daysBetween, periodsOfAtLeastK } from './daily-bins.ts';

export interface AuthorityTypeOption {
  value: string;
  label: string;
}

export interface DashboardInput {
  campaign: Campaign;
  edition: Pick<Edition, 'definition'>;
  country: string;
  k: number;
  /** A national contact sees the network's figure only when it gives away no other country's. */
  viewerIsNationalContact: boolean;
  authorityTypes: readonly AuthorityTypeOption[];
}

/** Page titles by index; only up to the first page that can be skipped (a skipped page shifts the numbers). */
function pageTitles(definition: Record<string, unknown>): string[] {
  const pages = Array.isArray(definition.pages) ? (definition.pages as Record<string, unknown>[]) : [];
  const titles: string[] = [];
  for (const p of pages) {
    if (p.visibleIf || p.visible === false) break;
    const t = p.title as string | Record<string, string> | undefined;
    titles.push(typeof t === 'string' ? t : t?.default ?? String(p.name ?? ''));
  }
  return titles;
}

export async function countryDashboard(db: Kysely<Database>, input: DashboardInput) {
  const { campaign, country, k } = input;
  const today = await repo.databaseToday(db);
  const first = campaign.opens_at.toISOString().slice(0, 10);
  const lastDay = lastOpenDay(campaign);
  const curveEnd = today < first ? first : today > lastDay ? lastDay : today;

  const [byDay, status, byType, byPage, byWave, byCountry, targets, allTargets, waves, links, funnel] = await Promise.all([
    repo.completesByDay(db, campaign.id, country),
    repo.statusCounts(db, campaign.id, country),
    repo.completesByAuthorityType(db, campaign.id, country),
    repo.partialsByLastPage(db, campaign.id, country),
    repo.completesByWave(db, campaign.id, country),
    repo.completesByCountry(db, campaign.id),
    listTargets(db, campaign.id, country),
    listTargets(db, campaign.id, null),
    listWaves(db, campaign.id, country),
    listLinks(db, campaign.id, country),
    funnelByLink(db, campaign.id, country),
  ]);

  // The curve, in periods of 0 or at least k responses.
  const counts = new Map(byDay.map((d) => [d.day, d.count]));
  const days = daysBetween(first, curveEnd).map((day) => ({ day, count: counts.get(day) ?? 0 }));
  // Answers dated outside the window (a campaign whose dates moved) join the nearest day.
  for (const d of byDay) {
    if (d.day < first && days[0]) days[0].count += d.count;
    else if (d.day > curveEnd && days.length > 0) days[days.length - 1]!.count += d.count;
  }
  const periods = periodsOfAtLeastK(days, k);
  const markers = waves.map((w) => ({ day: w.wave_on, label: `${WAVE_LABELS[w.kind]}${w.country ? '' : ' (all countries)'}` }));
  const curve = periods && status.complete > 0
    ? { chart: dailyCurveChart(periods, first, curveEnd, markers), merged: periods.some((p) => p.days > 1 && p.count > 0) }
    : null;

  // Headline figures.
  const targetOf = new Map(targets.map((t) => [t.authority_type, t.invited]));
  const typeTargets = targets.filter((t) => t.authority_type !== OVERALL);
  const overallTarget = targetOf.get(OVERALL) ?? (typeTargets.length > 0 ? typeTargets.reduce((a, t) => a + t.invited, 0) : null);
  const complete = safeCount(status.complete, k);
  const partial = safeCount(status.partial, k);
  const started = complete !== null && partial !== null ? complete + partial : null;

  // The network, for comparison.
  const countryTargets = new Map<string, number>();
  for (const t of allTargets) {
    if (t.authority_type === OVERALL) countryTargets.set(t.country, t.invited);
    else if (!allTargets.some((x) => x.country === t.country && x.authority_type === OVERALL)) countryTargets.set(t.country, (countryTargets.get(t.country) ?? 0) + t.invited);
  }
  const networkComplete = input.viewerIsNationalContact
    ? networkTotalForCountry(byCountry, country, k)
    : safeCount([...byCountry.values()].reduce((a, b) => a + b, 0), k);
  const networkInvited = input.viewerIsNationalContact
    ? networkTargetForCountry(countryTargets, country)
    : countryTargets.size > 0 ? [...countryTargets.values()].reduce((a, b) => a + b, 0) : null;

  // Per authority type: every type of the reference list, then any other value met in the answers.
  const seen = new Map(byType.map((r) => [r.authorityType ?? '', r.count]));
  const typeRows = input.authorityTypes.map((t) => ({ key: t.value, label: t.label, count: seen.get(t.value) ?? 0 }));
  for (const [key, count] of seen) {
    if (input.authorityTypes.some((t) => t.value === key)) continue;
    typeRows.push({ key, label: key === '' ? 'Not answered' : key === 'not_asked' ? 'Not asked by this edition' : key, count });
  }
  const byAuthority = breakdown(typeRows, k);
  const authority = {
    total: byAuthority.total,
    rows: byAuthority.rows.map((r) => ({ ...r, invited: targetOf.get(r.key) ?? null, rate: rate(r.count, targetOf.get(r.key)) })),
  };

  // Where partial answers stopped.
  const titles = pageTitles(input.edition.definition);
  const dropOff = breakdown(byPage.map((p) => ({ page: p.page + 1, title: titles[p.page] ?? '', count: p.count })), k);

  // Responses by the wave they were attributed to.
  const waveCounts = new Map(byWave.map((w) => [w.waveId ?? '', w.count]));
  const waveRows = waves.map((w) => ({
    id: w.id, day: w.wave_on, kind: WAVE_LABELS[w.kind], allCountries: w.country === null, channel: w.channel ? CHANNEL_LABELS[w.channel as Channel] ?? w.channel : '',
    note: w.note, count: waveCounts.get(w.id) ?? 0,
  }));
  if ((waveCounts.get('') ?? 0) > 0 || waveRows.length === 0) {
    waveRows.unshift({ id: '', day: '', kind: 'Before any wave', allCountries: false, channel: '', note: '', count: waveCounts.get('') ?? 0 });
  }
  const byWaves = breakdown(waveRows, k);

  // The funnel per link.
  const counters = new Map(funnel.map((f) => [f.linkId, f]));
  const funnelRows = links.map((l) => counters.get(l.id) ?? { linkId: l.id, visits: 0, starts: 0, completions: 0 });
  const funnelShown = funnelFigures(funnelRows, k);

  return {
    today,
    firstDay: first,
    lastDay,
    state: campaignState(campaign),
    k,
    curve,
    headline: {
      complete,
      partial,
      started,
      completionShare: started ? rate(complete, started) : null,
      invited: overallTarget,
      rate: rate(complete, overallTarget),
    },
    network: { complete: networkComplete, invited: networkInvited, rate: rate(networkComplete, networkInvited) },
    authority,
    dropOff,
    waves: byWaves,
    funnel: {
      total: funnelShown.total,
      rows: links.map((l, i) => ({
        id: l.id, label: l.label, channel: CHANNEL_LABELS[l.channel as Channel] ?? l.channel, language: l.language,
        disabled: l.disabled_at !== null, ...funnelShown.rows[i]!,
      })),
    },
  };
}

export type CountryDashboard = Awaited<ReturnType<typeof countryDashboard>>;
