/**
 * A first-run demo: when the database has no campaign, open one per edition with two links
 * (English and French), through the same services as the CLI. Returns the links to print.
 */
import type { Kysely } from 'kysely';
import { countCampaigns } from '../campaigns/campaign-repository.ts';
import { createCampaign } from '../campaigns/campaign-service.ts';
import type { Database } from '../db/schema.ts';
import { createLink, linkUrl } from '../links/link-service.ts';
import { listLatestEditions } from '../surveys/edition-repository.ts';

export interface DemoLink {
  edition: string;
  language: string;
  url: string;
}

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemo(db: Kysely<Database>, countryCodes: string[], publicUrl: string): Promise<DemoLink[]> {
  if ((await countCampaigns(db)) > 0) return [];
  const links: DemoLink[] = [];
  const now = Date.now();
  for (const e of await listLatestEditions(db)) {
    const campaign = await createCampaign(db, {
      surveyId: e.survey_id,
      edition: e.edition,
      name: `${e.title} (demo)`,
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 60 * DAY),
    });
    for (const [country, language, channel] of [['IE', 'en', 'website'], ['FR', 'fr', 'ipnc_email']] as const) {
      if (!countryCodes.includes(country)) continue;
      const link = await createLink(db, countryCodes, { campaignId: campaign.id, country, channel, language, label: `Demo ${language}` });
      links.push({ edition: `${e.survey_id}/${e.edition}`, language, url: linkUrl(publicUrl, link.token) });
    }
  }
  return links;
}
