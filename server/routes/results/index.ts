/** Routes of the results feature: the results pages and the JSON results API. */
import type { FastifyInstance } from 'fastify';
import resultsApi from './results-api.ts';
import resultsPages from './results-pages.ts';

export default async function resultsRoutes(fastify: FastifyInstance) {
  await fastify.register(resultsPages);
  await fastify.register(resultsApi);
}
