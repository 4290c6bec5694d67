/**
 * The respondent's routes under /s/:token. No session, no cookie; nothing about the client is
 * stored. Rate limits hold client addresses in memory only, for their window.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGE_NAMES } from '../../links/link-options.ts';
import { LinkUnavailableError, resolveLink } from '../../links/link-access.ts';
import { validatorFor } from '../../surveys/answer-validator.ts';
import { chooseLanguage } from '../../surveys/language-choice.ts';
import { cachedDefinitionInLanguage } from '../../surveys/definition-in-language.ts';
import { textsIn } from '../../surveys/respondent-texts.ts';
import { surveyCoreLocaleScript } from '../../surveys/survey-core-locales.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { countStart, countVisit } from '../../funnel/funnel-counters.ts';

const params = z.object({ token: z.string().max(200) });
const locale = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as "en"');
const answers = z.record(z.string(), z.unknown());
const resumeToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a resume token');

const submitBody = z.object({ answers, locale, resumeToken: resumeToken.optional() }).strict();
const saveBody = z.object({ answers, locale, page: z.number().int().min(0).max(1000), resumeToken: resumeToken.optional() }).strict();
const loadBody = z.object({ resumeToken }).strict();
const deleteBody = z.object({ deletionCode: z.string().min(1).max(40) }).strict();
const idempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 letters, digits, - or _'),
});

const problem = z.object({ title: z.string(), status: z.number(), errors: z.record(z.string(), z.array(z.string())).optional() });

/** Renders the respondent's page for an unusable link in the link's language when it is known. */
async function renderUnavailable(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, err: LinkUnavailableError, token: string) {
  const lang = chooseLanguage(Object.keys(LANGUAGE_NAMES), { link: err.language, acceptLanguage: request.headers['accept-language'] });
  const t = textsIn(app.reference.texts, lang);
  const key = err.reason === 'closed' ? 'closed' : err.reason === 'not-open' ? 'not_open' : 'unknown';
  const deletePath = err.reason === 'closed' ? `/s/${token}/responses/delete` : undefined;
  return reply.status(err.statusCode).viewAsync('pages/link-unavailable.hbs', {
    lang, t, heading: t[`${key}_title`], message: t[`${key}_body`], pageTitle: t[`${key}_title`], deletePath,
    deleteTexts: { delete_done: t.delete_done, delete_not_found: t.delete_not_found, delete_rate_limited: t.delete_rate_limited },
    scripts: deletePath ? ['/assets/js/delete-form.js'] : [],
  });
}

export default async function respondentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = () => fastify.services.responses;

  app.get('/s/:token', { schema: { params, querystring: z.object({ lang: locale.optional() }), hide: true }, config: { html: true, respondent: true } }, async (request, reply) => {
    const { token } = request.params;
    try {
      const ctx = await resolveLink(fastify.db, token);
      const offered = validatorFor(ctx.definition).offeredLocales;
      const lang = chooseLanguage(offered, { explicit: request.query.lang, link: ctx.language, acceptLanguage: request.headers['accept-language'] });
      const t = textsIn(fastify.reference.texts, lang);
      // The shown language only: another one is fetched from /language/:lang when the respondent switches.
      const definition = cachedDefinitionInLanguage(ctx.editionId, ctx.definition, lang, offered);
      const localeScript = surveyCoreLocaleScript(lang);
      reply.header('cache-control', 'no-store');
      if (request.method === 'GET') await countVisit(fastify.db, ctx.linkId, fastify.respondentLog);
      return reply.viewAsync('pages/survey.hbs', {
        lang, t, token, texts: t,
        pageTitle: String(definition.title ?? 'Survey'),
        definition,
        retainUntil: ctx.retain_until,
        deletePath: `/s/${token}/responses/delete`,
        deleteTexts: { delete_done: t.delete_done, delete_not_found: t.delete_not_found, delete_rate_limited: t.delete_rate_limited },
        languages: offered.length > 1 ? offered.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code, selected: code === lang })) : [],
        styles: ['/vendor/survey-core/survey-core.fontless.min.css'],
        scripts: ['/vendor/survey-core/survey.core.min.js', ...(localeScript ? [localeScript] : []), '/vendor/survey-js-ui/survey-js-ui.min.js', '/assets/js/survey-question-texts.js', '/assets/js/survey-progress.js', '/assets/js/survey-page.js', '/assets/js/delete-form.js'],
        bodyClass: 'respondent-page',
      });
    } catch (err) {
      if (err instanceof LinkUnavailableError) return renderUnavailable(fastify, request, reply, err, token);
      throw err;
    }
  });

  app.get('/s/:token/language/:lang', {
    schema: {
      params: params.extend({ lang: locale }),
      response: { 200: z.object({ lang: z.string(), definition: z.record(z.string(), z.unknown()), texts: z.record(z.string(), z.string()), script: z.string().nullable() }) },
      summary: 'The survey and the page texts in another language', tags: ['respondent'],
    },
    config: { respondent: true },
  }, async (request, reply) => {
    const ctx = await resolveLink(fastify.db, request.params.token);
    const { lang } = request.params;
    if (!validatorFor(ctx.definition).supportsLocale(lang)) {
      throw new ValidationError('The survey is not offered in this language.', { lang: ['is not a language of this survey'] });
    }
    const offered = validatorFor(ctx.definition).offeredLocales;
    const script = surveyCoreLocaleScript(lang);
    reply.header('cache-control', 'no-store');
    return {
      lang,
      definition: cachedDefinitionInLanguage(ctx.editionId, ctx.definition, lang, offered),
      texts: textsIn(fastify.reference.texts, lang),
      script: script ? fastify.assets.url(script) : null,
    };
  });

  app.post('/s/:token/responses', {
    schema: {
      params, body: submitBody, headers: idempotencyHeaders,
      response: { 201: z.object({ id: z.string(), deletionCode: z.string() }), 409: problem, 410: problem, 422: problem },
      summary: 'Submit a complete response',
      tags: ['respondent'],
    },
    config: { respondent: true, rateLimit: { max: fastify.config.SUBMIT_RATE_PER_MINUTE, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const result = await service().submitThroughLink(request.params.token, { ...request.body, idempotencyKey: request.headers['idempotency-key'] });
    reply.header('cache-control', 'no-store');
    return reply.status(201).send({ id: result.id, deletionCode: result.deletionCode });
  });

  app.post('/s/:token/progress', {
    schema: { params, body: saveBody, response: { 200: z.object({ resumeToken: z.string() }) }, summary: 'Save partial answers', tags: ['respondent'] },
    config: { respondent: true, rateLimit: { max: fastify.config.SUBMIT_RATE_PER_MINUTE * 4, timeWindow: '1 minute' } },
  }, async (request) => {
    const ctx = await resolveLink(fastify.db, request.params.token);
    const { resumeToken, started } = await service().save(ctx, request.body);
    if (started) await countStart(fastify.db, ctx.linkId);
    return { resumeToken };
  });

  app.post('/s/:token/progress/load', {
    schema: {
      params, body: loadBody, summary: 'Load saved partial answers', tags: ['respondent'],
      response: { 200: z.object({ answers: z.record(z.string(), z.unknown()), page: z.number(), locale: z.string() }) },
    },
    config: { respondent: true, rateLimit: { max: fastify.config.SUBMIT_RATE_PER_MINUTE, timeWindow: '1 minute' } },
  }, async (request) => {
    const ctx = await resolveLink(fastify.db, request.params.token);
    return service().load(ctx, request.body.resumeToken);
  });

  app.post('/s/:token/responses/delete', {
    schema: { params, body: deleteBody, summary: 'Delete a response with its deletion code', tags: ['respondent'] },
    config: { respondent: true, rateLimit: { max: fastify.config.DELETE_RATE_PER_WINDOW, timeWindow: '15 minutes' } },
  }, async (request, reply) => {
    const ctx = await resolveLink(fastify.db, request.params.token, { allowClosed: true });
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    try {
      await service().deleteByCode(ctx, request.body.deletionCode);
    } catch (err) {
      if (!(isForm && err instanceof AppError)) throw err;
      const t = textsIn(fastify.reference.texts, ctx.language);
      return reply.status(err.statusCode).viewAsync('pages/link-unavailable.hbs', { lang: ctx.language, t, heading: t.delete_title, message: t.delete_not_found, pageTitle: t.delete_title });
    }
    if (isForm) {
      const t = textsIn(fastify.reference.texts, ctx.language);
      return reply.viewAsync('pages/link-unavailable.hbs', { lang: ctx.language, t, heading: t.delete_title, message: t.delete_done, pageTitle: t.delete_title });
    }
    return { deleted: true };
  });
}
