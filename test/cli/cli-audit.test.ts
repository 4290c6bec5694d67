/**
 * Changes made from the command line are in the audit log like a staff member's, with the actor
 * "cli"; the editions the server publishes from surveys/ at start, with the actor "server".
 */
import t from 'tap';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { demoResponses } from '../../server/cli/demo-commands.ts';
import { campaignsCreate, linksCreate, surveysSync } from '../../server/cli/survey-commands.ts';
import { buildTestApp } from '../helper.ts';

const { app } = await buildTestApp(t);
const test = t.test.bind(t);

function context() {
  const lines: string[] = [];
  const ctx: CliContext = { config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => '' };
  return { ctx, lines };
}

const auditOf = (objectId: string) => app.db.selectFrom('audit_event').select(['actor', 'action', 'detail']).where('object_id', '=', objectId).orderBy('id').execute();

test('the editions published from surveys/ at start are audited, and a sync that changes nothing is not', async (t) => {
  const synced = await app.db.selectFrom('audit_event').select(['actor', 'detail']).where('action', '=', 'edition.sync').execute();
  t.same(synced.map((a) => a.actor), ['server', 'server'], 'both editions, by the server');
  t.same(synced.map((a) => (a.detail as { edition: string }).edition).sort(), ['2019', '2022']);
  const { ctx, lines } = context();
  await surveysSync.run(ctx, []);
  t.match(lines.join('\n'), /unchanged/);
  t.equal((await app.db.selectFrom('audit_event').select('id').where('action', '=', 'edition.sync').execute()).length, 2, 'nothing new to audit');
});

test('campaigns:create and links:create are audited as "cli"', async (t) => {
  const { ctx, lines } = context();
  await campaignsCreate.run(ctx, ['--survey', 'jpp-experience', '--edition', '2022', '--name', 'Spring wave', '--opens', '2026-03-02', '--closes', '2026-03-31']);
  const campaignId = lines.at(-1)!;
  t.same((await auditOf(campaignId)).map((a) => [a.actor, a.action]), [['cli', 'campaign.create']]);
  await linksCreate.run(ctx, ['--campaign', campaignId, '--country', 'pt', '--channel', 'event', '--language', 'pt']);
  const link = await app.db.selectFrom('link').select('id').where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  const audit = await auditOf(link.id);
  t.same(audit.map((a) => [a.actor, a.action]), [['cli', 'link.create']]);
  t.match(audit[0]!.detail, { country: 'PT', channel: 'event', language: 'pt' });
});

test('a refused command changes nothing and audits nothing', async (t) => {
  const before = (await app.db.selectFrom('audit_event').select('id').execute()).length;
  const { ctx } = context();
  await t.rejects(linksCreate.run(ctx, ['--campaign', '00000000-0000-4000-8000-000000000000', '--country', 'XX', '--channel', 'fax', '--language', 'pt']));
  t.equal((await app.db.selectFrom('audit_event').select('id').execute()).length, before);
});

test('demo:responses audits its campaign, its links and the responses it stored', async (t) => {
  const { ctx, lines } = context();
  await demoResponses.run(ctx, ['--edition', '2019', '--count', '6', '--seed', '3']);
  const campaignId = /campaign ([0-9a-f-]{36})/.exec(lines.at(-1)!)![1]!;
  const campaign = await app.db.selectFrom('campaign').select(['demo', 'name']).where('id', '=', campaignId).executeTakeFirstOrThrow();
  t.ok(campaign.demo, 'flagged as demo');
  t.same((await auditOf(campaignId)).map((a) => [a.actor, a.action]), [['cli', 'campaign.create'], ['cli', 'demo.responses']]);
  const links = await app.db.selectFrom('link').select('id').where('campaign_id', '=', campaignId).execute();
  t.ok(links.length > 0);
  for (const l of links) t.same((await auditOf(l.id)).map((a) => a.action), ['link.create'], 'each link it made');
});
