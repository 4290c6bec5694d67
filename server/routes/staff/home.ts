/** The staff home page: what the signed-in member can do, by role. */
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';

export default async function staffHomeRoutes(fastify: FastifyInstance) {
  fastify.get('/staff', { schema: { hide: true }, config: { html: true }, preHandler: requireStaff() }, async (request, reply) => {
    const admin = request.staff?.role === 'admin';
    const needsFirstUsers = admin ? (await fastify.services.users.count()) <= 1 : false;
    return reply.viewAsync('pages/staff/home.hbs', staffView(request, { pageTitle: 'Staff', needsFirstUsers }));
  });
}
