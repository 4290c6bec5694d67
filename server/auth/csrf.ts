/**
 * CSRF tokens, checked by one global hook so that no state-changing route can forget them.
 * A token is an HMAC (keyed by a server secret shared by every copy) of what binds it to one
 * browser: the session id when signed in, otherwise a random pre-session cookie (for the sign-in
 * and set-password forms). Forms send it as `_csrf`, fetch calls as the `x-csrf-token` header.
 * Routes marked `config: { respondent: true }` have no session and no cookie, so no token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a token is bound to: one of these per request, set by the session plugin. */
export type CsrfBinding = { kind: 'session'; value: string } | { kind: 'anonymous'; value: string };

export function csrfToken(key: Buffer, binding: CsrfBinding): string {
  const prefix = binding.kind === 'session' ? 's:' : 'a:';
  return createHmac('sha256', key).update(prefix + binding.value).digest('base64url');
}

/** Constant-time comparison of the request's expected token with the one it carried. */
export function tokenMatches(expected: string | null, provided: unknown): boolean {
  if (!expected || typeof provided !== 'string' || provided.length === 0 || provided.length > 200) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether this request must carry a token. */
export function needsCsrfCheck(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.is404) return false;
  return !request.routeOptions.config?.respondent;
}

/** The token sent with the request; `_csrf` is removed from the body so route schemas never see it. */
export function takeProvidedToken(request: FastifyRequest): unknown {
  const header = request.headers[CSRF_HEADER];
  const body = request.body as Record<string, unknown> | null | undefined;
  let fromBody: unknown;
  if (body && typeof body === 'object' && !Array.isArray(body) && Object.hasOwn(body, CSRF_FIELD)) {
    fromBody = body[CSRF_FIELD];
    delete body[CSRF_FIELD];
  }
  return typeof header === 'string' ? header : fromBody;
}
