/** Liveness (the process answers) and readiness (the database answers), for load balancers. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export default async function healthRoutes(fastify: FastifyInstance) {
  fastify.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  fastify.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await Promise.race([
        sql`select 1`.execute(fastify.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return { status: 'ready', database: 'up' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'down' });
    }
  });
}
