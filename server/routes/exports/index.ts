/**
 * Downloads: the codebook of an edition (any staff member), anonymised responses (analysts and
 * admins only) and aggregated tables with suppression (every role that reads results; an IPNC gets
 * their own country only). Same filters as the results pages. Every file streams.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { aggregatesDownload, codebookDownload, responsesDownload, type Download } from '../../exports/export-service.ts';
import { resolveScope } from '../../exports/export-scope.ts';
import { filterQuery } from '../../exports/filter-query-schema.ts';
import { exportsPageData } from '../../exports/exports-page.ts';
import { ValidationError } from '../../errors.ts';

const fileResponse = { 200: z.string().describe('The file (CSV, XLSX or JSON), sent as an attachment.') };
const OWN_PARAMS = ['format'];

function send(reply: FastifyReply, d: Download) {
  return reply
    .header('content-type', d.contentType)
    .header('content-disposition', `attachment; filename="${d.filename}"`)
    .header('cache-control', 'no-store')
    .send(d.body);
}

export default async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const anyStaff = requireStaff();
  const analysts = requireStaff('admin', 'analyst');

  app.get('/staff/exports', { schema: { hide: true }, config: { html: true }, preHandler: anyStaff }, async (request, reply) =>
    reply.viewAsync('pages/exports/index.hbs', staffView(request, await exportsPageData(fastify, request))),
  );

  app.get('/api/exports/codebook', {
    preHandler: anyStaff,
    schema: {
      tags: ['exports'],
      summary: "An edition's codebook: questions, texts per language, choices, export columns",
      querystring: z.object({ edition: z.string().describe('Edition id (uuid).'), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: fileResponse,
    },
  }, async (request, reply) => {
    const scope = await resolveScope(fastify, request, OWN_PARAMS);
    return send(reply, codebookDownload(scope.edition, request.query.format));
  });

  app.get('/api/exports/responses', {
    preHandler: analysts,
    schema: {
      tags: ['exports'],
      summary: 'Anonymised responses, one row per response (analysts and admins)',
      description: 'One column per answer, choice (0/1), ranked item (its rank), matrix row, matrix cell and multiple-text item. '
        + 'A dynamic matrix or panel has a column with its number of rows or panels, and its rows or panels in a long table: a sheet of the XLSX '
        + '(after the responses, before the codebook), or as CSV with table=<question>. JSON keeps each answer as SurveyJS gives it. '
        + 'For CSV and JSON fetch /api/exports/codebook.',
      querystring: filterQuery({
        format: z.enum(['csv', 'xlsx', 'json']).default('csv'),
        table: z.string().min(1).max(200).optional().describe('The long table of this dynamic matrix or panel alone, as CSV.'),
      }),
      response: fileResponse,
    },
  }, async (request, reply) => {
    const scope = await resolveScope(fastify, request, [...OWN_PARAMS, 'table']);
    if (request.query.table !== undefined && request.query.format !== 'csv') {
      throw new ValidationError('A long table alone comes as CSV.', { format: ['must be csv with table (in XLSX every long table is a sheet)'] });
    }
    return send(reply, responsesDownload(fastify, scope, request.query.format, request.query.table));
  });

  app.get('/api/exports/aggregates', {
    preHandler: anyStaff,
    schema: {
      tags: ['exports'],
      summary: 'Aggregated tables per question, every group under k hidden',
      description: 'An IPNC receives their own country only; another country answers 404.',
      querystring: filterQuery({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      response: fileResponse,
    },
  }, async (request, reply) => {
    const scope = await resolveScope(fastify, request, OWN_PARAMS);
    return send(reply, await aggregatesDownload(fastify, scope, request.query.format));
  });
}
