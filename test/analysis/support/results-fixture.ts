/**
 * A small, hand-counted set of responses to the every-type fixture (test/fixtures/all-types.json),
 * stored through the response repository: 8 complete responses and 1 partial, on two links of one
 * campaign (A: FR, ipnc_email; B: ES, social_media). Expected figures are worked out in the tests.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createCampaign } from '../../../server/campaigns/campaign-service.ts';
import { createLink } from '../../../server/links/link-service.ts';
import { insertResponse } from '../../../server/responses/response-repository.ts';
import { ensureSurvey, insertEdition } from '../../../server/surveys/edition-repository.ts';
import { contentHash } from '../../../server/surveys/canonical-json.ts';

export const allTypes = JSON.parse(readFileSync(new URL('../../fixtures/all-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export interface Row {
  link: 'A' | 'B';
  country: string | null;
  authority: string;
  language: string;
  status?: 'partial';
  answers: Record<string, unknown>;
}

export const ROWS: Row[] = [
  { link: 'A', country: 'FR', authority: 'police', language: 'en', answers: { experience: 'yes', country: 'FR', again: true, satisfaction: 5, kinds: ['cots', 'ppi'], obstacles: ['law', 'language', 'budget'], phases: { pre: 'easy', tender: 'hard' }, count: 3, remarks: 'alpha', channel: 'web' } },
  { link: 'A', country: 'FR', authority: 'police', language: 'en', answers: { experience: 'yes', country: 'FR', again: true, satisfaction: 4, kinds: ['cots'], obstacles: ['law', 'budget', 'language'], phases: { pre: 'easy', tender: 'easy' }, count: 5, remarks: 'beta', channel: 'web' } },
  { link: 'A', country: 'FR', authority: 'police', language: 'fr', answers: { experience: 'yes', country: 'FR', again: false, satisfaction: 4, kinds: ['cots', 'pcp'], obstacles: ['language', 'law', 'budget'], phases: { pre: 'hard' }, count: 7, channel: 'mail' } },
  { link: 'A', country: 'FR', authority: 'border_guard', language: 'fr', answers: { experience: 'yes', country: 'FR', again: true, satisfaction: 3, kinds: ['ppi', 'other'], 'kinds-Comment': 'joint lab', obstacles: ['budget', 'law', 'language'], phases: { pre: 'easy', tender: 'hard', post: 'easy' }, count: 10, remarks: 'gamma', channel: 'other', 'channel-Comment': 'fax' } },
  { link: 'B', country: 'ES', authority: 'border_guard', language: 'es', answers: { experience: 'no', country: 'ES', again: false, satisfaction: 2, obstacles: ['law', 'language', 'budget'], phases: { pre: 'hard', post: 'hard' }, count: 0, channel: 'mail' } },
  { link: 'B', country: 'ES', authority: 'police', language: 'es', answers: { experience: 'no', country: 'ES', again: true, satisfaction: 5, obstacles: ['law', 'budget', 'language'], phases: { tender: 'easy' }, count: 1, remarks: 'delta', channel: 'web' } },
  { link: 'B', country: 'ES', authority: 'police', language: 'en', answers: { experience: 'dont_know', country: 'ES', satisfaction: 1, channel: 'web' } },
  { link: 'B', country: 'FR', authority: 'police', language: 'en', answers: { experience: 'yes', country: 'FR', again: true, satisfaction: 4, kinds: ['cots', 'ppi', 'pcp'], obstacles: ['language', 'budget', 'law'], phases: { pre: 'easy' }, count: 2, channel: 'other', 'channel-Comment': 'pigeon' } },
  { link: 'A', country: 'FR', authority: 'police', language: 'en', status: 'partial', answers: { experience: 'yes', country: 'FR' } },
];

const DAY = 24 * 60 * 60 * 1000;

/** `n` copies of a row: for groups of a known size. */
export function times(n: number, row: Row): Row[] {
  return Array.from({ length: n }, () => row);
}

/** Publishes a definition (the fixture by default) as an edition, opens a campaign with links A and B, stores the rows. */
export async function seedResults(app: FastifyInstance, rows: readonly Row[] = ROWS, opts: { definition?: Record<string, unknown>; edition?: string } = {}) {
  const definition = opts.definition ?? allTypes;
  const editionName = opts.edition ?? '1';
  await ensureSurvey(app.db, 'all-types');
  const edition = await insertEdition(app.db, {
    surveyId: 'all-types', edition: editionName, version: 1, contentHash: contentHash(definition), title: 'Every question type', definition, source: 'upload',
  });
  const campaign = await createCampaign(app.db, { surveyId: 'all-types', edition: editionName, name: 'Results test', opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) });
  const links = {
    A: await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'FR', channel: 'ipnc_email', language: 'en' }),
    B: await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'ES', channel: 'social_media', language: 'es' }),
  };
  for (const r of rows) {
    const link = links[r.link];
    await insertResponse(app.db, {
      editionId: edition.id, campaignId: campaign.id, linkId: link.id, linkCountry: link.country, country: r.country,
      authorityType: r.authority, language: r.language, answers: r.answers, lastPage: 0,
      status: r.status ?? 'complete', resumeTokenHash: null, deletionCodeHash: null,
    });
  }
  return { editionId: edition.id, campaignId: campaign.id, definition, links };
}
