/**
 * What a results request is about: the filters from the query string (analysis/filter-query.ts),
 * narrowed to the reader's country for a national contact (their links only; another country is a
 * 404), the edition, and what the reader may see (free texts: analysts and admins).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AnalysisInputError, checkQuestionFilters } from '../../analysis/analysis-input.ts';
import type { ResultFilters } from '../../analysis/filters.ts';
import { questionCatalogue, type QuestionInfo } from '../../analysis/question-catalogue.ts';
import { principalOf } from '../auth/guards.ts';
import { editionHasDemoCampaign } from '../campaigns/campaign-repository.ts';
import type { Edition } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { resolveScope } from '../exports/export-scope.ts';
import { editionOptions } from '../exports/exports-page.ts';

export interface ResultsScope {
  filters: ResultFilters;
  edition: Edition;
  catalogue: QuestionInfo[];
  /** The national contact's country, or null for every country. */
  country: string | null;
  viewerMaySeeTexts: boolean;
  k: number;
  /** The edition holds demo answers (server/demo/): the pages say so. */
  demo: boolean;
}

/** Runs analysis code, turning a request that does not fit the edition into a 422 with details. */
export async function analysing<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AnalysisInputError) throw new ValidationError('The request does not fit this edition.', err.details);
    throw err;
  }
}

export async function resultsScope(app: FastifyInstance, request: FastifyRequest, allow: readonly string[] = []): Promise<ResultsScope> {
  const scope = await resolveScope(app, request, allow);
  const catalogue = questionCatalogue(scope.edition.definition);
  await analysing(() => checkQuestionFilters(scope.filters, catalogue));
  return {
    ...scope,
    catalogue,
    viewerMaySeeTexts: principalOf(request).role !== 'ipnc',
    k: app.config.SUPPRESSION_K,
    demo: await editionHasDemoCampaign(app.db, scope.edition.survey_id, scope.edition.edition),
  };
}

/** The newest edition's id, for pages opened without one. */
export async function latestEditionId(app: FastifyInstance): Promise<string> {
  const [latest] = await editionOptions(app);
  if (!latest) throw new NotFoundError('No edition has been published yet.');
  return latest.value;
}
