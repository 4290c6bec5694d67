/** Data of the Reports page: editions, languages, and the filters the reader may use. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { countryScope } from '../auth/guards.ts';
import { editionOptions, referenceOptions } from '../exports/exports-page.ts';
import { findEditionById } from '../surveys/edition-repository.ts';
import { NETWORK_LANGUAGES } from '../surveys/translation-check.ts';

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', fr: 'Français', sk: 'Slovenčina', lt: 'Lietuvių', bg: 'Български', et: 'Eesti', el: 'Ελληνικά', pt: 'Português', es: 'Español', ro: 'Română',
};

export async function reportsPageData(app: FastifyInstance, request: FastifyRequest) {
  const editions = await editionOptions(app);
  const newest = editions[0] ? await findEditionById(app.db, editions[0].value) : undefined;
  // Axes of extra cross-tabs: the newest edition's single-choice questions and ratings.
  const questions = newest ? questionCatalogue(newest.definition).filter((q) => (q.kind === 'single' || q.kind === 'rating') && q.name !== 'consent') : [];
  return {
    pageTitle: 'Reports',
    editions,
    languages: NETWORK_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l })),
    countries: referenceOptions(app, 'countries'),
    authorityTypes: referenceOptions(app, 'authority-types'),
    axes: [
      { value: 'authority_type', label: 'Authority type' },
      { value: 'country', label: 'Country (answered)' },
      ...questions.map((q) => ({ value: `q.${q.name}`, label: q.title })),
    ],
    scopeCountry: countryScope(request),
    k: app.config.SUPPRESSION_K,
    styles: ['/assets/css/dashboard.css'],
    scripts: ['/assets/js/report-progress.js'],
  };
}
