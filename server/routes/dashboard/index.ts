/**
 * The SurveyJS Dashboard page (survey-analytics, served from the project) and the summary endpoint
 * its data provider calls. Analysts, admins and IPNCs (their own country only). No response leaves
 * the server: every figure is aggregated in SQL and suppressed like on the results pages.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filterQueryString } from '../../../analysis/filter-query.ts';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { ValidationError, NotFoundError } from '../../errors.ts';
import { inspectInput } from '../../input/input-inspection.ts';
import { resolveScope } from '../../exports/export-scope.ts';
import { editionOptions, referenceOptions } from '../../exports/exports-page.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { withNestedParts } from './nested-panel.ts';
import { intervalsOf, numberBins, panelQuestions, visualizerData, withClickFilters, type ClickFilter, type DashboardContext } from './dashboard-data.ts';
import { dashboardDefinition, dateBinsForPage } from './date-panel.ts';
import { VISUALIZER_TYPES } from './summary-shapes.ts';

const counts = z.record(z.string(), z.number());
const shape = z.union([
  counts.describe('selectBase, choices, boolean, options, wordcloud: count per value (a date or time: per bin, keyed by its first day, month, week or hour); ranking: respondents who put each item first'),
  z.record(z.string(), counts).describe('matrix: count per row and column'),
  z.object({ value: z.number(), minValue: z.number(), maxValue: z.number() }).describe('number: mean and the range of the gauge'),
  z.array(z.number()).describe('histogram: count per interval'),
  z.object({ columnCount: z.literal(1), data: z.array(z.array(z.string())) }).describe('text: the answers (analysts and admins, groups of at least k)'),
]);
const clickFilters = z.array(z.object({ field: z.string().max(100), type: z.string().max(10), value: z.unknown() })).max(20);

function parseClickFilters(raw: string | undefined): ClickFilter[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ValidationError('The Dashboard filter is not valid JSON.', { filter: ['is not valid JSON'] });
  }
  // The filter is JSON inside a query string: the input guard saw one string, so its contents are inspected here.
  const problems = inspectInput(value);
  if (problems) throw new ValidationError('The Dashboard filter is not valid.', { filter: Object.entries(problems).map(([path, m]) => `${path}: ${m.join('; ')}`) });
  const parsed = clickFilters.safeParse(value);
  if (!parsed.success) throw new ValidationError('The Dashboard filter is not valid.', { filter: parsed.error.issues.map((i) => i.message) });
  return parsed.data;
}

export default async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const resultsReaders = requireStaff('admin', 'analyst', 'ipnc');
  const context = (definition: Record<string, unknown>, role: string): DashboardContext => ({
    db: fastify.db, definition, k: fastify.config.SUPPRESSION_K, mayReadTexts: role !== 'ipnc',
  });

  app.get('/staff/dashboard', { schema: { hide: true }, config: { html: true }, preHandler: resultsReaders }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (!query.edition && !query.campaign) {
      const [latest] = await editionOptions(fastify);
      if (!latest) throw new NotFoundError('No edition has been published yet.');
      return reply.redirect(`/staff/dashboard?edition=${encodeURIComponent(latest.value)}`, 303);
    }
    const scope = await resolveScope(fastify, request, []);
    const ctx = context(scope.edition.definition, request.staff!.role);
    const bins = await numberBins(ctx, scope.filters);
    const panel = panelQuestions(scope.edition.definition, ctx.mayReadTexts);
    const dates = await dateBinsForPage(ctx.db, ctx.k, panel, scope.filters);
    const summaryQuery = filterQueryString(scope.filters, { includeEdition: true });
    return reply.viewAsync('pages/dashboard/index.hbs', staffView(request, {
      pageTitle: 'SurveyJS Dashboard',
      editionTitle: `${scope.edition.title} (${scope.edition.edition})`,
      k: ctx.k,
      scopeCountry: scope.country,
      editions: await editionOptions(fastify, scope.edition.id),
      countries: referenceOptions(fastify, 'countries', scope.filters.country),
      authorityTypes: referenceOptions(fastify, 'authority-types', scope.filters.authorityType),
      includePartial: scope.filters.status === 'all',
      config: {
        definition: dashboardDefinition(withNestedParts(scope.edition.definition, panel), dates),
        questions: panel.map((q) => q.name),
        questionOptions: intervalsOf(bins),
        summaryUrl: `/api/dashboard/summary?${summaryQuery}`,
        licenseKey: fastify.config.SURVEYJS_LICENSE_KEY ?? null,
      },
      styles: ['/vendor/survey-analytics/survey.analytics.min.css', '/assets/css/dashboard.css'],
      scripts: ['/vendor/plotly.js-dist-min/plotly.min.js', '/vendor/survey-core/survey.core.min.js', '/vendor/survey-analytics/survey.analytics.min.js', '/assets/js/dashboard-page.js'],
      bodyClass: 'dashboard-body',
    }));
  });

  app.get('/api/dashboard/summary', {
    preHandler: resultsReaders,
    schema: {
      tags: ['dashboard'],
      summary: 'Figures of one question for one SurveyJS Dashboard visualizer',
      description: 'Computed in SQL and suppressed; a group under k gives the empty shape. An IPNC gets their own country only.',
      querystring: filterQuery({
        question: z.string().min(1).max(100).describe('Question name.'),
        visualizer: z.enum(VISUALIZER_TYPES).describe("The visualizer's type, as SurveyJS names it."),
        filter: z.string().max(4000).optional().describe('The Dashboard\'s own filters as JSON: [{"field": "<question>", "type": "=", "value": ...}].'),
      }),
      response: { 200: shape },
    },
  }, async (request, reply) => {
    const scope = await resolveScope(fastify, request, ['question', 'visualizer', 'filter']);
    const { question: name, visualizer, filter } = request.query;
    const ctx = context(scope.edition.definition, request.staff!.role);
    const question = panelQuestions(scope.edition.definition, ctx.mayReadTexts).find((q) => q.name === name);
    if (!question) throw new NotFoundError('There is no such question in this edition.');
    const filters = withClickFilters(scope.edition.definition, scope.filters, parseClickFilters(filter));
    const bins = question.kind === 'number' ? await numberBins(ctx, scope.filters) : new Map();
    // A date's bins are the page's (chosen for its filters), whatever the Dashboard's clicks.
    const dates = question.kind === 'date' ? await dateBinsForPage(ctx.db, ctx.k, [question], scope.filters) : new Map();
    reply.header('cache-control', 'no-store');
    return visualizerData(ctx, question, visualizer, filters, bins, dates);
  });
}
