/**
 * What an export or a dashboard request is about: the results filters from the query string (the
 * same parameters as the results pages, analysis/filter-query.ts), narrowed to the reader's
 * country for an IPNC, and the edition whose definition describes the answers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseFilterQuery, type QueryInput } from '../../analysis/filter-query.ts';
import type { ResultFilters } from '../../analysis/filters.ts';
import { findQuestion, isChoiceQuestion } from '../../analysis/question-catalogue.ts';
import { countryScope } from '../auth/guards.ts';
import { findCampaign } from '../campaigns/campaign-repository.ts';
import type { Edition } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findEditionById } from '../surveys/edition-repository.ts';

export interface ExportScope {
  filters: ResultFilters;
  edition: Edition;
  /** The IPNC's country, or null for every country. */
  country: string | null;
}

/**
 * An IPNC reads responses that came through their own country's links only. Asking for another
 * country (link or answered) is "not found", like any other object of another country.
 */
export function scopeToCountry(filters: ResultFilters, country: string | null): ResultFilters {
  if (country === null) return filters;
  const others = [...filters.linkCountry, ...filters.country].filter((c) => c !== country);
  if (others.length > 0) throw new NotFoundError();
  return { ...filters, linkCountry: [country] };
}

export async function resolveScope(app: FastifyInstance, request: FastifyRequest, allow: readonly string[]): Promise<ExportScope> {
  const parsed = parseFilterQuery(request.query as QueryInput, { allow });
  if (!parsed.ok) throw new ValidationError('The filters are not valid.', parsed.errors);
  const country = countryScope(request);
  const filters = scopeToCountry(parsed.filters, country);

  let editionId = filters.editionId;
  if (filters.campaignId) {
    const campaign = await findCampaign(app.db, filters.campaignId);
    if (!campaign || (editionId && campaign.edition_id !== editionId)) throw new NotFoundError('There is no such campaign.');
    editionId = campaign.edition_id;
  }
  const edition = editionId ? await findEditionById(app.db, editionId) : undefined;
  if (!edition) throw new NotFoundError('There is no such edition.');

  const problems = Object.create(null) as Record<string, string[]>;
  for (const q of filters.questions) {
    const info = findQuestion(edition.definition, q.question);
    if (!info || !isChoiceQuestion(info)) problems[`q.${q.question}`] = ['is not a choice question of this edition'];
  }
  if (Object.keys(problems).length > 0) throw new ValidationError('The filters are not valid.', problems);
  return { filters, edition, country };
}
