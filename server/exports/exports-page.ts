/**
 * Data of the exports page and the filter choices shared with the dashboard page: the editions
 * (newest version of each), countries and authority types from the reference lists.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { countryScope, principalOf } from '../auth/guards.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { editionDefinition } from '../surveys/edition-definitions.ts';
import { listLatestEditions } from '../surveys/edition-repository.ts';

export interface Option {
  value: string;
  label: string;
  selected?: boolean;
}

/** Reference list as options, in English, the current value(s) selected. */
export function referenceOptions(app: FastifyInstance, list: string, current: readonly string[] = []): Option[] {
  return (app.reference.lists.get(list) ?? []).map((i) => ({
    value: i.value,
    label: i.text.default ?? i.text.en ?? i.value,
    selected: current.includes(i.value),
  }));
}

export async function editionOptions(app: FastifyInstance, current?: string): Promise<(Option & { surveyId: string; edition: string })[]> {
  const editions = await listLatestEditions(app.db);
  return editions
    .map((e) => ({ value: e.id, label: `${e.title} (${e.edition})`, surveyId: e.survey_id, edition: e.edition, selected: e.id === current }))
    .sort((a, b) => b.edition.localeCompare(a.edition));
}

/** The dynamic matrices and panels of an edition: each has a long table of its rows or panels. */
async function longTableNames(app: FastifyInstance, editionId: string): Promise<string[]> {
  const catalogue = questionCatalogue(await editionDefinition(app.db, editionId));
  return catalogue.flatMap((q) => (q.nested?.mode === 'count' ? [q.nested.root] : []));
}

export async function exportsPageData(app: FastifyInstance, request: FastifyRequest) {
  const staff = principalOf(request);
  const mayExportResponses = staff.role === 'admin' || staff.role === 'analyst';
  const editions = await editionOptions(app);
  return {
    pageTitle: 'Exports',
    editions: await Promise.all(editions.map(async (e) => ({ ...e, longTables: mayExportResponses ? await longTableNames(app, e.value) : [] }))),
    countries: referenceOptions(app, 'countries'),
    authorityTypes: referenceOptions(app, 'authority-types'),
    scopeCountry: countryScope(request),
    mayExportResponses,
    k: app.config.SUPPRESSION_K,
    styles: ['/assets/css/dashboard.css'],
  };
}
