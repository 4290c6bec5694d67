/**
 * Page data shared by every results page: the filter bar (a GET form: filters change no state, so
 * no CSRF field), the active filters with a link that removes each, and the tabs between views.
 */
import type { FastifyInstance } from 'fastify';
import { filterQueryString } from '../../analysis/filter-query.ts';
import { LIST_FILTERS, type ResultFilters } from '../../analysis/filters.ts';
import { isChoiceQuestion } from '../../analysis/question-catalogue.ts';
import { editionOptions, referenceOptions, type Option } from '../exports/exports-page.ts';
import { CHANNELS, CHANNEL_LABELS, LANGUAGES, LANGUAGE_NAMES } from '../links/link-options.ts';
import type { ResultsScope } from './results-scope.ts';
import { isGroupingQuestion } from '../surveys/grouping-questions.ts';

export type ResultsView = 'overview' | 'country' | 'authority' | 'cross-tab' | 'compare';

const VIEWS: { key: ResultsView; label: string; path: string }[] = [
  { key: 'overview', label: 'All questions', path: '/staff/results' },
  { key: 'country', label: 'By country', path: '/staff/results/groups?by=country' },
  { key: 'authority', label: 'By authority type', path: '/staff/results/groups?by=authority_type' },
  { key: 'cross-tab', label: 'Cross-tab', path: '/staff/results/cross-tab' },
  { key: 'compare', label: 'Compare editions', path: '/staff/results/compare' },
];

/** `path` with the edition and filters in its query string. */
export function withFilters(path: string, filters: ResultFilters, extra: Record<string, string> = {}): string {
  const [base, own] = path.split('?') as [string, string | undefined];
  const query = [own, filterQueryString(filters, { includeEdition: true }), new URLSearchParams(extra).toString()].filter(Boolean).join('&');
  return query ? `${base}?${query}` : base;
}

function mark(options: Option[], selected: readonly string[]): Option[] {
  return options.map((o) => ({ ...o, selected: selected.includes(o.value) }));
}

interface ActiveFilter {
  label: string;
  removeHref: string;
}

/** Each active filter with the URL of the same page without it. */
function activeFilters(scope: ResultsScope, path: string, own: Record<string, string>): ActiveFilter[] {
  const f = scope.filters;
  const out: ActiveFilter[] = [];
  const labelsOf = (question: string) => new Map((scope.catalogue.find((q) => q.name === question)?.choices ?? []).map((c) => [c.value, c.label]));
  const countries = labelsOf('country');
  const values: Record<string, Map<string, string>> = {
    country: countries, linkCountry: countries, authorityType: labelsOf('authority_type'),
    channel: new Map(Object.entries(CHANNEL_LABELS)), language: new Map(Object.entries(LANGUAGE_NAMES)),
  };
  const names: Record<string, string> = { country: 'Country answered', linkCountry: 'Country of the link', authorityType: 'Authority type', channel: 'Channel', language: 'Language', wave: 'Wave' };
  for (const { key } of LIST_FILTERS) {
    if (key === 'linkCountry' && scope.country) continue;
    for (const v of f[key]) {
      out.push({ label: `${names[key]}: ${values[key]?.get(v) ?? v}`, removeHref: withFilters(path, { ...f, [key]: f[key].filter((x) => x !== v) }, own) });
    }
  }
  f.questions.forEach((q, i) => {
    const question = scope.catalogue.find((x) => x.name === q.question);
    const answer = (v: string) => question?.choices.find((c) => c.value === v)?.label ?? v;
    out.push({ label: `${question?.title ?? q.question}: ${q.values.map(answer).join(' or ')}`, removeHref: withFilters(path, { ...f, questions: f.questions.filter((_, j) => j !== i) }, own) });
  });
  if (f.status === 'all') out.push({ label: 'partial responses included', removeHref: withFilters(path, { ...f, status: 'complete' }, own) });
  return out;
}

export interface FilterBarOptions {
  /** Where the form goes. */
  action: string;
  /** The page's own parameters, kept when filters change. */
  own?: Record<string, string>;
  /** Hide the edition choice (the comparison page has its own). */
  noEdition?: boolean;
}

export async function filterBar(app: FastifyInstance, scope: ResultsScope, opts: FilterBarOptions) {
  const f = scope.filters;
  const own = opts.own ?? {};
  const choiceQuestions = scope.catalogue
    .filter((q) => isChoiceQuestion(q) && !isGroupingQuestion(scope.edition.definition, q.name))
    .map((q) => {
      const selected = f.questions.find((x) => x.question === q.name)?.values ?? [];
      return { param: `q.${q.name}`, title: q.title, options: q.choices.map((c) => ({ ...c, selected: selected.includes(c.value) })), active: selected.length > 0 };
    });
  return {
    action: opts.action,
    editionId: scope.edition.id,
    hidden: Object.entries(own).map(([name, value]) => ({ name, value })),
    editions: opts.noEdition ? [] : await editionOptions(app, scope.edition.id),
    countries: mark(referenceOptions(app, 'countries'), f.country),
    linkCountries: mark(referenceOptions(app, 'countries'), f.linkCountry),
    authorityTypes: mark(referenceOptions(app, 'authority-types'), f.authorityType),
    channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: f.channel.includes(c) })),
    languages: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l, selected: f.language.includes(l) })),
    includePartial: f.status === 'all',
    questions: choiceQuestions,
    answerFiltersOpen: choiceQuestions.some((q) => q.active),
    scopeCountry: scope.country,
    active: activeFilters(scope, opts.action, own),
    clearHref: withFilters(opts.action, { ...f, country: [], linkCountry: [], authorityType: [], channel: [], language: [], wave: [], status: 'complete', questions: [] }, own),
  };
}

export function resultsTabs(active: ResultsView, filters: ResultFilters) {
  return VIEWS.map((v) => ({ label: v.label, href: withFilters(v.path, filters), active: v.key === active }));
}

/** Links to the other ways of reading the same selection. */
export function elsewhere(filters: ResultFilters) {
  return { dashboard: withFilters('/staff/dashboard', filters), exports: withFilters('/staff/exports', filters) };
}
