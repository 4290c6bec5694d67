/** The staff console: sign-in, home, editions, campaigns, staff accounts and the audit log. */
import type { FastifyInstance } from 'fastify';
import auditRoutes from './audit.ts';
import campaignConsoleRoutes from './campaigns.ts';
import editionRoutes from './editions.ts';
import staffHomeRoutes from './home.ts';
import signInRoutes from './sign-in.ts';
import userRoutes from './users.ts';

export default async function staffRoutes(fastify: FastifyInstance) {
  await fastify.register(signInRoutes);
  await fastify.register(staffHomeRoutes);
  await fastify.register(editionRoutes);
  await fastify.register(campaignConsoleRoutes);
  await fastify.register(userRoutes);
  await fastify.register(auditRoutes);
}
