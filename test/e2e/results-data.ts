/**
 * Responses for the results pages in the browser: both editions, a campaign each, one link per
 * country, and generated valid answers (test/support/answer-generator.ts) written straight to the
 * table, the country answered being the link's, so that every country has groups above k.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createCampaign } from '../../server/campaigns/campaign-service.ts';
import { createLink } from '../../server/links/link-service.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';

const DAY = 86_400_000;
const POOL = 23;

export interface SeededEdition {
  editionId: string;
  campaignId: string;
  /** Complete responses per country. */
  counts: Record<string, number>;
}

/** One campaign of `edition` with `perCountry` complete responses per country; returns the ids. */
export async function seedEdition(app: FastifyInstance, edition: '2019' | '2022', perCountry: Record<string, number>, seed: number): Promise<SeededEdition> {
  const year = Number(edition);
  const campaign = await createCampaign(app.db, {
    surveyId: 'jpp-experience', edition, name: `JPP experience ${edition}`,
    opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() + 10 * DAY),
  });
  const definition = (await findEditionById(app.db, campaign.edition_id))!.definition;
  // Walking a definition with survey-core takes a while: a pool of answer sets, used in turn.
  const pool = Array.from({ length: POOL }, (_, i) => generateAnswers(definition, seed + i));
  let n = 0;
  for (const [country, count] of Object.entries(perCountry)) {
    const link = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country, channel: 'ipnc_email', language: 'en', label: 'E-mail' });
    const rows = Array.from({ length: count }, (_, i) => {
      const answers: Record<string, unknown> = { ...pool[n++ % POOL], country };
      const day = new Date(Date.UTC(year, 10, 4 + (i % 20))).toISOString().slice(0, 10);
      return {
        id: randomUUID(), edition_id: campaign.edition_id, campaign_id: campaign.id, link_id: link.id, link_country: country, country,
        authority_type: typeof answers.authority_type === 'string' ? answers.authority_type : null,
        language: 'en', status: 'complete' as const, answers: JSON.stringify(answers), last_page: 0,
        started_on: day, submitted_on: day, resume_token_hash: null, deletion_code_hash: `deletion-${randomUUID()}`,
      };
    });
    for (let i = 0; i < rows.length; i += 200) await app.db.insertInto('response').values(rows.slice(i, i + 200)).execute();
  }
  return { editionId: campaign.edition_id, campaignId: campaign.id, counts: { ...perCountry } };
}
