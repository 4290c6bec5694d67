import t from 'tap';
import { frenchLinksPage, isoDay } from './campaign-fixture.ts';

t.test('QR codes of the link URL, as SVG and PNG downloads', async (t) => {
  const { app, fr, create, links } = await frenchLinksPage();
  await create({ channel: 'event', language: 'en', label: 'MILIPOL poster' });
  const [link] = await links();
  const svg = await fr.get(`/staff/links/${link!.id}/qr.svg`);
  t.equal(svg.statusCode, 200);
  t.match(svg.headers['content-type'], /^image\/svg\+xml/);
  t.match(svg.headers['content-disposition'], /^attachment; filename="survey-link-fr-event-milipol-poster\.svg"$/);
  t.match(svg.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  t.match(svg.body, /<path[^>]+d="M/, 'modules are drawn');
  t.notMatch(svg.body, /<script|xlink:href|https?:\/\/(?!www\.w3\.org)/, 'nothing active or remote in the SVG');
  const png = await fr.get(`/staff/links/${link!.id}/qr.png`);
  t.equal(png.statusCode, 200);
  t.equal(png.headers['content-type'], 'image/png');
  const bytes = png.rawPayload;
  t.same([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  t.ok(bytes.readUInt32BE(16) >= 1000, 'wide enough to print on a poster');
  // The QR code carries exactly the link's URL.
  const { default: QRCode } = await import('qrcode');
  const expected = await QRCode.toString(`${app.config.PUBLIC_URL}/s/${link!.token}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  t.equal(svg.body, expected);
});

t.test('a disabled link leads nowhere until it is enabled again; both are audited', async (t) => {
  const { app, fr, base, create, links } = await frenchLinksPage();
  await create({ channel: 'website', language: 'en' });
  const [link] = await links();
  t.equal((await fr.post(`/staff/links/${link!.id}/disable`)).headers.location, `${base}/links?notice=disabled`);
  t.equal((await app.inject({ method: 'GET', url: `/s/${link!.token}` })).statusCode, 404);
  t.match((await fr.get(`${base}/links`)).body, /Re-enable/);
  t.equal((await fr.post(`/staff/links/${link!.id}/relaunch`, { waveOn: isoDay(0) })).statusCode, 409, 'no relaunch with a disabled link');
  t.equal((await fr.post(`/staff/links/${link!.id}/enable`)).statusCode, 303);
  t.equal((await app.inject({ method: 'GET', url: `/s/${link!.token}` })).statusCode, 200);
  const actions = (await app.db.selectFrom('audit_event').select('action').where('object_id', '=', link!.id).orderBy('id').execute()).map((a) => a.action);
  t.same(actions, ['link.create', 'link.disable', 'link.enable']);
});

t.test('relaunch: records the wave for the link country and channel, then shows the message in the link language with a mailto link', async (t) => {
  const { app, fr, create, links } = await frenchLinksPage();
  await create({ channel: 'ipnc_email', language: 'fr', label: 'Police' });
  const [link] = await links();
  const form = await fr.get(`/staff/links/${link!.id}/relaunch`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `value="${isoDay(0)}"`, 'today is proposed');
  const bad = await fr.post(`/staff/links/${link!.id}/relaunch`, { waveOn: '2026-02-30' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, /YYYY-MM-DD/);
  const res = await fr.post(`/staff/links/${link!.id}/relaunch`, { waveOn: isoDay(0), note: 'second e-mail' });
  t.equal(res.statusCode, 303);
  const wave = await app.db.selectFrom('wave').selectAll().where('campaign_id', '=', link!.campaign_id).executeTakeFirstOrThrow();
  t.same([wave.country, wave.kind, wave.channel, wave.wave_on, wave.note], ['FR', 'relaunch', 'ipnc_email', isoDay(0), 'second e-mail']);
  t.equal(res.headers.location, `/staff/links/${link!.id}/message?wave=${wave.id}`);
  const page = await fr.get(String(res.headers.location));
  t.equal(page.statusCode, 200);
  t.match(page.body, /The relaunch of \d{4}-\d{2}-\d{2} is recorded for FR/);
  t.match(page.body, /Rappel : enquête/);
  const url = `${app.config.PUBLIC_URL}/s/${link!.token}`;
  t.match(page.body, url);
  // What the browser reads from the attribute: Handlebars escapes & and = there.
  const mailto = page.body.match(/href="(mailto:[^"]+)"/)![1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const params = new URLSearchParams(mailto.slice('mailto:?'.length));
  t.match(params.get('body'), url, 'the mailto body carries the link');
  t.match(params.get('subject'), /^Rappel/);
  t.match(params.get('body'), /20 minutes/, 'the duration the 2022 edition states, not a fixed one');
  t.match(page.body, /data-copy-from="message-body"/);
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'wave.create').where('object_id', '=', wave.id).execute();
  t.equal(audit.length, 1);
});
