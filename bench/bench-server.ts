/**
 * The server the benchmark runs as a child process: the product's app (buildApp, same config) plus
 * one route that exists only here, POST /bench/baseline/:token, which stores the same JSON without
 * resolving the link through its campaign, without validation and without idempotency: one INSERT per
 * request. Its throughput is the physical limit of HTTP + JSON + PostgreSQL on this machine. Its rows
 * are marked as folded, so that the product's tally folder spends nothing on them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';

const config = loadConfig();
const app = await buildApp(config, { logger: false });

interface LinkRow {
  id: string;
  campaign_id: string;
  country: string;
  edition_id: string;
}
const links = new Map<string, LinkRow>();

app.post<{ Params: { token: string }; Body: { answers: Record<string, unknown>; locale: string } }>('/bench/baseline/:token', { config: { respondent: true } }, async (request, reply) => {
  let link = links.get(request.params.token);
  if (!link) {
    link = await app.db
      .selectFrom('link')
      .innerJoin('campaign', 'campaign.id', 'link.campaign_id')
      .select(['link.id', 'link.campaign_id', 'link.country', 'campaign.edition_id'])
      .where('link.token', '=', request.params.token)
      .executeTakeFirstOrThrow();
    links.set(request.params.token, link);
  }
  const { answers, locale } = request.body;
  const id = randomUUID();
  await app.db
    .insertInto('response')
    .values({
      id, edition_id: link.edition_id, campaign_id: link.campaign_id, link_id: link.id, link_country: link.country,
      country: String(answers.country ?? link.country), authority_type: String(answers.authority_type ?? 'not_asked'),
      language: locale, status: 'complete', answers: JSON.stringify(answers), last_page: 0,
      started_on: sql<string>`current_date`, submitted_on: sql<string>`current_date`, resume_token_hash: null, deletion_code_hash: null,
      // Not the product's data: the tally folder leaves these rows alone, so that the limit is measured without it.
      tallied: true,
    })
    .execute();
  return reply.status(201).send({ id });
});

// A stalled event loop answers nothing, whatever the database does: every stall of a quarter
// second or more is written out, with when it ended, for the benchmark to show next to its rounds.
let tickAt = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - tickAt - 100;
  if (late >= 250) console.error(`event loop stalled ${Math.round(late)} ms until ${new Date().toISOString().slice(11, 23)}`);
  tickAt = now;
}, 100).unref();

await app.listen({ host: config.HOST, port: config.PORT });
console.log(`listening ${config.PORT}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
