/**
 * The demo: the 2019 and 2022 campaigns replayed as they ran (replay-campaign.ts), and one open
 * campaign per edition with links in English and French to try the survey. Every campaign is
 * flagged as demo and every change audited, with the server (at first start) or the command
 * line as the actor. `npm start` builds it when the database has no campaign.
 */
import type { Kysely } from 'kysely';
import { type SystemActor } from '../audit/audit-service.ts';
import { countCampaigns } from '../campaigns/campaign-repository.ts';
import { createCampaignAudited } from '../console/campaign-console.ts';
import type { Database } from '../db/schema.ts';
import { createLinkAudited } from '../links/link-admin.ts';
import { linkUrl } from '../links/link-service.ts';
import { listLatestEditions } from '../surveys/edition-repository.ts';
import { recordWave } from '../waves/wave-service.ts';
import { STORIES } from './campaign-stories.ts';
import { replayCampaign, type ReplayOutcome } from './replay-campaign.ts';

export interface DemoLink {
  edition: string;
  language: string;
  url: string;
}

export interface DemoOptions {
  countries: readonly string[];
  publicUrl: string;
  actor: SystemActor;
  /** The same seed gives the same answers, days and counters. */
  seed: number;
}

export const DEFAULT_DEMO_SEED = 2019;
const DAY = 24 * 60 * 60 * 1000;

/** One open campaign per edition, with an English and a French link, launched today. */
async function openDemoCampaigns(db: Kysely<Database>, o: DemoOptions): Promise<DemoLink[]> {
  const links: DemoLink[] = [];
  const now = Date.now();
  for (const e of await listLatestEditions(db)) {
    const campaign = await createCampaignAudited(db, o.actor, {
      surveyId: e.survey_id, edition: e.edition, name: `${e.title} (demo, open to try)`, demo: true,
      opensAt: new Date(now - DAY), closesAt: new Date(now + 60 * DAY),
    });
    await recordWave(db, o.actor, {
      campaignId: campaign.id, country: null, kind: 'launch', waveOn: new Date(now).toISOString().slice(0, 10), channel: 'website', note: 'Demo campaign, open to try the survey',
    });
    for (const [country, language, channel] of [['IE', 'en', 'website'], ['FR', 'fr', 'ipnc_email']] as const) {
      if (!o.countries.includes(country)) continue;
      const link = await createLinkAudited(db, o.actor, o.countries, { campaignId: campaign.id, country, channel, language, label: `Demo ${language}` });
      links.push({ edition: `${e.survey_id}/${e.edition}`, language, url: linkUrl(o.publicUrl, link.token) });
    }
  }
  return links;
}

/** The whole demo: the replayed campaigns, then the open ones. */
export async function buildDemo(db: Kysely<Database>, o: DemoOptions): Promise<{ replayed: ReplayOutcome[]; links: DemoLink[] }> {
  const replayed: ReplayOutcome[] = [];
  for (const story of STORIES) replayed.push(await replayCampaign(db, story, o));
  return { replayed, links: await openDemoCampaigns(db, o) };
}

/** At start: the demo when the database has no campaign at all; returns the links to print. */
export async function seedDemo(db: Kysely<Database>, countryCodes: string[], publicUrl: string): Promise<DemoLink[]> {
  if ((await countCampaigns(db)) > 0) return [];
  const { links } = await buildDemo(db, { countries: countryCodes, publicUrl, actor: 'server', seed: DEFAULT_DEMO_SEED });
  return links;
}
