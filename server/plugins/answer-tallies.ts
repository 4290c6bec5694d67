/**
 * Starts the tally folder (results/tally-folder.ts) once the app is ready and stops it before the
 * database closes. TALLY_INTERVAL_MS=0 leaves it off (results then read every response).
 */
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../request-guards.ts';
import { startTallyFolder } from '../results/tally-folder.ts';

export default fp(
  async (fastify) => {
    const interval = fastify.config.TALLY_INTERVAL_MS;
    if (interval === 0) return;
    let folder: ReturnType<typeof startTallyFolder> | null = null;
    fastify.addHook('onReady', async () => {
      folder = startTallyFolder(fastify.db, interval, (err) => {
        // While the database is away the next round tries again; anything else is worth a line.
        if (!isDatabaseUnavailable(err)) fastify.log.error({ err: { message: (err as Error).message } }, 'folding responses into the tallies failed');
      });
    });
    fastify.addHook('preClose', async () => {
      await folder?.stop();
    });
  },
  { name: 'answer-tallies', dependencies: ['database'] },
);
