import t from 'tap';
import { fileStaff, frenchLinksPage } from './campaign-fixture.ts';

t.test('an IPNC creates links per channel for their country, sees them with their URLs, and each creation is audited', async (t) => {
  const { app, fr, base, create, links } = await frenchLinksPage();
  t.equal((await create({ channel: 'newsletter', language: 'fr', label: 'Lettre <b>Sécurité</b>' })).headers.location, `${base}/links?notice=created`);
  const [link] = await links();
  t.equal(link!.country, 'FR');
  t.equal(link!.language, 'fr');
  t.match(link!.token, /^[A-Za-z0-9_-]{24}$/);
  const page = await fr.get(`${base}/links`);
  t.equal(page.statusCode, 200);
  t.match(page.body, `${app.config.PUBLIC_URL}/s/${link!.token}`);
  t.match(page.body, 'Lettre &lt;b&gt;Sécurité&lt;/b&gt;', 'labels are escaped');
  t.notMatch(page.body, '<b>Sécurité</b>');
  t.match(page.body, /data-copy-from="url-/, 'a copy button per URL');
  t.match(page.body, /src="\/static\/js\/campaign-copy\.[\w-]{12}\.js"/);
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'link.create').where('object_id', '=', link!.id).execute();
  t.equal(audit.length, 1);
  t.equal(audit[0]!.object_id, link!.id);
});

t.test('a link with an unknown channel or language is refused with the reason and nothing is stored', async (t) => {
  const { create, links } = await frenchLinksPage();
  const res = await create({ channel: 'carrier_pigeon', language: 'xx' });
  t.equal(res.statusCode, 422);
  t.match(res.body, /channel: The channel must be one of/);
  t.match(res.body, /language: The language must be one of/);
  t.equal((await links()).length, 0);
});

t.test('an analyst does not manage links (403); an admin manages any country; a bad wave id on the message page is a 404', async (t) => {
  const { app, campaign, base, create, links } = await frenchLinksPage();
  await create({ channel: 'event', language: 'en' });
  const [link] = await links();
  const analyst = await fileStaff('analyst');
  t.equal((await analyst.get(`${base}/links`)).statusCode, 403);
  t.equal((await analyst.get(`/staff/links/${link!.id}/qr.png`)).statusCode, 403);
  const admin = await fileStaff('admin');
  t.equal((await admin.post(`/staff/campaigns/${campaign.id}/country/LT/links`, { channel: 'event', language: 'lt' })).statusCode, 303);
  t.equal((await admin.get(`/staff/campaigns/${campaign.id}/country/LT/links`)).statusCode, 200);
  t.equal((await admin.get(`/staff/campaigns/${campaign.id}/country/XX/links`)).statusCode, 404, 'an unknown country code');
  t.equal((await admin.get(`/staff/campaigns/00000000-0000-4000-8000-000000000000/country/FR/links`)).statusCode, 404, 'an unknown campaign');
  t.equal((await admin.get(`/staff/links/${link!.id}/message?wave=00000000-0000-4000-8000-000000000000`)).statusCode, 404);
  t.equal((await admin.get(`/staff/links/not-a-uuid/qr.svg`)).statusCode, 422);
});
