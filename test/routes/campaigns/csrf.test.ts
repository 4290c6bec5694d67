import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { createLink } from '../../../server/links/link-service.ts';
import { recordWave } from '../../../server/waves/wave-service.ts';
import { staffClient } from '../staff/staff-client.ts';
import { isoDay, openCampaign } from './campaign-fixture.ts';

t.test('every campaigns form needs its CSRF token: without it, or with a wrong one, 403 and nothing changes', async (t) => {
  const { app } = await buildTestApp(t);
  const campaign = await openCampaign(app);
  const link = await createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country: 'FR', channel: 'event', language: 'en' });
  const wave = await recordWave(app.db, 'cli', { campaignId: campaign.id, country: 'FR', kind: 'launch', waveOn: isoDay(0) });
  const admin = await staffClient(app, 'admin');
  const base = `/staff/campaigns/${campaign.id}/country/FR`;
  const forms: [string, Record<string, string>][] = [
    [`${base}/links`, { channel: 'event', language: 'en' }],
    [`/staff/links/${link.id}/disable`, {}],
    [`/staff/links/${link.id}/enable`, {}],
    [`/staff/links/${link.id}/relaunch`, { waveOn: isoDay(0) }],
    [`${base}/waves`, { kind: 'reminder', waveOn: isoDay(0) }],
    [`/staff/campaigns/${campaign.id}/waves`, { kind: 'extension', waveOn: isoDay(0) }],
    [`/staff/campaigns/${campaign.id}/waves/reattribute`, {}],
    [`/staff/waves/${wave.id}/delete`, {}],
    [`${base}/targets`, { overall: '10' }],
  ];
  const snapshot = async () => JSON.stringify(await Promise.all(['link', 'wave', 'target', 'audit_event'].map((table) =>
    app.db.selectFrom(table as 'link').selectAll().execute())));
  const before = await snapshot();
  for (const [url, form] of forms) {
    t.equal((await admin.post(url, form, { csrf: false })).statusCode, 403, `no token: ${url}`);
    t.equal((await admin.post(url, form, { csrf: 'forged-token-value' })).statusCode, 403, `wrong token: ${url}`);
    const anonymous = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    t.ok([401, 403].includes(anonymous.statusCode), `anonymous: ${url} -> ${anonymous.statusCode}`);
  }
  t.equal(await snapshot(), before, 'nothing changed');
  // And every form on the pages carries the token.
  for (const url of [`${base}/links`, `${base}/waves`, `${base}/targets`, `/staff/campaigns/${campaign.id}/waves`, `/staff/links/${link.id}/relaunch`]) {
    const html = (await admin.get(url)).body;
    const postForms = html.match(/<form[^>]*method="post"[\s\S]*?<\/form>/g) ?? [];
    t.ok(postForms.length > 0, `${url} has forms`);
    for (const f of postForms) t.match(f, `name="_csrf" value="${admin.csrf}"`, `a form on ${url} carries the token`);
  }
});
