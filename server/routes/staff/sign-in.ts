/**
 * Signing in and out, and setting a password through a one-time link. Failed sign-ins all get the
 * same answer; the session id is new at every sign-in (any old one ends).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeNextPath } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { AppError } from '../../errors.ts';
import { MIN_PASSWORD_LENGTH } from '../../users/password-hashing.ts';
import { TooManyAttemptsError } from '../../users/user-service.ts';

const signInBody = z.object({
  email: z.string().max(320),
  password: z.string().max(1000),
  next: z.string().max(1000).optional(),
});
const tokenParams = z.object({ token: z.string().max(100) });
const setPasswordBody = z.object({ password: z.string().max(1000), confirm: z.string().max(1000) });

const FAILED = 'The e-mail address or the password is not right.';

export default async function signInRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = () => fastify.services.users;

  app.get('/staff/sign-in', {
    schema: { querystring: z.object({ next: z.string().max(1000).optional(), done: z.enum(['password', 'signed-out']).optional() }), hide: true },
    config: { html: true },
  }, async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.staff) return reply.redirect(next ?? '/staff', 303);
    reply.header('cache-control', 'no-store');
    const notice = request.query.done === 'password' ? 'Your password is set. Sign in with it.' : request.query.done === 'signed-out' ? 'You are signed out.' : null;
    return reply.viewAsync('pages/staff/sign-in.hbs', staffView(request, { pageTitle: 'Sign in', next, notice }));
  });

  app.post('/staff/sign-in', { schema: { body: signInBody, hide: true }, config: { html: true } }, async (request, reply) => {
    const { email, password } = request.body;
    const next = safeNextPath(request.body.next);
    const again = (status: number, error: string) =>
      reply.status(status).viewAsync('pages/staff/sign-in.hbs', staffView(request, { pageTitle: 'Sign in', next, error, email }));
    let user;
    try {
      user = await users().authenticate(email, password, request.ip);
    } catch (err) {
      if (!(err instanceof TooManyAttemptsError)) throw err;
      reply.header('retry-after', String(err.retryAfterSeconds));
      return again(429, err.message);
    }
    if (!user) return again(401, FAILED);
    await fastify.startStaffSession(request, reply, user.id);
    await fastify.services.audit.record({
      actor: { userId: user.id, email: user.email, name: user.name, role: user.role, country: user.country },
      action: 'session.sign_in', objectType: 'staff_user', objectId: user.id,
    });
    return reply.redirect(next ?? '/staff', 303);
  });

  app.post('/staff/sign-out', { schema: { hide: true }, config: { html: true } }, async (request, reply) => {
    const staff = request.staff;
    await fastify.endStaffSession(request, reply);
    if (staff) await fastify.services.audit.record({ actor: staff, action: 'session.sign_out', objectType: 'staff_user', objectId: staff.userId });
    return reply.redirect('/staff/sign-in?done=signed-out', 303);
  });

  app.get('/staff/set-password/:token', { schema: { params: tokenParams, hide: true }, config: { html: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const owner = await users().checkToken(request.params.token);
    if (!owner) return reply.status(404).viewAsync('pages/staff/link-expired.hbs', staffView(request, { pageTitle: 'Link expired' }));
    return reply.viewAsync('pages/staff/set-password.hbs', staffView(request, { pageTitle: 'Set your password', owner, minLength: MIN_PASSWORD_LENGTH }));
  });

  app.post('/staff/set-password/:token', { schema: { params: tokenParams, body: setPasswordBody, hide: true }, config: { html: true } }, async (request, reply) => {
    const { token } = request.params;
    try {
      await users().setPasswordWithToken(token, request.body.password, request.body.confirm);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const owner = await users().checkToken(token);
      if (!owner) return reply.status(404).viewAsync('pages/staff/link-expired.hbs', staffView(request, { pageTitle: 'Link expired' }));
      const problems = Object.values(err.details ?? {}).flat();
      return reply.status(err.statusCode).viewAsync('pages/staff/set-password.hbs', staffView(request, {
        pageTitle: 'Set your password', owner, minLength: MIN_PASSWORD_LENGTH, error: err.message, problems,
      }));
    }
    // Setting a password ends every session of the account, including this browser's.
    await fastify.endStaffSession(request, reply);
    return reply.redirect('/staff/sign-in?done=password', 303);
  });
}
