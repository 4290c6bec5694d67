/**
 * What every campaigns route checks before it does anything: the campaign exists, the country is a
 * known code and the signed-in member may see it (an IPNC: their own; another country is a 404,
 * exactly like an unknown one), and a link belongs to a country the member may see.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertCountryAccess } from '../../auth/guards.ts';
import { findCampaign } from '../../campaigns/campaign-repository.ts';
import type { Campaign, Link } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { findEditionById } from '../../surveys/edition-repository.ts';
import { findLink } from '../../links/link-repository.ts';

export const campaignParams = z.object({ campaignId: z.uuid() });
export const countryParams = z.object({ campaignId: z.uuid(), country: z.string().regex(/^[A-Z]{2}$/, 'must be a country code such as FR') });
export const linkParams = z.object({ linkId: z.uuid() });
export const waveParams = z.object({ waveId: z.uuid() });

export async function loadCampaign(fastify: FastifyInstance, campaignId: string): Promise<Campaign> {
  const campaign = await findCampaign(fastify.db, campaignId);
  if (!campaign) throw new NotFoundError('There is no such campaign.');
  return campaign;
}

export async function loadCampaignWithEdition(fastify: FastifyInstance, campaignId: string) {
  const campaign = await loadCampaign(fastify, campaignId);
  const edition = await findEditionById(fastify.db, campaign.edition_id);
  if (!edition) throw new NotFoundError('There is no such campaign.');
  return { campaign, edition };
}

/** A known country the member may see; anything else is the same 404. */
export function checkCountry(fastify: FastifyInstance, request: FastifyRequest, country: string): void {
  if (!fastify.reference.countryCodes.includes(country)) throw new NotFoundError();
  assertCountryAccess(request, country);
}

export async function loadLink(fastify: FastifyInstance, request: FastifyRequest, linkId: string): Promise<Link> {
  const link = await findLink(fastify.db, linkId);
  if (!link) throw new NotFoundError();
  assertCountryAccess(request, link.country);
  return link;
}

/** Country code -> its English name, from surveys/reference/countries.json. */
export function countryNames(fastify: FastifyInstance): Map<string, string> {
  return new Map((fastify.reference.lists.get('countries') ?? []).map((c) => [c.value, c.text.default ?? c.value]));
}

export function authorityTypeOptions(fastify: FastifyInstance) {
  return (fastify.reference.lists.get('authority-types') ?? []).map((t) => ({ value: t.value, label: t.text.default ?? t.value }));
}

/** A percentage for display, or null when the share is hidden or undefined. */
export function percent(share: number | null | undefined): string | null {
  return share === null || share === undefined ? null : `${(share * 100).toFixed(1)} %`;
}

/** The tabs over one campaign and one country. */
export function countryTabs(campaignId: string, country: string, active: 'dashboard' | 'links' | 'waves' | 'targets', canManage: boolean) {
  const base = `/staff/campaigns/${campaignId}/country/${country}`;
  const tabs = [{ key: 'dashboard', label: 'Dashboard', href: base }];
  if (canManage) {
    tabs.push({ key: 'links', label: 'Links', href: `${base}/links` }, { key: 'waves', label: 'Waves', href: `${base}/waves` }, { key: 'targets', label: 'Targets', href: `${base}/targets` });
  }
  return tabs.map((t) => ({ ...t, active: t.key === active }));
}
