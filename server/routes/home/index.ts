/** The front page: what this server is, for someone who arrives without a survey link. */
import type { FastifyInstance } from 'fastify';

export default async function homeRoutes(fastify: FastifyInstance) {
  fastify.get('/', { schema: { hide: true }, config: { html: true } }, async (_request, reply) =>
    reply.viewAsync('pages/home.hbs', { pageTitle: 'JPP surveys' }),
  );
}
