/** Every route folder, registered in one place. */
import type { FastifyInstance } from 'fastify';
import healthRoutes from './health/index.ts';
import homeRoutes from './home/index.ts';
import campaignsRoutes from './campaigns/index.ts';
import dashboardRoutes from './dashboard/index.ts';
import exportRoutes from './exports/index.ts';
import respondentRoutes from './respondent/index.ts';
import reportRoutes from './reports/index.ts';
import resultsRoutes from './results/index.ts';
import staffRoutes from './staff/index.ts';
import translationRoutes from './translations/index.ts';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(respondentRoutes);
  await app.register(staffRoutes);
  await app.register(campaignsRoutes);
  await app.register(resultsRoutes);
  await app.register(dashboardRoutes);
  await app.register(exportRoutes);
  await app.register(reportRoutes);
  await app.register(translationRoutes);
}
