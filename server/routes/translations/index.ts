/**
 * Translations in the admin console: the table of every edition by language, exports of one
 * language as XLIFF or XLSX, and an import that shows the diff of every string and applies it only
 * when confirmed. The file travels as base64 in a form field (read in the browser), so the confirm
 * step posts the very bytes that were previewed. Admins only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import { LANGUAGE_NAMES } from '../../links/link-options.ts';
import { findLatestVersion } from '../../surveys/edition-repository.ts';
import { listTextVersions } from '../../translations/text-version-repository.ts';
import { MAX_TRANSLATION_FILE_BYTES } from '../../translations/translation-files.ts';
import { applyImport, exportTranslation, planImport, TRANSLATABLE_LANGUAGES } from '../../translations/translation-service.ts';
import { translationStatus } from '../../translations/translation-status.ts';
import { errorList } from '../staff/form-values.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const editionParams = z.object({ surveyId: slug, edition: slug });
/** Base64 is 4/3 of the file; URL-encoding its + / = adds a little more. */
const IMPORT_BODY_LIMIT = Math.ceil(MAX_TRANSLATION_FILE_BYTES * 1.6);
const importBody = z.object({ file: z.string().min(1, 'Choose a file.'), fileName: z.string().max(300).optional(), confirm: z.literal('yes').optional() });
const SCRIPTS = ['/assets/js/translation-upload.js'];

export default async function translationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireStaff('admin');
  const ctx = () => ({ db: fastify.db, surveysDir: fastify.config.SURVEYS_DIR, liveLists: fastify.reference.lists });

  const indexPage = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const editions = (await translationStatus(ctx())).map((e) => ({
      ...e, languages: e.languages.map((l) => ({ ...l, name: LANGUAGE_NAMES[l.language] ?? l.language })),
    }));
    return staffView(request, {
      pageTitle: 'Translations', editions, scripts: SCRIPTS,
      languages: TRANSLATABLE_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code })), ...extra,
    });
  };

  app.get('/staff/translations', {
    schema: { hide: true, querystring: z.object({ changed: z.coerce.number().int().min(0).optional() }) }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => reply.viewAsync('pages/translations/index.hbs', await indexPage(request, { changed: request.query.changed })));

  app.get('/staff/translations/:surveyId/:edition/export', {
    schema: {
      hide: true, params: editionParams,
      querystring: z.object({ language: z.string().max(3), format: z.enum(['xliff', 'xlsx']).default('xliff'), only: z.enum(['all', 'new']).default('all') }),
    },
    preHandler: adminOnly,
  }, async (request, reply) => {
    const file = await exportTranslation(ctx(), { ...request.params, language: request.query.language, format: request.query.format, onlyNew: request.query.only === 'new' });
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store').send(file.body);
  });

  app.get('/staff/translations/:surveyId/:edition/history', { schema: { hide: true, params: editionParams }, config: { html: true }, preHandler: adminOnly }, async (request, reply) => {
    const latest = await findLatestVersion(fastify.db, request.params.surveyId, request.params.edition);
    if (!latest) throw new NotFoundError('There is no such edition.');
    const versions = await listTextVersions(fastify.db, latest.id);
    return reply.viewAsync('pages/translations/history.hbs', staffView(request, {
      pageTitle: `Text versions of ${latest.survey_id}/${latest.edition}`, edition: latest,
      versions: versions.map((v) => ({ ...v, short_hash: v.content_hash.slice(0, 12), changeCount: v.changes.length, changes: v.changes.map((c) => ({ id: c.id, languages: c.languages.join(', ') })) })),
    }));
  });

  app.post('/staff/translations/import', {
    schema: { hide: true, body: importBody }, bodyLimit: IMPORT_BODY_LIMIT, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const { file, fileName, confirm } = request.body;
    const bytes = Buffer.from(file, 'base64');
    if (bytes.length > MAX_TRANSLATION_FILE_BYTES) {
      return reply.status(413).viewAsync('pages/translations/index.hbs', await indexPage(request, { error: `The file is larger than ${MAX_TRANSLATION_FILE_BYTES / 1024 / 1024} MB.` }));
    }
    try {
      if (confirm === 'yes') {
        const outcome = await applyImport(ctx(), bytes, request.staff!);
        return reply.redirect(`/staff/translations?changed=${outcome.changed}`, 303);
      }
      const { plan } = await planImport(ctx(), bytes);
      const problems = Object.entries(plan.problems).flatMap(([id, msgs]) => msgs.map((m) => `${id}: ${m}`));
      return reply.status(problems.length > 0 ? 422 : 200).viewAsync('pages/translations/preview.hbs', staffView(request, {
        pageTitle: 'Check an import', plan, problems, file, fileName: fileName ?? '', canApply: problems.length === 0 && plan.changes.length > 0,
      }));
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      return reply.status(err.statusCode).viewAsync('pages/translations/index.hbs', await indexPage(request, { error: err.message, problems: errorList(err) }));
    }
  });
}
