import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { createLink } from '../../server/links/link-service.ts';
import { bumpFunnel, funnelByLink, FUNNEL_SHARDS } from '../../server/funnel/funnel-repository.ts';
import { fileApp, openCampaign, submitThrough } from '../routes/campaigns/campaign-fixture.ts';

async function counters(app: FastifyInstance, linkId: string) {
  const rows = await app.db.selectFrom('link_funnel_day').selectAll().where('link_id', '=', linkId).execute();
  return {
    visits: rows.reduce((a, r) => a + r.visits, 0),
    starts: rows.reduce((a, r) => a + r.starts, 0),
    completions: rows.reduce((a, r) => a + r.completions, 0),
  };
}

async function setup(_t?: unknown) {
  const app = await fileApp();
  const campaign = await openCampaign(app);
  const link = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'FR', channel: 'event', language: 'en' });
  const save = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/s/${link.token}/progress`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ answers: {}, locale: 'en', page: 0, ...body }) });
  return { app, campaign, link, save };
}

t.test('a visit is counted when the survey page is rendered, and only then', async (t) => {
  const { app, link } = await setup(t);
  t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}` })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}?lang=fr` })).statusCode, 200);
  t.equal((await app.inject({ method: 'HEAD', url: `/s/${link.token}` })).statusCode, 200);
  t.equal((await counters(app, link.id)).visits, 2, 'two pages rendered; a HEAD request renders nothing');
  await app.db.updateTable('link').set({ disabled_at: new Date() }).where('id', '=', link.id).execute();
  t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}` })).statusCode, 404);
  t.equal((await counters(app, link.id)).visits, 2, 'a disabled link shows no survey and counts no visit');
});

t.test('the first save is a start; later saves of the same response are not', async (t) => {
  const { app, link, save } = await setup(t);
  const first = await save({ page: 0 });
  t.equal(first.statusCode, 200, first.body);
  const { resumeToken } = first.json() as { resumeToken: string };
  t.equal((await save({ page: 1, resumeToken })).statusCode, 200);
  t.equal((await save({ page: 2, resumeToken })).statusCode, 200);
  t.same(await counters(app, link.id), { visits: 0, starts: 1, completions: 0 });
});

t.test('a completion is counted once, in the transaction of the response; a replay and a refused answer count nothing', async (t) => {
  const { app, link, save } = await setup(t);
  const { resumeToken } = (await save({})).json() as { resumeToken: string };
  t.equal((await submitThrough(app, link.token, 1, { resumeToken, key: 'replayed-key-0123456789' })).statusCode, 201);
  t.same(await counters(app, link.id), { visits: 0, starts: 1, completions: 1 }, 'completing a saved response adds no start');
  t.equal((await submitThrough(app, link.token, 1, { resumeToken, key: 'replayed-key-0123456789' })).statusCode, 201, 'the retry is answered');
  t.same(await counters(app, link.id), { visits: 0, starts: 1, completions: 1 }, 'the replay counted nothing');
  const refused = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses`, headers: { 'content-type': 'application/json', 'idempotency-key': 'refused-key-0123456789' },
    payload: JSON.stringify({ answers: { country: 'nowhere' }, locale: 'en' }),
  });
  t.equal(refused.statusCode, 422);
  t.equal((await submitThrough(app, link.token, 2)).statusCode, 201);
  t.same(await counters(app, link.id), { visits: 0, starts: 2, completions: 2 }, 'a response submitted without an earlier save started and completed at once');
});

t.test('the counters hold counts and a date, nothing about a visitor', async (t) => {
  const { app, link } = await setup(t);
  await app.inject({ method: 'GET', url: `/s/${link.token}`, headers: { 'user-agent': 'Visitor-UA/1.0', referer: 'https://example.org/secret', 'x-forwarded-for': '203.0.113.9' } });
  const columns = await app.db.introspection.getTables().then((ts) => ts.find((x) => x.name === 'link_funnel_day')!.columns.map((c) => c.name).sort());
  t.same(columns, ['completions', 'day', 'link_id', 'shard', 'starts', 'visits']);
  const row = await app.db.selectFrom('link_funnel_day').selectAll().where('link_id', '=', link.id).executeTakeFirstOrThrow();
  t.match(row.day, /^\d{4}-\d{2}-\d{2}$/, 'a date, no time of day');
  t.notMatch(JSON.stringify(row), /Visitor-UA|secret|203\.0\.113/);
});

t.test('concurrent increments land on a few shard rows and add up exactly', async (t) => {
  const { app, campaign, link } = await setup(t);
  await Promise.all(Array.from({ length: 60 }, (_, i) => bumpFunnel(app.db, link.id, { visits: 1, starts: i % 2, completions: i % 3 === 0 ? 1 : 0 })));
  const rows = await app.db.selectFrom('link_funnel_day').selectAll().where('link_id', '=', link.id).execute();
  t.ok(rows.length <= FUNNEL_SHARDS);
  t.same(await funnelByLink(app.db, campaign.id, 'FR'), [{ linkId: link.id, visits: 60, starts: 30, completions: 20 }]);
  t.same(await funnelByLink(app.db, campaign.id, 'ES'), [], 'another country has none');
});
