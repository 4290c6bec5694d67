/** Creating distribution links: one campaign, one country, one channel, one default language. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Link } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findCampaign } from '../campaigns/campaign-repository.ts';
import { CHANNELS, LANGUAGES } from './link-options.ts';
import { insertLink } from './link-repository.ts';

export interface CreateLinkInput {
  campaignId: string;
  country: string;
  channel: string;
  language: string;
  label?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 18 random bytes: 144 bits, 24 URL-safe characters. */
export function newLinkToken(): string {
  return randomBytes(18).toString('base64url');
}

export async function createLink(db: Kysely<Database>, countries: readonly string[], input: CreateLinkInput): Promise<Link> {
  const errors: Record<string, string[]> = {};
  if (!countries.includes(input.country)) errors.country = [`Unknown country code "${input.country}".`];
  if (!(CHANNELS as readonly string[]).includes(input.channel)) errors.channel = [`The channel must be one of ${CHANNELS.join(', ')}.`];
  if (!(LANGUAGES as readonly string[]).includes(input.language)) errors.language = [`The language must be one of ${LANGUAGES.join(', ')}.`];
  const label = (input.label ?? '').trim();
  if (label.length > 120) errors.label = ['Keep the label under 120 characters.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('The link is not valid.', errors);
  // Anything but a uuid would make the database refuse the query itself: it names no campaign.
  const campaign = UUID.test(input.campaignId) ? await findCampaign(db, input.campaignId) : undefined;
  if (!campaign) throw new NotFoundError('There is no such campaign.');
  return insertLink(db, {
    token: newLinkToken(),
    campaignId: campaign.id,
    country: input.country,
    channel: input.channel,
    language: input.language,
    label: label || `${input.country} ${input.channel}`,
  });
}

export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}
