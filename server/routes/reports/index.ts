/**
 * Reports: the staff page that makes a Word report of an edition under the results filters, the
 * report itself, and the chart pictures (charts.ts). Analysts and admins report on any country
 * with free texts; a national contact on their own country's links only, without free texts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { reportsPageData } from '../../reports/reports-page.ts';
import { createReport, type ReportFile } from '../../reports/report-service.ts';
import { resultsScope } from '../../results/results-scope.ts';
import { countryNames } from '../campaigns/route-context.ts';
import chartRoutes from './charts.ts';

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const OWN = ['report_language', 'cross_tab', 'cross_tab_rows', 'cross_tab_columns', 'format'];

function send(reply: FastifyReply, file: ReportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export default async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readers = requireStaff('admin', 'analyst', 'ipnc');
  await fastify.register(chartRoutes);

  app.get('/staff/reports', { schema: { hide: true }, config: { html: true }, preHandler: readers }, async (request, reply) =>
    reply.viewAsync('pages/reports/index.hbs', staffView(request, await reportsPageData(fastify, request))),
  );

  app.get('/api/reports/report', {
    preHandler: readers,
    schema: {
      tags: ['reports'],
      summary: 'A Word report of an edition: methods, every question with its chart and 95 % intervals, cross-tabs with tests, the comparison with the previous edition',
      description: 'Same filters as the results pages. An IPNC receives their own country only (another country answers 404) and no free texts. cross_tab adds tables: rows:columns, each country, link_country, authority_type or q.<question>.',
      querystring: filterQuery({
        report_language: z.string().optional().describe('Language of question and choice texts (en, fr, sk, lt, bg, et, el, pt, es, ro); `language` filters the responses by the language they were given in, as on the results pages.'),
        cross_tab: oneOrMany.optional().describe('Extra cross-tab, rows:columns (repeat for several).'),
        cross_tab_rows: z.string().max(120).optional().describe("The page form's extra cross-tab: its rows (empty: none)."),
        cross_tab_columns: z.string().max(120).optional().describe("The page form's extra cross-tab: its columns."),
        format: z.enum(['docx']).default('docx'),
      }),
      response: { 200: z.string().describe('The .docx file, sent as an attachment.') },
    },
  }, async (request, reply) => {
    const scope = await resultsScope(fastify, request, OWN);
    const { report_language: language, cross_tab: crossTab, cross_tab_rows: rows, cross_tab_columns: columns } = request.query;
    const picked = [...(crossTab === undefined ? [] : Array.isArray(crossTab) ? crossTab : [crossTab]), ...(rows && columns ? [`${rows}:${columns}`] : [])];
    const file = await createReport(
      { db: fastify.db, k: scope.k, countryNames: countryNames(fastify) },
      {
        edition: scope.edition, filters: scope.filters, country: scope.country, viewerMaySeeTexts: scope.viewerMaySeeTexts,
        language: language || 'en', crossTabs: picked.filter((x) => x !== ''),
      },
    );
    return send(reply, file);
  });
}
