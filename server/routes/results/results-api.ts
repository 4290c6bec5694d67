/**
 * The JSON results API: the same figures as the results pages, suppressed the same way. Analysts
 * and admins; a national contact gets their own country's links only (another country: 404).
 * Shapes are in analysis/aggregate-types.ts, cross-tab.ts, edition-comparison.ts, group-counts.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { NotFoundError } from '../../errors.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { resultsScope } from '../../results/results-scope.ts';
import * as results from '../../results/results-service.ts';

/** Every answer says whether it is suppressed and the k applied; the figures follow (see the shapes above). */
const figures = z.looseObject({
  suppressed: z.boolean().describe('True when no figures are shown; then `reason` and `message` say why.'),
  k: z.number().int().describe('The smallest group shown.'),
});
/** The analysis shapes are interfaces; the response schema only checks their common head. */
const json = (x: object) => x as Record<string, unknown> & { suppressed: boolean; k: number };
const suppressedNote = 'A selection of fewer than k responses, or one that would give a small group away, answers { suppressed: true, reason, message } and no figures.';

export default async function resultsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readers = requireStaff('admin', 'analyst', 'ipnc');
  const noStore = { 'cache-control': 'no-store' };

  app.get('/api/results/summary', {
    preHandler: readers,
    schema: {
      tags: ['results'],
      summary: 'Every question of an edition, aggregated and suppressed',
      description: `Per question: counts and shares per choice, ratings (distribution, mean, median), rankings (positions, mean rank), matrices (per row), numbers (quartiles, histogram), free texts (how many; the texts for analysts and admins in groups of at least k). Hidden figures are null. ${suppressedNote}`,
      querystring: filterQuery({}),
      response: { 200: figures },
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request);
    reply.headers(noStore);
    return json(await results.editionSummary(fastify, scope));
  });

  app.get('/api/results/groups', {
    preHandler: readers,
    schema: {
      tags: ['results'],
      summary: 'Responses per country answered, country of the link or authority type',
      description: `The groups add up to the total, suppressed as one breakdown; a hidden group has no results of its own. ${suppressedNote}`,
      querystring: filterQuery({ by: z.enum(['country', 'link_country', 'authority_type']).default('country') }),
      response: { 200: figures },
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['by']);
    reply.headers(noStore);
    return json((await results.groupsData(fastify, scope, request.query.by)).counts);
  });

  app.get('/api/results/cross-tab', {
    preHandler: readers,
    schema: {
      tags: ['results'],
      summary: 'A single-choice question against country, authority type or another question',
      description: `rows and columns: country, link_country, authority_type or q.<question>. Counts, row and column shares and totals, with cells hidden so that none can be worked out from the others. ${suppressedNote}`,
      querystring: filterQuery({ rows: z.string().min(1).max(120), columns: z.string().min(1).max(120) }),
      response: { 200: figures },
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['rows', 'columns']);
    reply.headers(noStore);
    return json((await results.crossTabData(fastify, scope, request.query.rows, request.query.columns)).table);
  });

  app.get('/api/results/compare', {
    preHandler: readers,
    schema: {
      tags: ['results'],
      summary: 'Two editions side by side for the questions they share (by name)',
      description: `edition: the later edition; before: the earlier one (default: the newest earlier edition of the same survey). A difference is given only for answers that exist in both editions. ${suppressedNote}`,
      querystring: filterQuery({ before: z.uuid().optional() }),
      response: { 200: figures },
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['before']);
    const before = await results.earlierEdition(fastify, scope, request.query.before);
    if (!before) throw new NotFoundError('There is no earlier edition to compare with.');
    reply.headers(noStore);
    return json((await results.comparisonData(fastify, scope, before)).comparison);
  });
}
