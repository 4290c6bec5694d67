/**
 * Test data for exports and the dashboard: a 2022 campaign with links in two countries and
 * responses written straight to the table, with generated valid answers (or given ones), so that
 * every figure can be computed by hand.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createLink } from '../../../server/links/link-service.ts';
import { findEditionById } from '../../../server/surveys/edition-repository.ts';
import { openLink } from '../../helper.ts';
import { generateAnswers } from '../../support/answer-generator.ts';

export interface ExportFixture {
  editionId: string;
  campaignId: string;
  links: Record<'FR' | 'ES', string>;
  definition: Record<string, unknown>;
}

export async function exportFixture(app: FastifyInstance): Promise<ExportFixture> {
  const fr = await openLink(app, { country: 'FR', edition: '2022' });
  const es = await createLink(app.db, app.reference.countryCodes, { campaignId: fr.campaignId, country: 'ES', channel: 'ipnc_email', language: 'es' });
  const edition = await findEditionById(app.db, fr.editionId);
  return { editionId: fr.editionId, campaignId: fr.campaignId, links: { FR: fr.linkId, ES: es.id }, definition: edition!.definition };
}

export interface ResponseSpec {
  country: 'FR' | 'ES';
  answers: Record<string, unknown>;
  authorityType?: string;
  status?: 'complete' | 'partial';
}

/** Writes responses directly; returns their ids in order. */
export async function insertAnswers(app: FastifyInstance, f: ExportFixture, specs: readonly ResponseSpec[]): Promise<string[]> {
  const rows = specs.map((s) => ({
    id: randomUUID(), edition_id: f.editionId, campaign_id: f.campaignId, link_id: f.links[s.country], link_country: s.country,
    country: typeof s.answers.country === 'string' ? s.answers.country : s.country,
    authority_type: s.authorityType ?? (typeof s.answers.authority_type === 'string' ? s.answers.authority_type : null),
    language: 'en', status: s.status ?? 'complete', answers: JSON.stringify(s.answers), last_page: 0,
    started_on: '2026-11-20', submitted_on: (s.status ?? 'complete') === 'complete' ? '2026-11-21' : null,
    resume_token_hash: (s.status ?? 'complete') === 'partial' ? `resume-${randomUUID()}` : null,
    deletion_code_hash: `deletion-${randomUUID()}`,
  }));
  for (let i = 0; i < rows.length; i += 200) await app.db.insertInto('response').values(rows.slice(i, i + 200)).execute();
  return rows.map((r) => r.id);
}

/** `n` responses with generated answers (seeded), answered from the link's country. */
export async function insertGenerated(app: FastifyInstance, f: ExportFixture, country: 'FR' | 'ES', n: number, seed = 1): Promise<string[]> {
  const specs = Array.from({ length: n }, (_, i) => ({ country, answers: { ...generateAnswers(f.definition, seed + i), country } }));
  return insertAnswers(app, f, specs);
}

/** Free texts that a spreadsheet would read as formulas, or that start with a tab or carriage return. */
export const HOSTILE_TEXTS = ['=HYPERLINK("http://evil.example","x")', '+1 more budget', '-2 partners', '@SUM(A1)', '\tframework agreement', '\rcommon specifications'];

export const RANKING_ORDER = ['lack_of_experience', 'few_security_examples', 'unclear_applicable_law', 'harmonising_market_research', 'contract_management', 'language', 'budget_cycles', 'ipr_ownership'];

/**
 * The hand-computed data set of the export and dashboard tests (k = 5):
 * FR links, 12 complete: jpp_experience yes x7, no x4, dont_know x1; jpp_attitude 3 x2, 4 x5, 5 x5;
 *   jpp_count 1..12; the same full ranking; jpp_phase_difficulty needs_harmonisation = easy x6;
 *   jpp_kinds ppi x12, pcp x6; comments = HOSTILE_TEXTS on the first six; police x8, border_guard x4.
 * ES links, 6 complete: jpp_experience no, jpp_attitude 2, police.
 * FR, 1 partial: jpp_experience yes.
 */
export async function handDataset(app: FastifyInstance, f: ExportFixture) {
  const fr: ResponseSpec[] = Array.from({ length: 12 }, (_, i) => ({
    country: 'FR' as const,
    authorityType: i < 8 ? 'police' : 'border_guard',
    answers: {
      consent: true, country: 'FR', authority_type: i < 8 ? 'police' : 'border_guard',
      jpp_experience: i < 7 ? 'yes' : i < 11 ? 'no' : 'dont_know',
      jpp_attitude: i < 2 ? 3 : i < 7 ? 4 : 5,
      jpp_count: i + 1,
      obstacles_rank: RANKING_ORDER,
      jpp_kinds: i < 6 ? ['ppi', 'pcp'] : ['ppi'],
      ...(i < 6 ? { jpp_phase_difficulty: { needs_harmonisation: 'easy' }, comments: HOSTILE_TEXTS[i] } : {}),
    },
  }));
  const es: ResponseSpec[] = Array.from({ length: 6 }, () => ({
    country: 'ES' as const, authorityType: 'police',
    answers: { consent: true, country: 'ES', authority_type: 'police', jpp_experience: 'no', jpp_attitude: 2 },
  }));
  const partial: ResponseSpec = { country: 'FR', status: 'partial', answers: { consent: true, country: 'FR', jpp_experience: 'yes' } };
  const frIds = await insertAnswers(app, f, fr);
  const esIds = await insertAnswers(app, f, es);
  const [partialId] = await insertAnswers(app, f, [partial]);
  return { frIds, esIds, partialId: partialId! };
}
