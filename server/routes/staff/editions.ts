/**
 * Editions in the admin console: the list (version, content hash, date, responses), one edition's
 * definition, a preview as a respondent sees it (nothing is saved or submitted), and publishing a
 * new edition from uploaded SurveyJS JSON. Admins only.
 */
import { editionStructure } from '../../surveys/edition-structure.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { editionDetail, publishUpload } from '../../console/edition-console.ts';
import { AppError } from '../../errors.ts';
import { LANGUAGE_NAMES } from '../../links/link-options.ts';
import { validatorFor } from '../../surveys/answer-validator.ts';
import { listLatestEditions } from '../../surveys/edition-repository.ts';
import { chooseLanguage } from '../../surveys/language-choice.ts';
import { textsIn } from '../../surveys/respondent-texts.ts';
import { surveyCoreLocaleScript } from '../../surveys/survey-core-locales.ts';
import { errorList } from './form-values.ts';
import { typeLists } from '../../surveys/question-types.ts';

const editionParams = z.object({ editionId: z.uuid() });
const uploadBody = z.object({
  surveyId: z.string().max(100),
  edition: z.string().max(100),
  definition: z.string().max(2 * 1024 * 1024),
});
const shortHash = (h: string) => h.slice(0, 12);
/** A definition is tens of kilobytes; URL-encoding can triple it. */
const UPLOAD_LIMIT = 4 * 1024 * 1024;

export default async function editionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireStaff('admin');

  app.get('/staff/editions', { schema: { hide: true }, config: { html: true }, preHandler: adminOnly }, async (request, reply) => {
    const editions = (await listLatestEditions(fastify.db)).map((e) => ({ ...e, short_hash: shortHash(e.content_hash) }));
    return reply.viewAsync('pages/staff/editions.hbs', staffView(request, { pageTitle: 'Editions', editions }));
  });

  app.get('/staff/editions/new', { schema: { hide: true }, config: { html: true }, preHandler: adminOnly }, async (request, reply) =>
    reply.viewAsync('pages/staff/edition-upload.hbs', staffView(request, { pageTitle: 'Publish an edition', form: {}, types: typeLists(), scripts: ['/assets/js/staff-upload.js'] })),
  );

  app.post('/staff/editions', {
    schema: { body: uploadBody, hide: true }, bodyLimit: UPLOAD_LIMIT, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const form = request.body;
    try {
      const outcome = await publishUpload(fastify.db, { lists: fastify.reference.lists, surveysDir: fastify.config.SURVEYS_DIR }, request.staff!, {
        surveyId: form.surveyId, edition: form.edition, definitionJson: form.definition,
      });
      const notice = outcome.change === 'unchanged' ? 'unchanged' : 'published';
      return reply.redirect(`/staff/editions/${outcome.editionId}?notice=${notice}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      return reply.status(err.statusCode).viewAsync('pages/staff/edition-upload.hbs', staffView(request, {
        pageTitle: 'Publish an edition', form, error: err.message, problems: errorList(err), types: typeLists(), scripts: ['/assets/js/staff-upload.js'],
      }));
    }
  });

  app.get('/staff/editions/:editionId', {
    schema: { params: editionParams, querystring: z.object({ notice: z.enum(['published', 'unchanged']).optional() }), hide: true },
    config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const { edition, versions } = await editionDetail(fastify.db, request.params.editionId);
    return reply.viewAsync('pages/staff/edition.hbs', staffView(request, {
      pageTitle: `${edition.survey_id}/${edition.edition} v${edition.version}`,
      edition, versions: versions.map((v) => ({ ...v, short_hash: shortHash(v.content_hash) })), notice: request.query.notice,
      definitionText: JSON.stringify(edition.definition, null, 2),
      structure: editionStructure(edition.definition),
      languages: validatorFor(edition.definition).offeredLocales.map((code) => LANGUAGE_NAMES[code] ?? code).join(', '),
    }));
  });

  app.get('/staff/editions/:editionId/preview', {
    schema: { params: editionParams, querystring: z.object({ lang: z.string().regex(/^[a-z]{2,3}$/).optional() }), hide: true },
    config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const { edition } = await editionDetail(fastify.db, request.params.editionId);
    const offered = validatorFor(edition.definition).offeredLocales;
    const lang = chooseLanguage(offered, { explicit: request.query.lang, acceptLanguage: request.headers['accept-language'] });
    const t = textsIn(fastify.reference.texts, lang);
    reply.header('cache-control', 'no-store');
    // The respondent's page itself, driven by staff-preview.js instead of survey-page.js: no save, no submit.
    return reply.viewAsync('pages/survey.hbs', staffView(request, {
      lang, t, token: '', preview: true,
      allTexts: Object.fromEntries(offered.map((l) => [l, textsIn(fastify.reference.texts, l)])),
      pageTitle: `Preview: ${edition.title}`,
      definition: edition.definition,
      // Each campaign sets its own date; the preview shows where it goes.
      retainUntil: '(the date the campaign sets)',
      deleteTexts: {},
      languages: offered.length > 1 ? offered.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code, selected: code === lang })) : [],
      styles: ['/vendor/survey-core/survey-core.fontless.min.css'],
      scripts: [
        '/vendor/survey-core/survey.core.min.js',
        ...offered.map(surveyCoreLocaleScript).filter((s): s is string => !!s),
        '/vendor/survey-js-ui/survey-js-ui.min.js',
        '/assets/js/survey-question-texts.js',
        '/assets/js/staff-preview.js',
      ],
      bodyClass: 'respondent-page preview-page',
    }));
  });
}
