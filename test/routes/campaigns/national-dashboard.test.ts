import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { isoDay, insertResponses, openCampaign, submitThrough } from './campaign-fixture.ts';

/** The data-chart attribute of the first chart on a page, decoded. */
function chartOf(html: string): { data: { labels: string[]; datasets: { data: (number | null)[] }[] }; options: { plugins: { waveMarkers: { waves: { index: number; label: string }[] } } } } {
  const m = html.match(/data-chart="([^"]*)"/);
  if (!m) throw new Error('no chart on the page');
  const decoded = m[1]!.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(decoded);
}

t.test('an IPNC creates two links, records a launch and a relaunch, and sees the curve, the rate and the funnel; another IPNC sees none of it', async (t) => {
  const { app } = await buildTestApp(t);
  const campaign = await openCampaign(app, { daysAgo: 6 });
  const fr = await staffClient(app, 'ipnc', 'FR');
  const es = await staffClient(app, 'ipnc', 'ES');
  const base = `/staff/campaigns/${campaign.id}/country/FR`;

  for (const [channel, label] of [['ipnc_email', 'E-mail to the police list'], ['event', 'MILIPOL poster']] as const) {
    const res = await fr.post(`${base}/links`, { channel, language: 'fr', label });
    t.equal(res.statusCode, 303, res.body);
  }
  const links = await app.db.selectFrom('link').selectAll().where('campaign_id', '=', campaign.id).orderBy('created_at').execute();
  t.equal(links.length, 2);
  t.same(links.map((l) => l.country), ['FR', 'FR']);

  t.equal((await fr.post(`${base}/waves`, { kind: 'launch', waveOn: isoDay(-5), channel: 'ipnc_email', note: 'first e-mail' })).statusCode, 303);
  t.equal((await fr.post(`${base}/waves`, { kind: 'relaunch', waveOn: isoDay(-2), channel: 'event' })).statusCode, 303);
  t.equal((await fr.post(`${base}/targets`, { overall: '40', 'type.police': '10' })).statusCode, 303);

  // Answers through both links: pages visited, then submitted.
  for (const [i, link] of links.entries()) {
    t.equal((await app.inject({ method: 'GET', url: `/s/${link.token}` })).statusCode, 200);
    for (let s = 0; s < 3; s++) t.equal((await submitThrough(app, link.token, 100 * i + s)).statusCode, 201);
  }
  // Earlier days, written directly: enough for a curve with both waves.
  await insertResponses(app, { campaignId: campaign.id, linkId: links[0]!.id, linkCountry: 'FR', count: 6, submittedOn: isoDay(-4) });
  await insertResponses(app, { campaignId: campaign.id, linkId: links[1]!.id, linkCountry: 'FR', count: 5, submittedOn: isoDay(-2) });

  const page = await fr.get(base);
  t.equal(page.statusCode, 200, page.body.slice(0, 300));
  const chart = chartOf(page.body);
  t.ok(chart.data.labels.includes(isoDay(-5)) && chart.data.labels.includes(isoDay(0)), 'the curve spans the campaign so far');
  t.same(chart.options.plugins.waveMarkers.waves.map((w) => w.label), ['Launch', 'Relaunch'], 'both waves are marked');
  const cumulative = chart.data.datasets[1]!.data.filter((v): v is number => v !== null);
  t.equal(Math.max(...cumulative), 17, 'the cumulative curve reaches every complete response');
  t.match(page.body, /42\.5 %/, 'the response rate against the target of 40 (17/40)');
  t.match(page.body, /MILIPOL poster/, 'the funnel lists each link');
  t.match(page.body, /E-mail to the police list/);

  // The other country's contact: every page and action of FR is a 404.
  for (const url of [base, `${base}/links`, `${base}/waves`, `${base}/targets`, '/staff/country/FR', `/staff/links/${links[0]!.id}/qr.svg`, `/staff/links/${links[0]!.id}/message`, `/staff/links/${links[0]!.id}/relaunch`]) {
    t.equal((await es.get(url)).statusCode, 404, `ES gets 404 for ${url}`);
  }
  for (const [url, form] of [[`${base}/links`, { channel: 'event', language: 'en' }], [`${base}/waves`, { kind: 'reminder', waveOn: isoDay(0) }], [`${base}/targets`, { overall: '1' }], [`/staff/links/${links[0]!.id}/disable`, {}], [`/staff/links/${links[0]!.id}/relaunch`, { waveOn: isoDay(0) }]] as const) {
    t.equal((await es.post(url, form)).statusCode, 404, `ES gets 404 posting to ${url}`);
  }
  t.equal(await app.db.selectFrom('link').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)), 2, 'nothing was created by ES');
  t.equal((await app.db.selectFrom('link').select('disabled_at').where('id', '=', links[0]!.id).executeTakeFirstOrThrow()).disabled_at, null);
});
