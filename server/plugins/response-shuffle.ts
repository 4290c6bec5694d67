/**
 * Starts the response shuffler (responses/response-shuffler.ts) once the app is ready and stops it
 * before the database closes. SHUFFLE_INTERVAL_MINUTES=0 leaves it off.
 */
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../request-guards.ts';
import { startResponseShuffler } from '../responses/response-shuffler.ts';

export default fp(
  async (fastify) => {
    const minutes = fastify.config.SHUFFLE_INTERVAL_MINUTES;
    if (minutes === 0) return;
    let shuffler: ReturnType<typeof startResponseShuffler> | null = null;
    fastify.addHook('onReady', async () => {
      shuffler = startResponseShuffler(fastify.db, minutes * 60_000, (err) => {
        if (!isDatabaseUnavailable(err)) fastify.log.error({ err: { message: (err as Error).message } }, 'shuffling the responses of past days failed');
      });
    });
    fastify.addHook('preClose', async () => {
      await shuffler?.stop();
    });
  },
  { name: 'response-shuffle', dependencies: ['database'] },
);
