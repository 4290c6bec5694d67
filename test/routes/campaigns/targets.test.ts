import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { openCampaign } from './campaign-fixture.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t);
  const campaign = await openCampaign(app, { daysAgo: 10 });
  const fr = await staffClient(app, 'ipnc', 'FR');
  const admin = await staffClient(app, 'admin');
  const base = `/staff/campaigns/${campaign.id}/country/FR`;
  const waves = () => app.db.selectFrom('wave').selectAll().orderBy('created_at').execute();
  return { app, campaign, fr, admin, base, waves };
}

t.test('targets: set overall and per authority type, clear one, refuse what is not a count', async (t) => {
  const { app, campaign, fr, admin, base } = await setup(t);
  t.equal((await fr.post(`${base}/targets`, { overall: '120', 'type.police': '40', 'type.border_guard': '15' })).headers.location, `${base}/targets?notice=saved`);
  const rows = async () => (await app.db.selectFrom('target').select(['country', 'authority_type', 'invited']).orderBy('authority_type').execute()).map((r) => `${r.country}:${r.authority_type}=${r.invited}`);
  t.same(await rows(), ['FR:=120', 'FR:border_guard=15', 'FR:police=40']);
  t.equal((await fr.post(`${base}/targets`, { overall: '120', 'type.police': '45', 'type.border_guard': '' })).statusCode, 303);
  t.same(await rows(), ['FR:=120', 'FR:police=45']);
  const page = await fr.get(`${base}/targets`);
  t.match(page.body, /name="type\.police"[^>]*value="45"/);
  for (const bad of ['-3', '1.5', 'ten', '99999999']) {
    const res = await fr.post(`${base}/targets`, { overall: bad });
    t.equal(res.statusCode, 422, `"${bad}" is refused`);
  }
  t.equal((await fr.post(`${base}/targets`, { overall: '1', 'type.TANKS': '3' })).statusCode, 422, 'an unknown field is refused');
  t.equal((await fr.post(`${base}/targets`, { overall: '1', 'type.tanks': '3' })).statusCode, 422, 'an unknown authority type is refused');
  t.same(await rows(), ['FR:=120', 'FR:police=45'], 'nothing changed by refused forms');
  t.equal((await admin.post(`/staff/campaigns/${campaign.id}/country/ES/targets`, { overall: '30' })).statusCode, 303, 'an admin sets any country');
  const audit = await app.db.selectFrom('audit_event').select('detail').where('action', '=', 'target.set').orderBy('id').execute();
  t.equal(audit.length, 3);
  t.same(audit[1]!.detail, { campaign: campaign.id, country: 'FR', police: 45, border_guard: null });
  const analyst = await staffClient(app, 'analyst');
  t.equal((await analyst.post(`${base}/targets`, { overall: '1' })).statusCode, 403);
});
