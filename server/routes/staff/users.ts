/**
 * Staff accounts in the admin console: list (role, country, last sign-in), create with a one-time
 * set-password link, disable / re-enable (disabling ends the sessions), a new one-time link.
 * Admins only. A one-time link is shown once, on the page that made it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { ROLES } from '../../auth/principal.ts';
import { staffView } from '../../auth/staff-view.ts';
import { AppError } from '../../errors.ts';
import { PASSWORD_LINK_HOURS, passwordLink } from '../../users/user-service.ts';
import { errorList } from './form-values.ts';

const userParams = z.object({ userId: z.uuid() });
const createBody = z.object({
  email: z.string().max(320),
  name: z.string().max(300),
  role: z.string().max(20),
  country: z.string().max(10).optional(),
});

export default async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireStaff('admin');
  const users = () => fastify.services.users;

  const countries = () =>
    (fastify.reference.lists.get('countries') ?? []).filter((c) => /^[A-Z]{2}$/.test(c.value)).map((c) => ({ value: c.value, name: c.text.default ?? c.text.en ?? c.value }));

  const listPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const list = (await users().list()).map((u) => ({ ...u, self: u.id === request.staff?.userId }));
    const form = (extra.form ?? {}) as { role?: string; country?: string };
    return reply.viewAsync('pages/staff/users.hbs', staffView(request, {
      pageTitle: 'Staff', users: list, form,
      roles: ROLES.map((r) => ({ value: r, selected: r === (form.role ?? 'ipnc') })),
      countries: countries().map((c) => ({ ...c, selected: c.value === form.country })),
      ...extra,
    }));
  };

  const linkPage = (request: FastifyRequest, reply: FastifyReply, user: { email: string; name: string }, token: string, created: boolean) =>
    reply.header('cache-control', 'no-store').viewAsync('pages/staff/user-link.hbs', staffView(request, {
      pageTitle: 'One-time link', user, created, hours: PASSWORD_LINK_HOURS,
      link: passwordLink(fastify.config.PUBLIC_URL, token),
    }));

  app.get('/staff/users', {
    schema: { querystring: z.object({ notice: z.enum(['disabled', 'enabled']).optional() }), hide: true },
    config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => listPage(request, reply, { notice: request.query.notice }));

  app.post('/staff/users', { schema: { body: createBody, hide: true }, config: { html: true }, preHandler: adminOnly }, async (request, reply) => {
    const form = request.body;
    try {
      const { user, token } = await users().create(request.staff!, { ...form, country: form.role === 'ipnc' ? form.country : null });
      return linkPage(request, reply, user, token!, true);
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      reply.status(err.statusCode);
      return listPage(request, reply, { form, error: err.message, problems: errorList(err) });
    }
  });

  app.post('/staff/users/:userId/reset-password', {
    schema: { params: userParams, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const token = await users().resetPassword(request.staff!, request.params.userId);
    const user = await users().findById(request.params.userId);
    return linkPage(request, reply, user, token, false);
  });

  app.post('/staff/users/:userId/disable', {
    schema: { params: userParams, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    await users().setEnabled(request.staff!, request.params.userId, false);
    return reply.redirect('/staff/users?notice=disabled', 303);
  });

  app.post('/staff/users/:userId/enable', {
    schema: { params: userParams, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    await users().setEnabled(request.staff!, request.params.userId, true);
    return reply.redirect('/staff/users?notice=enabled', 303);
  });
}
