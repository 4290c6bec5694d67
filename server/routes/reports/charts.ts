/**
 * Chart pictures (PNG at print resolution, or SVG) of every chart on the results, cross-tab,
 * comparison and national dashboard pages, with the pages' filters and the same access rules: an
 * IPNC reads their own country only, and another country is a 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { ForbiddenError } from '../../errors.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { comparisonPicture, crossTabPicture, dashboardPicture, questionPicture, type Picture } from '../../reports/chart-downloads.ts';
import { resultsScope } from '../../results/results-scope.ts';
import { authorityTypeOptions, checkCountry, countryNames, loadCampaignWithEdition } from '../campaigns/route-context.ts';

const format = z.enum(['png', 'svg']).default('png').describe('png (print resolution) or svg');
const pictureResponse = { 200: z.string().describe('The picture, sent as an attachment.') };

function send(reply: FastifyReply, p: Picture) {
  return reply
    .header('content-type', p.contentType)
    .header('content-disposition', `attachment; filename="${p.filename}"`)
    .header('cache-control', 'no-store')
    .send(p.body);
}

export default async function chartRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readers = requireStaff('admin', 'analyst', 'ipnc');

  app.get('/api/charts/question', {
    preHandler: readers,
    schema: {
      tags: ['charts'], summary: "One question's results chart as a picture",
      querystring: filterQuery({ question: z.string().min(1).max(100), format }), response: pictureResponse,
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['question', 'format']);
    return send(reply, await questionPicture(fastify, scope, request.query.question, request.query.format));
  });

  app.get('/api/charts/cross-tab', {
    preHandler: readers,
    schema: {
      tags: ['charts'], summary: 'A cross-tab chart as a picture',
      querystring: filterQuery({ rows: z.string().min(1).max(120), columns: z.string().min(1).max(120), format }), response: pictureResponse,
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['rows', 'columns', 'format']);
    return send(reply, await crossTabPicture(fastify, scope, request.query.rows, request.query.columns, request.query.format));
  });

  app.get('/api/charts/comparison', {
    preHandler: readers,
    schema: {
      tags: ['charts'], summary: "One question's comparison of two editions as a picture",
      querystring: filterQuery({ question: z.string().min(1).max(100), before: z.uuid().optional(), format }), response: pictureResponse,
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, ['question', 'before', 'format']);
    return send(reply, await comparisonPicture(fastify, scope, request.query.before, request.query.question, request.query.format));
  });

  app.get('/api/charts/dashboard', {
    preHandler: requireStaff(),
    schema: {
      tags: ['charts'], summary: "A campaign dashboard's chart: a country's responses per day, or every country (analysts and admins)",
      querystring: z.object({ campaign: z.uuid(), country: z.string().regex(/^[A-Z]{2}$/).optional(), format }), response: pictureResponse,
    },
  }, async (request, reply) => {
    const { campaign: campaignId, country } = request.query;
    const staff = principalOf(request);
    if (country) checkCountry(fastify, request, country);
    else if (staff.role !== 'admin' && staff.role !== 'analyst') throw new ForbiddenError('Every country is for analysts and admins.');
    const { campaign, edition } = await loadCampaignWithEdition(fastify, campaignId);
    return send(reply, await dashboardPicture(fastify, {
      campaign, edition, country: country ?? null, viewerIsNationalContact: staff.role === 'ipnc',
      authorityTypes: authorityTypeOptions(fastify), countryNames: countryNames(fastify),
    }, request.query.format));
  });
}
