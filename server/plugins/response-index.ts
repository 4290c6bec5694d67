/**
 * Gives the app's database a response index (analysis/response-index-source.ts) once the app is
 * ready: loaded in the background (views read the database until it is), then caught up on a timer
 * and before every view. Off with RESPONSE_INDEX_INTERVAL_MS=0 or when the tallies are not folded.
 */
import fp from 'fastify-plugin';
import { attachResponseIndex, detachResponseIndex } from '../../analysis/response-index-source.ts';
import { isDatabaseUnavailable } from '../request-guards.ts';

export default fp(
  async (fastify) => {
    const interval = fastify.config.RESPONSE_INDEX_INTERVAL_MS;
    if (interval === 0 || fastify.config.TALLY_INTERVAL_MS === 0) return;
    let timer: NodeJS.Timeout | null = null;
    const report = (err: unknown) => {
      // Views read the database meanwhile; the next catch-up tries again.
      if (!isDatabaseUnavailable(err)) fastify.log.error({ err: { message: (err as Error).message } }, 'the response index could not catch up');
    };
    fastify.addHook('onReady', async () => {
      const index = attachResponseIndex(fastify.db);
      index.loaded.then(() => {
        const broken = index.broken();
        if (broken) fastify.log.warn({ reason: broken }, 'the response index is off: results read the database');
        else fastify.log.info({ responses: index.responses(), megabytes: Math.round(index.bytes() / 1e6) }, 'response index loaded');
      }, report);
      timer = setInterval(() => { index.catchUp().catch(report); }, interval);
      timer.unref();
    });
    fastify.addHook('preClose', async () => {
      if (timer) clearInterval(timer);
      detachResponseIndex(fastify.db);
    });
  },
  { name: 'response-index', dependencies: ['database'] },
);
