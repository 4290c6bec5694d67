/**
 * Authorization on the server, for every staff route: who may call it (role) and which rows they
 * may see (an IPNC: their own country only; another country's object is "not found", never
 * "forbidden", so that ids are not confirmed).
 */
import type { FastifyReply, FastifyRequest, RouteOptions, preHandlerAsyncHookHandler } from 'fastify';
import { AppError, ForbiddenError, NotFoundError } from '../errors.ts';
import { textProblem } from '../input/input-inspection.ts';
import type { Role, StaffPrincipal } from './principal.ts';

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super(401, message);
  }
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  return Boolean(request.routeOptions.config?.html) || (request.headers.accept ?? '').includes('text/html');
}

/**
 * Where to go after signing in: a staff page of this site, normalised (dot segments resolved,
 * backslashes read as a browser reads them, every non-ASCII character percent-encoded, so that a
 * Location header never carries raw text), or null when `next` leads anywhere else.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 1000 || !next.startsWith('/') || /[\u0000-\u001f]/.test(next)) return null;
  if (textProblem(next)) return null;
  const base = 'http://staff.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (url.pathname !== '/staff' && !url.pathname.startsWith('/staff/')) return null;
  if (url.pathname === '/staff/sign-in' || url.pathname === '/staff/sign-out') return null;
  return url.pathname + url.search;
}

/** Marks the hooks made by requireStaff, so that hoistStaffGuards can find them. */
const STAFF_GUARD = Symbol('staffGuard');

/**
 * A preHandler: no session -> pages redirect (303) to the sign-in page, everything else 401;
 * signed in with a role not listed -> 403. With no roles, any signed-in staff member passes.
 */
export function requireStaff(...roles: Role[]): preHandlerAsyncHookHandler {
  const guard = async function staffGuard(this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const staff = request.staff;
    if (!staff) {
      if (wantsPage(request)) {
        return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new UnauthorizedError();
    }
    if (roles.length > 0 && !roles.includes(staff.role)) throw new ForbiddenError('Your role does not allow this.');
  };
  return Object.assign(guard, { [STAFF_GUARD]: roles });
}

/**
 * Called for every route as it is registered: a requireStaff() given as a preHandler moves to the
 * route's onRequest hooks, so that who may call a route is settled before its body is parsed or
 * validated (an anonymous caller learns nothing about the expected input).
 */
export function hoistStaffGuards(route: RouteOptions): void {
  const pre = route.preHandler;
  if (!pre) return;
  const list = [pre].flat();
  const guards = list.filter((h) => STAFF_GUARD in h);
  if (guards.length === 0) return;
  const rest = list.filter((h) => !(STAFF_GUARD in h));
  route.preHandler = rest.length > 0 ? rest : undefined;
  route.onRequest = [...[route.onRequest ?? []].flat(), ...guards] as RouteOptions['onRequest'];
}

/** The signed-in principal; throws 401 when a route forgot its guard. */
export function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError();
  return request.staff;
}

/** null = every country (admin, analyst); the IPNC's own country otherwise. */
export function countryScope(request: FastifyRequest): string | null {
  const staff = principalOf(request);
  return staff.role === 'ipnc' ? staff.country : null;
}

/** Throws 404 when an IPNC asks for an object of another country. */
export function assertCountryAccess(request: FastifyRequest, country: string): void {
  const scope = countryScope(request);
  if (scope !== null && scope !== country) throw new NotFoundError();
}
