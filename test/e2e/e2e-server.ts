/** The real server on a real (embedded or PostgreSQL) database, listening on a free loopback port. */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type Teardown } from '../helper.ts';

export async function startServer(t: Teardown, env: Record<string, string> = {}): Promise<{ app: FastifyInstance; origin: string }> {
  const { app } = await buildTestApp(t, { LOG_LEVEL: 'warn', ...env });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, origin: `http://127.0.0.1:${port}` };
}
