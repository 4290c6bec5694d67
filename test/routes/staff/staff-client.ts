/**
 * Signs staff members in for tests, through the real pages: the sign-in form's CSRF token, the
 * session cookie, then the token of the signed-in session read from a staff page. Other features'
 * tests may use it too: `const admin = await staffClient(app, 'admin')`, then `admin.get(url)` and
 * `admin.post(url, form)` (the CSRF field is added unless `{ csrf: false }`).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../server/auth/principal.ts';

export const TEST_PASSWORD = 'a long enough test passphrase';

let counter = 0;

/** The value of a cookie set by a response, or undefined. */
export function setCookie(res: LightMyRequestResponse, name: string): string | undefined {
  const headers = [res.headers['set-cookie'] ?? []].flat();
  for (const h of headers) {
    const [pair] = h.split(';');
    const [k, ...v] = (pair ?? '').split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The `_csrf` value of the first form on a page. */
export function csrfFromPage(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF field on the page');
  return m[1]!;
}

export interface StaffClient {
  email: string;
  userId: string;
  cookie: string;
  csrf: string;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, form?: Record<string, string>, opts?: { csrf?: boolean | string }) => Promise<LightMyRequestResponse>;
  request: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

export async function createStaffUser(app: FastifyInstance, role: Role, opts: { country?: string; email?: string; name?: string; password?: string } = {}) {
  counter += 1;
  const email = opts.email ?? `${role}${counter}-${Date.now()}@example.eu`;
  const { user } = await app.services.users.create('cli', {
    email, name: opts.name ?? `Test ${role} ${counter}`, role, country: opts.country ?? (role === 'ipnc' ? 'FR' : null),
  }, opts.password ?? TEST_PASSWORD);
  return user;
}

/** The anonymous pre-session cookie and token of the sign-in form. */
export async function anonymousForm(app: FastifyInstance): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ method: 'GET', url: '/staff/sign-in', headers: { accept: 'text/html' } });
  const name = app.config.SECURE_COOKIES ? '__Host-jpp_csrf' : 'jpp_csrf';
  return { cookie: `${name}=${setCookie(page, name)}`, csrf: csrfFromPage(page.body) };
}

export function sessionCookieName(app: FastifyInstance): string {
  return app.config.SECURE_COOKIES ? '__Host-jpp_session' : 'jpp_session';
}

/** Signs in through the form; throws unless it succeeds. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<StaffClient> {
  const anon = await anonymousForm(app);
  const res = await app.inject({
    method: 'POST', url: '/staff/sign-in', headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: anon.csrf }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const name = sessionCookieName(app);
  const cookie = `${name}=${setCookie(res, name)}`;
  const home = await app.inject({ method: 'GET', url: '/staff', headers: { cookie, accept: 'text/html' } });
  const csrf = csrfFromPage(home.body);
  const user = await app.services.users.findByEmail(email);
  return clientFor(app, email, user.id, cookie, csrf);
}

export function clientFor(app: FastifyInstance, email: string, userId: string, cookie: string, csrf: string): StaffClient {
  return {
    email, userId, cookie, csrf,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html', ...headers } }),
    post: (url, form = {}, opts = {}) => {
      const token = opts.csrf === false ? undefined : typeof opts.csrf === 'string' ? opts.csrf : csrf;
      const body = new URLSearchParams({ ...form, ...(token !== undefined ? { _csrf: token } : {}) }).toString();
      return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    },
    request: (method, url, body, headers = {}) =>
      app.inject({ method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf, ...headers }, ...(body !== undefined ? { payload: body as string } : {}) }),
  };
}

/** Creates a member of the role (an IPNC of `country`, FR by default) and signs them in. */
export async function staffClient(app: FastifyInstance, role: Role, country?: string): Promise<StaffClient> {
  const user = await createStaffUser(app, role, country ? { country } : {});
  return signIn(app, user.email);
}
