/**
 * The results pages: every question of an edition (chart and table), the per-country and
 * per-authority-type views, the cross-tab and the comparison of two editions. Analysts and admins
 * read every country; a national contact reads the same pages for their own country's links only.
 * Filters are a GET form: they change nothing, so they carry no CSRF field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { editionOptions } from '../../exports/exports-page.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { elsewhere, filterBar, resultsTabs, withFilters, type ResultsView } from '../../results/filter-bar.ts';
import { latestEditionId, resultsScope, type ResultsScope } from '../../results/results-scope.ts';
import * as results from '../../results/results-service.ts';

const PAGE_ASSETS = {
  styles: ['/assets/css/results.css', '/assets/css/results-print.css'],
  scripts: ['/vendor/chart.js/dist/chart.umd.min.js', '/assets/js/results-charts.js', '/assets/js/multi-select.js'],
};

/** Pages opened without an edition show the newest one, with the rest of the query kept. */
async function needsEdition(fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, unknown>;
  if (query.edition || query.campaign) return false;
  const params = new URLSearchParams(request.url.split('?')[1] ?? '');
  params.set('edition', await latestEditionId(fastify));
  await reply.redirect(`${request.url.split('?')[0]}?${params.toString()}`, 303);
  return true;
}

function pageData(scope: ResultsScope, view: ResultsView, title: string) {
  return {
    ...PAGE_ASSETS,
    pageTitle: title,
    heading: title,
    k: scope.k,
    edition: { id: scope.edition.id, title: scope.edition.title, edition: scope.edition.edition },
    scopeCountry: scope.country,
    tabs: resultsTabs(view, scope.filters),
    elsewhere: elsewhere(scope.filters),
    viewerMaySeeTexts: scope.viewerMaySeeTexts,
    demo: scope.demo,
  };
}

export default async function resultsPages(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readers = requireStaff('admin', 'analyst', 'ipnc');
  const page = { config: { html: true }, preHandler: readers } as const;

  app.get('/staff/results', { ...page, schema: { hide: true, querystring: filterQuery({}) } }, async (request, reply) => {
    if (await needsEdition(fastify, request, reply)) return reply;
    const scope = await resultsScope(fastify, request);
    const data = await results.overviewData(fastify, scope);
    return reply.viewAsync('pages/results/overview.hbs', staffView(request, {
      ...pageData(scope, 'overview', `Results: ${scope.edition.title} (${scope.edition.edition})`),
      filterBar: await filterBar(fastify, scope, { action: '/staff/results' }),
      summary: data.summary,
      cards: data.cards.map((c) => ({ ...c, download: c.chart ? withFilters('/api/charts/question', scope.filters, { question: c.name }) : null })),
    }));
  });

  app.get('/staff/results/groups', {
    ...page,
    schema: { hide: true, querystring: filterQuery({ by: z.enum(['country', 'link_country', 'authority_type']).default('country') }) },
  }, async (request, reply) => {
    if (await needsEdition(fastify, request, reply)) return reply;
    const scope = await resultsScope(fastify, request, ['by']);
    const { by } = request.query;
    const data = await results.groupsData(fastify, scope, by);
    const view: ResultsView = by === 'authority_type' ? 'authority' : 'country';
    return reply.viewAsync('pages/results/groups.hbs', staffView(request, {
      ...pageData(scope, view, `Results by ${data.title.toLowerCase()}`),
      filterBar: await filterBar(fastify, scope, { action: '/staff/results/groups', own: { by } }),
      by,
      groupTitle: data.title,
      counts: data.counts,
      rows: data.rows,
      byLinks: [
        { label: 'Country answered', href: withFilters('/staff/results/groups', scope.filters, { by: 'country' }), active: by === 'country' },
        { label: 'Country of the link', href: withFilters('/staff/results/groups', scope.filters, { by: 'link_country' }), active: by === 'link_country' },
        { label: 'Authority type', href: withFilters('/staff/results/groups', scope.filters, { by: 'authority_type' }), active: by === 'authority_type' },
      ],
      crossTabHref: withFilters('/staff/results/cross-tab', scope.filters, { columns: by }),
    }));
  });

  app.get('/staff/results/cross-tab', {
    ...page,
    schema: { hide: true, querystring: filterQuery({ rows: z.string().max(120).optional(), columns: z.string().max(120).optional() }) },
  }, async (request, reply) => {
    if (await needsEdition(fastify, request, reply)) return reply;
    const scope = await resultsScope(fastify, request, ['rows', 'columns']);
    const axes = results.defaultAxes(scope);
    const rows = request.query.rows || axes.rows;
    const columns = request.query.columns || (rows === axes.columns ? 'country' : axes.columns);
    const data = await results.crossTabData(fastify, scope, rows, columns);
    return reply.viewAsync('pages/results/cross-tab.hbs', staffView(request, {
      ...pageData(scope, 'cross-tab', 'Cross-tab'),
      filterBar: await filterBar(fastify, scope, { action: '/staff/results/cross-tab', own: { rows, columns } }),
      rowOptions: results.axisOptions(scope, rows),
      columnOptions: results.axisOptions(scope, columns),
      filterHidden: [...new URLSearchParams(withFilters('', scope.filters).slice(1))].filter(([name]) => name !== 'rows' && name !== 'columns').map(([name, value]) => ({ name, value })),
      ...data,
      chartDownload: data.chart ? withFilters('/api/charts/cross-tab', scope.filters, { rows, columns }) : null,
    }));
  });

  app.get('/staff/results/compare', {
    ...page,
    schema: { hide: true, querystring: filterQuery({ before: z.uuid().optional().describe('The earlier edition (uuid).') }) },
  }, async (request, reply) => {
    if (await needsEdition(fastify, request, reply)) return reply;
    const scope = await resultsScope(fastify, request, ['before']);
    const before = await results.earlierEdition(fastify, scope, request.query.before);
    const data = before ? await results.comparisonData(fastify, scope, before) : null;
    const options = (await editionOptions(fastify)).filter((o) => o.surveyId === scope.edition.survey_id);
    return reply.viewAsync('pages/results/compare.hbs', staffView(request, {
      ...pageData(scope, 'compare', 'Compare editions'),
      filterBar: await filterBar(fastify, scope, { action: '/staff/results/compare', own: before ? { before: before.id } : {}, noEdition: true }),
      beforeOptions: options.filter((o) => o.value !== scope.edition.id).map((o) => ({ ...o, selected: o.value === before?.id })),
      afterOptions: options.map((o) => ({ ...o, selected: o.value === scope.edition.id })),
      filterHidden: [...new URLSearchParams(withFilters('', scope.filters).slice(1))].filter(([name]) => name !== 'edition' && name !== 'before').map(([name, value]) => ({ name, value })),
      before: before ? { id: before.id, edition: before.edition } : null,
      ...(data ?? {}),
      ...(data && before ? { questions: data.questions.map((q) => ({ ...q, download: q.chart ? withFilters('/api/charts/comparison', scope.filters, { before: before.id, question: q.name }) : null })) } : {}),
    }));
  });
}
