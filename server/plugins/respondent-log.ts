/**
 * What the log may say about respondents. Their routes (and the static files their pages load)
 * write no line per request: a run of timed lines, one per submission, would date each response
 * to the millisecond and, in order, point at its row. What they must write (a warning, an error)
 * goes through `respondentLog`, whose lines carry the date and no time of day.
 */
import type { FastifyBaseLogger, FastifyContextConfig } from 'fastify';
import fp from 'fastify-plugin';
import pino, { type DestinationStream } from 'pino';

declare module 'fastify' {
  interface FastifyInstance {
    /** The logger for respondent routes: same destination and level, lines dated to the day only. */
    respondentLog: FastifyBaseLogger;
  }
}

/** pino's timestamp hook: the day (UTC), never the time. */
export const dateOnly = () => `,"date":"${new Date().toISOString().slice(0, 10)}"`;

/** Routes that keep no request line: the respondent's, and files served to everyone's browser. */
export function isQuietRoute(url: string | undefined, config: FastifyContextConfig | undefined): boolean {
  return Boolean(config?.respondent) || /^\/(assets|vendor)\//.test(url ?? '');
}

export default fp(
  async (fastify) => {
    const stream = (fastify.log as unknown as Record<symbol, DestinationStream | undefined>)[pino.symbols.streamSym];
    // Without a stream (logging turned off) there is nothing to write to.
    const log = stream ? pino({ level: fastify.log.level, timestamp: dateOnly }, stream) : fastify.log;
    fastify.decorate('respondentLog', log);
    fastify.addHook('onRoute', (route) => {
      if (isQuietRoute(route.url, route.config)) route.logLevel = 'silent';
    });
  },
  { name: 'respondent-log' },
);
