/**
 * Reports: the staff page that makes a Word report of an edition under the results filters, the
 * report itself, and the chart pictures (charts.ts). Analysts and admins report on any country
 * with free texts; a national contact on their own country's links only, without free texts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { reportsPageData } from '../../reports/reports-page.ts';
import { reportJobFile, reportJobView, startReportJob } from '../../reports/report-jobs.ts';
import { createReport, type ReportFile, type ReportOptions } from '../../reports/report-service.ts';
import { resultsScope } from '../../results/results-scope.ts';
import { NotFoundError } from '../../errors.ts';
import { countryNames } from '../campaigns/route-context.ts';
import chartRoutes from './charts.ts';

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const OWN = ['report_language', 'cross_tab', 'cross_tab_rows', 'cross_tab_columns', 'format'];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const reportQuery = filterQuery({
  report_language: z.string().optional().describe('Language of question and choice texts (en, fr, sk, lt, bg, et, el, pt, es, ro); `language` filters the responses by the language they were given in, as on the results pages.'),
  cross_tab: oneOrMany.optional().describe('Extra cross-tab, rows:columns (repeat for several).'),
  cross_tab_rows: z.string().max(120).optional().describe("The page form's extra cross-tab: its rows (empty: none)."),
  cross_tab_columns: z.string().max(120).optional().describe("The page form's extra cross-tab: its columns."),
  format: z.enum(['docx']).default('docx'),
});

/** What the request asks for, within the reader's scope (an IPNC's own country, no free texts). */
async function reportOptions(fastify: FastifyInstance, request: FastifyRequest): Promise<{ options: ReportOptions; k: number }> {
  const scope = await resultsScope(fastify, request, OWN);
  const query = request.query as { report_language?: string; cross_tab?: string | string[]; cross_tab_rows?: string; cross_tab_columns?: string };
  const { report_language: language, cross_tab: crossTab, cross_tab_rows: rows, cross_tab_columns: columns } = query;
  const picked = [...(crossTab === undefined ? [] : Array.isArray(crossTab) ? crossTab : [crossTab]), ...(rows && columns ? [`${rows}:${columns}`] : [])];
  return {
    k: scope.k,
    options: {
      edition: scope.edition, filters: scope.filters, country: scope.country, viewerMaySeeTexts: scope.viewerMaySeeTexts,
      language: language || 'en', crossTabs: picked.filter((x) => x !== ''),
    },
  };
}

function send(reply: FastifyReply, file: Pick<ReportFile, 'filename' | 'body'>) {
  return reply
    .header('content-type', DOCX)
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
      querystring: reportQuery,
      response: { 200: z.string().describe('The .docx file, sent as an attachment.') },
    },
  }, async (request, reply) => {
    const { options, k } = await reportOptions(fastify, request);
    return send(reply, await createReport({ db: fastify.db, k, countryNames: countryNames(fastify) }, options));
  });

  // The page's way: a job it can follow, then the file. The filters travel in the query string, as above.
  app.post('/api/reports/jobs', {
    preHandler: readers,
    schema: {
      tags: ['reports'],
      summary: 'Start making a report (as GET /api/reports/report); follow it with GET /api/reports/jobs/{id}',
      description: 'Needs the CSRF token (x-csrf-token). One report at a time per staff member (409 while one is being made); the file can be downloaded for 15 minutes, by its maker only.',
      querystring: reportQuery,
      response: { 202: z.object({ id: z.string(), progress: z.string() }) },
    },
  }, async (request, reply) => {
    const { options, k } = await reportOptions(fastify, request);
    const id = await startReportJob({ db: fastify.db, k, countryNames: countryNames(fastify), log: request.log }, request.staff!.userId, options);
    return reply.code(202).send({ id, progress: `/api/reports/jobs/${id}` });
  });

  const jobParams = z.object({ id: z.string().uuid() });

  app.get('/api/reports/jobs/:id', {
    preHandler: readers,
    schema: {
      tags: ['reports'],
      summary: "How far a report is: its step, the fraction done, and where to download it once done (the maker's own jobs only)",
      params: jobParams,
      response: {
        200: z.object({
          id: z.string(), state: z.enum(['running', 'done', 'failed']), step: z.string(), fraction: z.number(),
          message: z.string().nullable(), download: z.string().nullable(),
        }),
      },
    },
  }, async (request, reply) => {
    const job = await reportJobView(fastify.db, request.params.id, request.staff!.userId);
    if (!job) throw new NotFoundError('No such report: it may have expired, or be someone else\'s.');
    return reply.header('cache-control', 'no-store').send(job);
  });

  app.get('/api/reports/jobs/:id/file', {
    preHandler: readers,
    schema: {
      tags: ['reports'],
      summary: 'The finished report of a job (its maker only, until it expires)',
      params: jobParams,
      response: { 200: z.string().describe('The .docx file, sent as an attachment.') },
    },
  }, async (request, reply) => {
    const file = await reportJobFile(fastify.db, request.params.id, request.staff!.userId);
    if (!file) throw new NotFoundError('No such report ready: it may still be being made, have expired, or be someone else\'s.');
    return send(reply, file);
  });
}
