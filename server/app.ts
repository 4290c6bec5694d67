/**
 * Builds the app: plugins first, then routes, with the one error handler and the one 404 handler.
 * server.ts only adds the logger, listens and shuts down; tests build the app with inject().
 */
import fastifyFormbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { AppError, UnavailableError } from './errors.ts';
import answerTallies from './plugins/answer-tallies.ts';
import responseIndex from './plugins/response-index.ts';
import compression from './plugins/compression.ts';
import databasePlugin from './plugins/database.ts';
import openapiPlugin from './plugins/openapi.ts';
import responseShuffle from './plugins/response-shuffle.ts';
import respondentLog, { isQuietRoute } from './plugins/respondent-log.ts';
import servicesPlugin from './plugins/services.ts';
import staffSessions from './auth/session-plugin.ts';
import surveysPlugin from './plugins/surveys.ts';
import securityHeaders from './plugins/security-headers.ts';
import staticAssets from './plugins/static-assets.ts';
import viewsPlugin from './plugins/views.ts';
import { isDatabaseUnavailable } from './request-guards.ts';
import inputGuard from './input/input-guard.ts';
import { registerRoutes } from './routes/index.ts';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

declare module 'fastify' {
  interface FastifyInstance {
    /** The parsed, frozen configuration. */
    config: Config;
    /** Every route registered, as it was registered (method and URL); read by the authorization test. */
    routeList: { method: string; url: string }[];
  }
  interface FastifyContextConfig {
    /** Errors on this route render an HTML page instead of problem+json. */
    html?: boolean;
    /** A respondent route: no session, no cookie, no CSRF token (server/auth/session-plugin.ts). */
    respondent?: boolean;
  }
}

export interface BuildOptions {
  /** A pino logger configuration, a stream destination, or false. */
  logger?: boolean | Record<string, unknown>;
  /** Start the embedded database from this migrated data folder (tests). */
  pgliteTemplate?: Blob;
}

/**
 * Request logs name the route pattern, never the URL, the client address, the user agent or the
 * referrer: a link token plus a time of day could single out a respondent.
 */
function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info(
    { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
    'request completed',
  );
}

function wantsHtml(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.html) return true;
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

async function sendError(request: FastifyRequest, reply: FastifyReply, status: number, title: string, details?: Record<string, string[]>) {
  if (wantsHtml(request)) {
    // Sent here rather than returned: @fastify/static calls the error handler and drops what it returns.
    const html = await reply.status(status).type('text/html; charset=utf-8').viewAsync('pages/error.hbs', { title, status, pageTitle: title });
    return reply.send(html);
  }
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, ...(details ? { errors: details } : {}) });
}

/** The one error handler: typed errors to their status, validation to 422, anything else a 500 whose text stays here. */
async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // Respondent routes log no request line; their errors are dated to the day (respondent-log.ts).
  const log = isQuietRoute(request.routeOptions.url, request.routeOptions.config) ? request.server.respondentLog : request.log;
  if (error instanceof AppError) return sendError(request, reply, error.statusCode, error.message, error.details);
  if (isDatabaseUnavailable(error)) {
    log.warn({ route: request.routeOptions.url, code: (error as { code?: string }).code }, 'database unavailable');
    reply.header('retry-after', '2');
    return sendError(request, reply, 503, new UnavailableError().message);
  }
  if (error.validation) {
    const details = Object.create(null) as Record<string, string[]>;
    for (const v of error.validation) {
      const key = (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? 'body');
      (details[key] ??= []).push(v.message ?? 'is invalid');
    }
    return sendError(request, reply, 422, 'The request is not valid.', details);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendError(request, reply, status, error.message);
  log.error({ route: request.routeOptions.url, err: { message: error.message, stack: error.stack } }, 'request failed');
  return sendError(request, reply, 500, 'Something went wrong on our side.');
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.LOG_LEVEL, ...(typeof options.logger === 'object' ? options.logger : {}) },
    // Fastify's own request lines carry the URL and client address; logRequest() writes ours instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    // A fresh embedded data folder runs initdb and every migration inside the database plugin: tens
    // of seconds on a busy two-core machine, past Fastify's 10-second default.
    pluginTimeout: 120_000,
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any plugin adds routes: a route keeps the error handler in force when it is added, and static
  // files must answer refused input (input/input-guard.ts) through this one like every other route.
  app.setErrorHandler(handleError);
  // JSON and (for staff forms) URL-encoded bodies only: a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.decorate('config', config);
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });
  // A named no-op so that plugins can declare `dependencies: ['config']`.
  await app.register(fp(async () => {}, { name: 'config' }));
  // Before every route, so that the OpenAPI document sees them all.
  await app.register(openapiPlugin);
  await app.register(respondentLog);
  await app.register(securityHeaders);
  await app.register(rateLimit, { global: false });
  await app.register(fastifyFormbody, { bodyLimit: config.BODY_LIMIT });
  await app.register(compression);
  await app.register(staticAssets);
  await app.register(viewsPlugin);
  await app.register(databasePlugin, { pgliteTemplate: options.pgliteTemplate });
  await app.register(surveysPlugin);
  await app.register(servicesPlugin);
  await app.register(answerTallies);
  await app.register(responseIndex);
  await app.register(responseShuffle);
  await app.register(staffSessions);

  await app.register(inputGuard);
  app.addHook('onResponse', async (request, reply) => logRequest(request, reply));

  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) },
    async (request, reply) => sendError(request, reply, 404, 'Page not found'),
  );

  await registerRoutes(app);
  return app;
}
