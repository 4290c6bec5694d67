/**
 * The guards on a small app of their own: 303 to the sign-in page for pages, 401 otherwise, 403 for
 * a role not allowed, and country scoping (another country's object is 404, never 403).
 */
import Fastify from 'fastify';
import { test } from 'tap';
import { AppError } from '../../server/errors.ts';
import { assertCountryAccess, countryScope, hoistStaffGuards, requireStaff, safeNextPath } from '../../server/auth/guards.ts';
import type { StaffPrincipal } from '../../server/auth/principal.ts';

const people: Record<string, StaffPrincipal> = {
  admin: { userId: '1', email: 'a@x.eu', name: 'A', role: 'admin', country: null },
  analyst: { userId: '2', email: 'b@x.eu', name: 'B', role: 'analyst', country: null },
  fr: { userId: '3', email: 'c@x.eu', name: 'C', role: 'ipnc', country: 'FR' },
};

async function miniApp() {
  const app = Fastify();
  app.decorateRequest('staff', null);
  app.addHook('onRoute', hoistStaffGuards);
  app.addHook('onRequest', async (request) => {
    request.staff = people[String(request.headers['x-who'])] ?? null;
  });
  app.setErrorHandler(async (err: Error & { statusCode?: number }, _request, reply) => reply.status(err instanceof AppError ? err.statusCode : err.statusCode ?? 500).send({ message: err.message }));
  app.get('/page', { config: { html: true }, preHandler: requireStaff('admin') }, async () => 'page');
  app.get('/api', { preHandler: requireStaff('admin', 'analyst') }, async () => ({ ok: true }));
  app.get('/any', { preHandler: requireStaff() }, async () => 'any');
  app.post('/change', { preHandler: requireStaff('admin'), schema: { body: { type: 'object', required: ['x'] } } }, async () => 'done');
  app.get('/country/:cc', { preHandler: requireStaff() }, async (request) => {
    const { cc } = request.params as { cc: string };
    assertCountryAccess(request, cc);
    return { scope: countryScope(request) };
  });
  return app;
}

test('requireStaff: sign in first, then the role', async (t) => {
  const app = await miniApp();
  t.teardown(() => app.close());
  const page = await app.inject({ url: '/page?x=1' });
  t.equal(page.statusCode, 303);
  t.equal(page.headers.location, '/staff/sign-in?next=%2Fpage%3Fx%3D1');
  t.equal((await app.inject({ url: '/api', headers: { accept: 'application/json' } })).statusCode, 401);
  t.equal((await app.inject({ url: '/api', headers: { accept: 'text/html' } })).statusCode, 303, 'a browser asking for a page is redirected');
  t.equal((await app.inject({ url: '/page', headers: { 'x-who': 'fr' } })).statusCode, 403);
  t.equal((await app.inject({ url: '/api', headers: { 'x-who': 'analyst' } })).statusCode, 200);
  t.equal((await app.inject({ url: '/any', headers: { 'x-who': 'fr' } })).statusCode, 200, 'no roles: any staff member');
  const anonymousChange = await app.inject({ method: 'POST', url: '/change', payload: {} });
  t.equal(anonymousChange.statusCode, 401, 'refused before the body is validated');
  t.equal((await app.inject({ method: 'POST', url: '/change', payload: {}, headers: { 'x-who': 'fr' } })).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: '/change', payload: {}, headers: { 'x-who': 'admin' } })).statusCode, 400, 'validated once allowed');
});

test('country scope: all countries for admins and analysts, one for an IPNC, 404 for the others', async (t) => {
  const app = await miniApp();
  t.teardown(() => app.close());
  t.same((await app.inject({ url: '/country/ES', headers: { 'x-who': 'admin' } })).json(), { scope: null });
  t.same((await app.inject({ url: '/country/ES', headers: { 'x-who': 'analyst' } })).json(), { scope: null });
  t.same((await app.inject({ url: '/country/FR', headers: { 'x-who': 'fr' } })).json(), { scope: 'FR' });
  t.equal((await app.inject({ url: '/country/ES', headers: { 'x-who': 'fr' } })).statusCode, 404);
});

test('safeNextPath keeps the user on this site', async (t) => {
  t.equal(safeNextPath('/staff/users?x=1'), '/staff/users?x=1');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', '/a\nb', undefined, 42]) {
    t.equal(safeNextPath(bad), null, String(bad));
  }
});
