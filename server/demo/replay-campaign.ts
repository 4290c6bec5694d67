/**
 * Replays one campaign story through the product's own paths: the campaign, its links per country
 * and channel, its targets and its waves through the audited services; then, day by day, the
 * respondents each wave brought: answers checked by the respondent's validator, stored by the
 * response repository with their day and their wave (the submission's attribution rule, on that
 * day), some saved one day and finished later, some stopped part-way; and the link counters
 * (visits, starts, completions) those respondents make, so that the funnel agrees with the answers.
 */
import type { Kysely } from 'kysely';
import { recordAudit, type SystemActor } from '../audit/audit-service.ts';
import { createCampaignAudited } from '../console/campaign-console.ts';
import type { Database, Link } from '../db/schema.ts';
import { bumpFunnel, type FunnelIncrement } from '../funnel/funnel-repository.ts';
import { createLinkAudited } from '../links/link-admin.ts';
import { CHANNEL_LABELS, type Channel } from '../links/link-options.ts';
import { insertResponse } from '../responses/response-repository.ts';
import { validatorFor } from '../surveys/answer-validator.ts';
import { findEditionById } from '../surveys/edition-repository.ts';
import { setTargets } from '../targets/target-service.ts';
import { waveForSubmissionOn } from '../waves/wave-repository.ts';
import { recordWave } from '../waves/wave-service.ts';
import { seededRandom } from './answer-generator.ts';
import { storyChannels, type CampaignStory } from './campaign-stories.ts';
import { addDays, countryPulls, pickWeighted, spreadOverDays, type Rng } from './daily-volumes.ts';
import { DemoRespondents } from './demo-respondents.ts';

export interface ReplayOptions {
  /** Country codes of the reference list (links are checked against it). */
  countries: readonly string[];
  actor: SystemActor;
  seed: number;
}

export interface ReplayOutcome {
  campaignId: string;
  edition: string;
  complete: number;
  partial: number;
  /** Generated answer sets the checks refused (not stored). */
  refused: number;
  links: number;
}

const AUTHORITIES: [string, number][] = [
  ['police', 26], ['criminal_police', 8], ['border_guard', 14], ['civil_protection', 14], ['interior_ministry', 10],
  ['central_purchasing_body', 10], ['research_institute', 6], ['other_public', 5], ['private_ngo', 3], ['academia', 2], ['industry', 2],
];
/** Share with joint procurement experience by authority type, before the edition's lean. */
const EXPERIENCE: Record<string, number> = { central_purchasing_body: 0.6, interior_ministry: 0.45, border_guard: 0.38, police: 0.3, civil_protection: 0.3 };
/** Visitors who look and leave, per person who starts, by channel: social media brings the most of them. */
const LOOKERS: Partial<Record<Channel, number>> = { ipnc_email: 0.45, social_media: 1.8, event: 0.9, newsletter: 0.8 };

const isoStart = (day: string) => new Date(`${day}T00:00:00Z`);

/** Counters per link and day, filled as respondents are replayed and written at the end. */
class FunnelDays {
  readonly days = new Map<string, Map<string, Required<FunnelIncrement>>>();

  add(linkId: string, day: string, inc: FunnelIncrement): void {
    const byDay = this.days.get(linkId) ?? new Map<string, Required<FunnelIncrement>>();
    this.days.set(linkId, byDay);
    const row = byDay.get(day) ?? { visits: 0, starts: 0, completions: 0 };
    byDay.set(day, { visits: row.visits + (inc.visits ?? 0), starts: row.starts + (inc.starts ?? 0), completions: row.completions + (inc.completions ?? 0) });
  }
}

export async function replayCampaign(db: Kysely<Database>, story: CampaignStory, o: ReplayOptions): Promise<ReplayOutcome> {
  const rng: Rng = seededRandom(o.seed * 7919 + Number(story.edition));
  const last = story.extendedUntil ?? story.closesOn;
  // Kept as long as the demo is: a past campaign's default retention would have run out already.
  const retainUntil = `${new Date().getUTCFullYear() + 2}-12-31`;
  const campaign = await createCampaignAudited(db, o.actor, {
    surveyId: 'jpp-experience', edition: story.edition, name: story.name, demo: true, retainUntil,
    opensAt: isoStart(story.opensOn), closesAt: isoStart(addDays(story.closesOn, 1)), extendedUntil: story.extendedUntil ? isoStart(addDays(last, 1)) : null,
  });
  const edition = (await findEditionById(db, campaign.edition_id))!;
  const validator = validatorFor(edition.definition);
  const respondents = new DemoRespondents(edition.definition, validator, story.lean, o.seed + Number(story.edition));

  const links = new Map<string, Link>();
  for (const plan of story.countries) {
    for (const channel of storyChannels(story)) {
      const language = channel === 'ipnc_email' ? plan.language : 'en';
      const link = await createLinkAudited(db, o.actor, o.countries, { campaignId: campaign.id, country: plan.country, channel, language, label: `${CHANNEL_LABELS[channel]} (demo)` });
      links.set(`${plan.country}:${channel}`, link);
    }
    await setTargets(db, o.actor, campaign.id, plan.country, [], { '': String(plan.invited) });
  }
  for (const w of story.waves) {
    await recordWave(db, o.actor, { campaignId: campaign.id, country: w.country, kind: w.kind, waveOn: w.on, channel: w.channel, note: w.note });
  }

  const outcome: ReplayOutcome = { campaignId: campaign.id, edition: story.edition, complete: 0, partial: 0, refused: 0, links: links.size };
  await db.transaction().execute(async (trx) => {
    const funnel = new FunnelDays();
    const waveOf = new Map<string, string | null>();
    for (const plan of story.countries) {
      const pulls = countryPulls(story, plan.country);
      const total = Math.round(plan.invited * plan.rate);
      const completes = spreadOverDays(pulls, total, rng);
      const partials = spreadOverDays(pulls, Math.round(total * story.lean.partial), rng);
      for (const [i, pull] of pulls.entries()) {
        for (let n = 0; n < completes[i]! + partials[i]!; n++) {
          const stopped = n >= completes[i]!;
          const channel = pickWeighted(rng, pull.channels);
          const link = links.get(`${plan.country}:${channel}`)!;
          const authorityType = pickWeighted(rng, AUTHORITIES);
          const experience = rng() < Math.min(0.9, (EXPERIENCE[authorityType] ?? 0.22) * story.lean.experience) ? 'yes' : rng() < 0.75 ? 'no' : 'dont_know';
          const language = validator.supportsLocale(link.language) && rng() < 0.85 ? link.language : 'en';
          const answers = respondents.complete({ experience, country: plan.country, authorityType, language }, rng);
          const saved = answers && stopped ? respondents.partial(answers, language, rng) : null;
          if (!answers || (stopped && !saved)) {
            outcome.refused += 1;
            continue;
          }
          const fields = {
            editionId: edition.id, campaignId: campaign.id, linkId: link.id, linkCountry: plan.country, language,
            country: plan.country,
            authorityType: validator.groups('authority_type') ? authorityType : 'not_asked',
            resumeTokenHash: null, deletionCodeHash: null,
          };
          if (saved) {
            // Nobody holds a resume token for a replayed response: it stays where it stopped.
            await insertResponse(trx, { ...fields, answers: saved.answers, lastPage: saved.lastPage, status: 'partial', startedOn: pull.day });
            funnel.add(link.id, pull.day, { visits: 1, starts: 1 });
            outcome.partial += 1;
            continue;
          }
          const back = rng() < story.lean.resumed ? 1 + Math.floor(rng() * 3) : 0;
          const startedOn = back > 0 && addDays(pull.day, -back) >= story.opensOn ? addDays(pull.day, -back) : pull.day;
          const key = `${plan.country}:${pull.day}`;
          if (!waveOf.has(key)) waveOf.set(key, await waveForSubmissionOn(trx, campaign.id, plan.country, pull.day));
          await insertResponse(trx, {
            ...fields, answers, lastPage: 0, status: 'complete', startedOn, submittedOn: pull.day, waveId: waveOf.get(key) ?? null,
          });
          funnel.add(link.id, startedOn, { visits: 1, starts: 1 });
          funnel.add(link.id, pull.day, { visits: startedOn === pull.day ? 0 : 1, completions: 1 });
          outcome.complete += 1;
        }
      }
    }
    // Visitors who looked and left, then the counters, each link's days in order.
    for (const [linkId, byDay] of funnel.days) {
      const channel = [...links.values()].find((l) => l.id === linkId)!.channel as Channel;
      for (const [day, inc] of [...byDay].sort((a, b) => a[0].localeCompare(b[0]))) {
        const lookers = Math.round(inc.starts * (LOOKERS[channel] ?? 0.5) * (0.6 + 0.8 * rng()));
        await bumpFunnel(trx, linkId, { ...inc, visits: inc.visits + lookers }, day);
      }
    }
    await recordAudit(trx, {
      actor: o.actor, action: 'demo.replay', objectType: 'campaign', objectId: campaign.id,
      detail: { edition: story.edition, seed: o.seed, complete: outcome.complete, partial: outcome.partial, from: story.opensOn, to: last },
    });
  });
  return outcome;
}
