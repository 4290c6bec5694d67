import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { createLink } from '../../server/links/link-service.ts';
import { purgeExpiredResponses } from '../../server/campaigns/retention-service.ts';
import { responsesPurge } from '../../server/cli/retention-commands.ts';
import { insertResponses, isoDay, openCampaign, submitThrough } from '../routes/campaigns/campaign-fixture.ts';

t.test('responses:purge deletes the answers of campaigns past their retain-until date, and audits it', async (t) => {
  const { app } = await buildTestApp(t);
  const old = await openCampaign(app, { name: 'Old campaign' });
  const current = await openCampaign(app, { name: 'Current campaign' });
  const oldLink = await createLink(app.db, app.reference.countryCodes, { campaignId: old.id, country: 'FR', channel: 'event', language: 'en' });
  const curLink = await createLink(app.db, app.reference.countryCodes, { campaignId: current.id, country: 'FR', channel: 'event', language: 'en' });
  t.equal((await submitThrough(app, oldLink.token, 1)).statusCode, 201, 'one with an idempotency key');
  await insertResponses(app, { campaignId: old.id, linkId: oldLink.id, linkCountry: 'FR', count: 4 });
  await insertResponses(app, { campaignId: old.id, linkId: oldLink.id, linkCountry: 'FR', count: 2, status: 'partial' });
  await insertResponses(app, { campaignId: current.id, linkId: curLink.id, linkCountry: 'FR', count: 3 });
  // Retention ran out yesterday for the old campaign (set directly: the service refuses such dates).
  await app.db.updateTable('campaign').set({ retain_until: isoDay(-1) }).where('id', '=', old.id).execute();
  await app.db.updateTable('campaign').set({ retain_until: isoDay(0) }).where('id', '=', current.id).execute();

  const dry = await purgeExpiredResponses(app.db, { dryRun: true });
  t.same(dry.map((o) => [o.name, o.deleted]), [['Old campaign', 7]]);
  t.equal(Number((await app.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 10, 'a dry run deletes nothing');

  const lines: string[] = [];
  await responsesPurge.run({ config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => '' }, []);
  t.match(lines.at(-1), /^7 response\(s\) deleted$/);
  const left = await app.db.selectFrom('response').select('campaign_id').execute();
  t.same([...new Set(left.map((r) => r.campaign_id))], [current.id], 'a campaign kept until today keeps its answers');
  t.equal(left.length, 3);
  t.equal((await app.db.selectFrom('submission_key').selectAll().execute()).length, 0, 'idempotency keys went with their responses');
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'response.purge').execute();
  t.equal(audit.length, 1);
  t.same([audit[0]!.actor, audit[0]!.object_id, audit[0]!.detail], ['cli', old.id, { retainUntil: isoDay(-1), deleted: 7 }]);

  t.same(await purgeExpiredResponses(app.db), [], 'a second run finds nothing');
  t.equal((await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'response.purge').execute()).length, 1);
});
