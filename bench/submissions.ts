/**
 * Submissions under load (autocannon on loopback): validated POST /s/:token/responses with varied
 * valid answers, each request with its own Idempotency-Key, spread over the campaign's links; and
 * the same bodies against the benchmark-only baseline route that stores them without validation.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { BenchCampaign, PooledAnswers } from './bench-data.ts';

export interface LoadResult {
  target: 'validated' | 'baseline';
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Responses completed in each second of the round: a stall shows as a run of near-zero seconds. */
  perSecond: number[];
}

/** Bodies prepared in advance so that the client spends its time sending, not serialising. */
function prepareBodies(pool: PooledAnswers[]): string[] {
  return pool.map((p) => JSON.stringify({ answers: p.answers, locale: p.locale }));
}

export async function runLoad(baseUrl: string, c: BenchCampaign, pool: PooledAnswers[], target: LoadResult['target'], connections: number, seconds: number): Promise<LoadResult> {
  const bodies = prepareBodies(pool);
  const prefix = randomBytes(6).toString('hex');
  let n = 0;
  const perSecond: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((done, fail) => (instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n += 1;
          const link = c.links[n % c.links.length]!;
          const path = target === 'validated' ? `/s/${link.token}/responses` : `/bench/baseline/${link.token}`;
          return {
            ...req,
            path,
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${prefix}-${n.toString(36).padStart(8, '0')}` },
            body: bodies[n % bodies.length],
          };
        },
      },
    ],
  }, (err, result) => (err ? fail(err) : done(result)))));
  // 'tick' (once a second, the responses of that second) is emitted but missing from the types.
  (instance as NodeJS.EventEmitter).on('tick', ({ counter }: { counter: number }) => perSecond.push(counter));
  const result = await finished;
  return {
    target,
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    perSecond,
  };
}
