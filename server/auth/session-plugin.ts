/**
 * Reads the session cookie on every request and sets `request.staff` (null when signed out) and
 * `request.csrfToken`; then one global hook refuses any state-changing request without the right
 * CSRF token (403, before validation, so nothing runs). Respondent routes (`config.respondent`)
 * are skipped entirely: no cookie is read or written there; static files need no session either.
 * Every route's requireStaff() guard is moved to its onRequest hooks (guards.ts hoistStaffGuards).
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../errors.ts';
import { getOrCreateSecret } from '../secrets/server-secret.ts';
import { csrfToken, needsCsrfCheck, takeProvidedToken, tokenMatches } from './csrf.ts';
import { hoistStaffGuards } from './guards.ts';
import type { StaffPrincipal } from './principal.ts';
import { staffCookies } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The CSRF token this request's forms must carry; null on respondent routes. */
    csrfToken: string | null;
  }
  interface FastifyInstance {
    /** Signs a user in on this reply: a new session id (rotated: any old one ends) in the cookie. */
    startStaffSession: (request: FastifyRequest, reply: FastifyReply, userId: string) => Promise<void>;
    /** Signs out: ends the request's session and clears its cookie. */
    endStaffSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const ANON_BINDING = /^[A-Za-z0-9_-]{43}$/;
/** Files under /assets/, /vendor/ and /static/: a page's scripts and styles should not each look up the session. */
const STATIC_ROUTE = /^\/(assets|vendor|static)\//;

export default fp(
  async (fastify) => {
    const cookies = staffCookies(fastify.config);
    const key = await getOrCreateSecret(fastify.db, 'csrf');
    const sessions = () => fastify.services.sessions;

    await fastify.register(fastifyCookie);
    fastify.decorateRequest('staff', null);
    fastify.decorateRequest('csrfToken', null);

    fastify.addHook('onRoute', hoistStaffGuards);

    fastify.addHook('onRequest', async (request, reply) => {
      request.staff = null;
      request.csrfToken = null;
      if (request.routeOptions.config?.respondent || STATIC_ROUTE.test(request.routeOptions.url ?? '')) return;
      const sessionId = request.cookies[cookies.session];
      let staff: StaffPrincipal | null = null;
      if (sessionId) {
        staff = await sessions().resolve(sessionId);
        if (staff) {
          request.staff = staff;
          request.csrfToken = csrfToken(key, { kind: 'session', value: sessionId });
          return;
        }
        reply.clearCookie(cookies.session, cookies.options);
      }
      // Not signed in: forms (sign-in, set-password) are bound to a random pre-session cookie.
      let anon = request.cookies[cookies.csrf];
      if (!anon || !ANON_BINDING.test(anon)) {
        if (request.method !== 'GET' || request.is404 || !request.url.startsWith('/staff')) return;
        anon = randomBytes(32).toString('base64url');
        reply.setCookie(cookies.csrf, anon, cookies.options);
      }
      request.csrfToken = csrfToken(key, { kind: 'anonymous', value: anon });
    });

    fastify.addHook('preValidation', async (request) => {
      if (!needsCsrfCheck(request)) return;
      const provided = takeProvidedToken(request);
      if (!tokenMatches(request.csrfToken, provided)) {
        throw new ForbiddenError('The form has expired or did not come from this site. Reload the page and try again.');
      }
    });

    fastify.decorate('startStaffSession', async (request: FastifyRequest, reply: FastifyReply, userId: string) => {
      const old = request.cookies[cookies.session];
      if (old) await sessions().end(old);
      const id = await sessions().start(userId);
      reply.setCookie(cookies.session, id, cookies.options);
      reply.clearCookie(cookies.csrf, cookies.options);
    });

    fastify.decorate('endStaffSession', async (request: FastifyRequest, reply: FastifyReply) => {
      const id = request.cookies[cookies.session];
      if (id) await sessions().end(id);
      reply.clearCookie(cookies.session, cookies.options);
    });
  },
  { name: 'staff-sessions', dependencies: ['services'] },
);
