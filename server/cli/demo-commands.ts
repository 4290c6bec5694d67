/**
 * demo:responses: a realistic demo set for the results pages. Responses to an edition from the
 * network's countries, through IPNC e-mail, social media and event links, from a plausible mix of
 * authority types, in the links' languages; generated answers (server/demo/answer-generator.ts),
 * checked like a respondent's and stored through the response repository, each with its wave.
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { listCampaigns } from '../campaigns/campaign-repository.ts';
import { recordAudit } from '../audit/audit-service.ts';
import { createCampaignAudited } from '../console/campaign-console.ts';
import type { Database, Link } from '../db/schema.ts';
import { generateAnswers, seededRandom } from '../demo/answer-generator.ts';
import { buildDemo, DEFAULT_DEMO_SEED } from '../demo/seed-demo.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { createLinkAudited } from '../links/link-admin.ts';
import { insertResponse } from '../responses/response-repository.ts';
import { validatorFor } from '../surveys/answer-validator.ts';
import { findLatestVersion } from '../surveys/edition-repository.ts';
import { syncEditionFiles } from '../surveys/edition-sync.ts';
import { loadReferenceLists } from '../surveys/reference-lists.ts';
import { waveForSubmissionToday } from '../waves/wave-repository.ts';
import type { CliCommand } from './cli-context.ts';

type Weighted<T> = [T, number][];

/** Distinct generated answer sets per experience value; responses draw from them. */
const POOL_SIZE = 40;

/** Link countries with their weight and language: the IPNC countries, and a few others. */
const COUNTRIES: Weighted<[string, string]> = [
  [['FR', 'fr'], 20], [['ES', 'es'], 14], [['PT', 'pt'], 10], [['RO', 'ro'], 10], [['SK', 'sk'], 9], [['LT', 'lt'], 8],
  [['BG', 'bg'], 8], [['EE', 'et'], 7], [['CY', 'el'], 4], [['DE', 'en'], 5], [['IE', 'en'], 3], [['BE', 'fr'], 2],
];
const CHANNELS: Weighted<string> = [['ipnc_email', 70], ['social_media', 20], ['event', 10]];
const AUTHORITIES: Weighted<string> = [
  ['police', 26], ['criminal_police', 8], ['border_guard', 14], ['civil_protection', 14], ['interior_ministry', 10],
  ['central_purchasing_body', 10], ['research_institute', 6], ['other_public', 5], ['private_ngo', 3], ['academia', 2], ['industry', 2],
];
/** Share of respondents with joint procurement experience, by authority type (the rest: no / don't know). */
const EXPERIENCE: Record<string, number> = { central_purchasing_body: 0.7, interior_ministry: 0.55, border_guard: 0.5, police: 0.4, civil_protection: 0.4 };

function pick<T>(rng: () => number, items: Weighted<T>): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

interface DemoOptions {
  surveyId: string;
  edition: string;
  count: number;
  seed: number;
  campaignId?: string;
}

async function demoCampaign(db: Kysely<Database>, o: DemoOptions): Promise<{ id: string; editionId: string; definition: Record<string, unknown> }> {
  const edition = await findLatestVersion(db, o.surveyId, o.edition);
  if (!edition) throw new NotFoundError(`There is no edition ${o.surveyId}/${o.edition}; run surveys:sync first.`);
  const existing = (await listCampaigns(db)).find((c) => (o.campaignId ? c.id === o.campaignId : c.survey_id === o.surveyId && c.edition === o.edition));
  if (o.campaignId && !existing) throw new NotFoundError('There is no such campaign.');
  if (existing) {
    const c = await db.selectFrom('campaign').select('edition_id').where('id', '=', existing.id).executeTakeFirstOrThrow();
    const def = await db.selectFrom('edition').select('definition').where('id', '=', c.edition_id).executeTakeFirstOrThrow();
    return { id: existing.id, editionId: c.edition_id, definition: def.definition };
  }
  const day = 24 * 60 * 60 * 1000;
  const campaign = await createCampaignAudited(db, 'cli', {
    surveyId: o.surveyId, edition: o.edition, name: `${edition.title} (demo)`, demo: true, opensAt: new Date(Date.now() - 30 * day), closesAt: new Date(Date.now() + 30 * day),
  });
  return { id: campaign.id, editionId: edition.id, definition: edition.definition };
}

/** The campaign's link for a country and channel, created when missing. */
async function linkFor(db: Kysely<Database>, countries: string[], cache: Map<string, Link>, campaignId: string, country: string, channel: string, language: string): Promise<Link> {
  const key = `${country}:${channel}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const found = await db.selectFrom('link').selectAll().where('campaign_id', '=', campaignId).where('country', '=', country).where('channel', '=', channel).executeTakeFirst();
  const link = found ?? (await createLinkAudited(db, 'cli', countries, { campaignId, country, channel, language, label: `Demo ${country} ${channel}` }));
  cache.set(key, link);
  return link;
}

export async function seedDemoResponses(db: Kysely<Database>, countries: string[], o: DemoOptions): Promise<{ stored: number; skipped: number; campaignId: string }> {
  const rng = seededRandom(o.seed);
  const campaign = await demoCampaign(db, o);
  const validator = validatorFor(campaign.definition);
  const links = new Map<string, Link>();
  const pools = new Map<string, Record<string, unknown>[]>();
  let stored = 0;
  let skipped = 0;
  let seed = o.seed * 100_003;
  for (let i = 0; i < o.count; i++) {
    const [linkCountry, linkLanguage] = pick(rng, COUNTRIES);
    const channel = pick(rng, CHANNELS);
    const authority = pick(rng, AUTHORITIES);
    // Most answer for the country of their link; a few for a neighbour.
    const country = rng() < 0.93 ? linkCountry : pick(rng, COUNTRIES)[0];
    const language = validator.supportsLocale(linkLanguage) && rng() < 0.8 ? linkLanguage : 'en';
    const wanted = rng() < (EXPERIENCE[authority] ?? 0.3) ? 'yes' : rng() < 0.75 ? 'no' : 'dont_know';
    // Generating a path through the survey takes survey-core a while: draw from a pool of varied
    // answer sets per experience (branches follow it), then set the country and authority type.
    const pool = pools.get(wanted) ?? [];
    pools.set(wanted, pool);
    if (pool.length < POOL_SIZE) pool.push(generateAnswers(campaign.definition, ++seed, validator.asks('jpp_experience') ? { preset: { jpp_experience: wanted } } : {}));
    const answers = { ...pool[Math.floor(rng() * pool.length)] };
    if (validator.groups('country')) answers.country = country;
    if (validator.groups('authority_type')) answers.authority_type = authority;
    const partial = rng() < 0.06;
    const checked = validator.check(answers, language, partial ? 'partial' : 'complete');
    if (Object.keys(checked.errors).length > 0) {
      skipped += 1;
      continue;
    }
    const link = await linkFor(db, countries, links, campaign.id, linkCountry, channel, linkLanguage);
    await insertResponse(db, {
      editionId: campaign.editionId, campaignId: campaign.id, linkId: link.id, linkCountry, country: validator.groups('country') ? country : linkCountry,
      authorityType: validator.groups('authority_type') ? authority : 'not_asked', language, answers: checked.answers, lastPage: partial ? 2 : 0,
      status: partial ? 'partial' : 'complete', resumeTokenHash: null, deletionCodeHash: null,
      waveId: partial ? null : await waveForSubmissionToday(db, campaign.id, linkCountry),
    });
    stored += 1;
  }
  await recordAudit(db, { actor: 'cli', action: 'demo.responses', objectType: 'campaign', objectId: campaign.id, detail: { edition: o.edition, seed: o.seed, stored } });
  return { stored, skipped, campaignId: campaign.id };
}

export const demoResponses: CliCommand = {
  name: 'demo:responses',
  usage: 'demo:responses --edition 2022 [--count 400] [--survey jpp-experience] [--campaign <id>] [--seed 1]   generated responses for demos',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { survey: { type: 'string' }, edition: { type: 'string' }, count: { type: 'string' }, campaign: { type: 'string' }, seed: { type: 'string' } },
    });
    const count = Number(values.count ?? 400);
    const seed = Number(values.seed ?? 1);
    const errors: Record<string, string[]> = {};
    if (!values.edition) errors.edition = ['give the edition, e.g. --edition 2022'];
    if (!Number.isInteger(count) || count < 1 || count > 2_000_000) errors.count = ['a whole number from 1 to 2000000'];
    if (!Number.isInteger(seed)) errors.seed = ['a whole number'];
    if (Object.keys(errors).length > 0) throw new ValidationError('Invalid arguments.', errors);
    const countries = (await loadReferenceLists(config.SURVEYS_DIR)).get('countries')?.map((c) => c.value) ?? [];
    // A fresh database has no edition until the server starts once: publish the files first.
    await syncEditionFiles(db, config.SURVEYS_DIR, 'cli');
    const result = await seedDemoResponses(db, countries, {
      surveyId: values.survey ?? 'jpp-experience', edition: values.edition as string, count, seed, ...(values.campaign ? { campaignId: values.campaign } : {}),
    });
    print(`${result.stored} demo responses stored in campaign ${result.campaignId}${result.skipped ? ` (${result.skipped} generated answers refused by the checks, skipped)` : ''}`);
  },
};

export const demoReplay: CliCommand = {
  name: 'demo:replay',
  usage: 'demo:replay [--seed 2019]   the 2019 and 2022 campaigns replayed day by day, and open demo campaigns to try',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({ args: argv, options: { seed: { type: 'string' } } });
    const seed = Number(values.seed ?? DEFAULT_DEMO_SEED);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new ValidationError('Invalid arguments.', { seed: ['a whole number from 0 to 2147483648'] });
    const existing = (await listCampaigns(db)).filter((c) => c.demo);
    if (existing.length > 0) {
      throw new ConflictError(`This database already holds the demo (${existing.map((c) => c.name).join('; ')}). Replay it into an empty database.`);
    }
    await syncEditionFiles(db, config.SURVEYS_DIR, 'cli');
    const countries = (await loadReferenceLists(config.SURVEYS_DIR)).get('countries')?.map((c) => c.value) ?? [];
    const { replayed, links } = await buildDemo(db, { countries, publicUrl: config.PUBLIC_URL, actor: 'cli', seed });
    for (const r of replayed) {
      print(`jpp-experience/${r.edition}: ${r.complete} complete and ${r.partial} partial demo responses through ${r.links} links, campaign ${r.campaignId}${r.refused ? ` (${r.refused} generated answer sets refused by the checks, skipped)` : ''}`);
    }
    print('Demo respondent links (one open campaign per edition):');
    for (const l of links) print(`  ${l.edition} [${l.language}]  ${l.url}`);
  },
};
