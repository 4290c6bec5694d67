import t from 'tap';
import { createLink } from '../../../server/links/link-service.ts';
import { fileApp, fileStaff, insertResponses, isoDay, openCampaign } from './campaign-fixture.ts';

async function setup(_t?: unknown) {
  const app = await fileApp();
  const campaign = await openCampaign(app, { daysAgo: 10 });
  const fr = await fileStaff('ipnc', 'FR');
  const admin = await fileStaff('admin');
  const base = `/staff/campaigns/${campaign.id}/country/FR`;
  const waves = () => app.db.selectFrom('wave').selectAll().where('campaign_id', '=', campaign.id).orderBy('created_at').execute();
  return { app, campaign, fr, admin, base, waves };
}

t.test('an IPNC records launches, relaunches and reminders for their country, not extensions or closes', async (t) => {
  const { fr, base, waves } = await setup(t);
  t.equal((await fr.post(`${base}/waves`, { kind: 'launch', waveOn: isoDay(-8), channel: 'social_media', note: 'LinkedIn <post>' })).headers.location, `${base}/waves?notice=recorded`);
  const ext = await fr.post(`${base}/waves`, { kind: 'extension', waveOn: isoDay(0) });
  t.equal(ext.statusCode, 422);
  t.match(ext.body, /extensions and closes are recorded for the whole campaign/);
  const outside = await fr.post(`${base}/waves`, { kind: 'reminder', waveOn: isoDay(-30) });
  t.equal(outside.statusCode, 422);
  t.match(outside.body, /must fall within the campaign/);
  t.equal((await fr.post(`${base}/waves`, { kind: 'reminder', waveOn: isoDay(0), channel: 'fax' })).statusCode, 422);
  t.equal((await fr.post(`${base}/waves`, { kind: 'reminder', waveOn: isoDay(0), note: 'x'.repeat(501) })).statusCode, 422);
  const stored = await waves();
  t.equal(stored.length, 1);
  t.same([stored[0]!.country, stored[0]!.kind, stored[0]!.channel], ['FR', 'launch', 'social_media']);
  const page = await fr.get(`${base}/waves`);
  t.match(page.body, 'LinkedIn &lt;post&gt;', 'notes are escaped');
  t.equal((await fr.get(`/staff/campaigns/${stored[0]!.campaign_id}/waves`)).statusCode, 403, 'the all-countries page is for admins');
  t.equal((await fr.post(`/staff/campaigns/${stored[0]!.campaign_id}/waves`, { kind: 'extension', waveOn: isoDay(0) })).statusCode, 403);
});

t.test('an admin records an extension for every country, which each country then sees; an IPNC cannot delete it', async (t) => {
  const { app, campaign, fr, admin, base, waves } = await setup(t);
  t.equal((await admin.post(`/staff/campaigns/${campaign.id}/waves`, { kind: 'extension', waveOn: isoDay(0), note: 'to 15 December' })).statusCode, 303);
  const [ext] = await waves();
  t.equal(ext!.country, null);
  t.match((await fr.get(`${base}/waves`)).body, /to 15 December/);
  t.equal((await fr.post(`/staff/waves/${ext!.id}/delete`)).statusCode, 404);
  const es = await fileStaff('ipnc', 'ES');
  await es.post(`/staff/campaigns/${campaign.id}/country/ES/waves`, { kind: 'launch', waveOn: isoDay(-1) });
  const esWave = (await waves()).find((w) => w.country === 'ES')!;
  t.equal((await fr.post(`/staff/waves/${esWave.id}/delete`)).statusCode, 404, "another country's wave is not found");
  t.equal((await waves()).length, 2);
});

t.test('deleting a wave detaches its responses until an admin re-attributes, and the page says how many', async (t) => {
  const { app, campaign, fr, admin, base, waves } = await setup(t);
  const link = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'FR', channel: 'event', language: 'en' });
  await fr.post(`${base}/waves`, { kind: 'launch', waveOn: isoDay(-8) });
  await fr.post(`${base}/waves`, { kind: 'relaunch', waveOn: isoDay(-3) });
  const [launch, relaunch] = await waves();
  await insertResponses(app, { campaignId: campaign.id, linkId: link.id, linkCountry: 'FR', count: 6, submittedOn: isoDay(-2), waveId: relaunch!.id });
  const del = await fr.post(`/staff/waves/${relaunch!.id}/delete`);
  t.equal(del.headers.location, `${base}/waves?notice=deleted&count=6`);
  t.match((await fr.get(String(del.headers.location))).body, /6 response\(s\) had been counted for it/);
  const page = await admin.get(`/staff/campaigns/${campaign.id}/waves`);
  t.match(page.body, /<strong>6 response\(s\)<\/strong> would change wave now/);
  const re = await admin.post(`/staff/campaigns/${campaign.id}/waves/reattribute`);
  t.equal(re.headers.location, `/staff/campaigns/${campaign.id}/waves?notice=reattributed&count=6`);
  t.match((await admin.get(String(re.headers.location))).body, /Re-attribution done: 6 response\(s\) changed wave/);
  const attributed = await app.db.selectFrom('response').select('wave_id').where('campaign_id', '=', campaign.id).distinct().execute();
  t.same(attributed.map((r) => r.wave_id), [launch!.id]);
  t.equal((await fr.post(`/staff/campaigns/${campaign.id}/waves/reattribute`)).statusCode, 403, 'IPNCs do not re-attribute');
});
