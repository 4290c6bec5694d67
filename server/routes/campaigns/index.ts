/**
 * Routes of the campaigns feature: country pages, national dashboards and the all-countries
 * overview, links (with QR codes and the relaunch message), waves and targets. Every route checks
 * the role and, for a national contact, the country, on the server.
 */
import type { FastifyInstance } from 'fastify';
import countryPages from './country-pages.ts';
import dashboardRoutes from './dashboards.ts';
import linkRoutes from './links.ts';
import targetRoutes from './targets.ts';
import waveRoutes from './waves.ts';

export default async function campaignsRoutes(fastify: FastifyInstance) {
  await fastify.register(countryPages);
  await fastify.register(dashboardRoutes);
  await fastify.register(linkRoutes);
  await fastify.register(waveRoutes);
  await fastify.register(targetRoutes);
}
