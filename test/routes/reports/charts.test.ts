import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { seedResults, times, type Row } from '../../analysis/support/results-fixture.ts';


// Every report and picture draws charts on the CPU: generous on a busy machine.
t.setTimeout(300_000);
const row = (link: 'A' | 'B', experience: string): Row => ({
  link, country: link === 'A' ? 'FR' : 'ES', authority: 'police', language: 'en',
  answers: { experience, country: link === 'A' ? 'FR' : 'ES', satisfaction: link === 'A' ? 4 : 2 },
});
const ROWS = [...times(8, row('A', 'yes')), ...times(4, row('A', 'no')), ...times(5, row('B', 'yes')), ...times(4, row('B', 'no'))];

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
  await seedResults(app, ROWS.slice(0, 15), { edition: '1' });
  return { app, ...(await seedResults(app, ROWS, { edition: '2' })) };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

t.test('chart pictures of the results, cross-tab and comparison pages', async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  const png = await analyst.get(`/api/charts/question?edition=${editionId}&question=experience`);
  t.equal(png.statusCode, 200);
  t.equal(png.headers['content-type'], 'image/png');
  t.match(png.headers['content-disposition'], /attachment; filename="2-experience\.png"/);
  t.same(png.rawPayload.subarray(0, 4), PNG);
  // Print resolution: a 900 px wide chart drawn at 3 pixels per CSS pixel.
  t.equal(png.rawPayload.readUInt32BE(16), 2700, 'width in pixels');

  const svg = await analyst.get(`/api/charts/question?edition=${editionId}&question=satisfaction&format=svg&country=FR`);
  t.equal(svg.statusCode, 200);
  t.equal(svg.headers['content-type'], 'image/svg+xml');
  t.match(svg.body, /<svg[^>]+width="900"/);

  t.equal((await analyst.get(`/api/charts/question?edition=${editionId}&question=nothing`, { accept: 'application/json' })).statusCode, 404, 'unknown question');
  t.equal((await analyst.get(`/api/charts/question?edition=${editionId}&question=remarks`, { accept: 'application/json' })).statusCode, 404, 'a question without a chart');
  t.equal((await analyst.get(`/api/charts/question?edition=${editionId}&question=experience&format=gif`, { accept: 'application/json' })).statusCode, 422);
  t.equal((await analyst.get(`/api/charts/question?edition=${editionId}&question=experience&country=ES&authority_type=border_guard`, { accept: 'application/json' })).statusCode, 404, 'a selection under k has no chart');

  const cross = await analyst.get(`/api/charts/cross-tab?edition=${editionId}&rows=q.experience&columns=link_country`);
  t.equal(cross.statusCode, 200);
  t.same(cross.rawPayload.subarray(0, 4), PNG);
  t.equal((await analyst.get(`/api/charts/cross-tab?edition=${editionId}&rows=q.kinds&columns=country`, { accept: 'application/json' })).statusCode, 422);

  const compare = await analyst.get(`/api/charts/comparison?edition=${editionId}&question=experience&format=svg`);
  t.equal(compare.statusCode, 200);
  t.match(compare.body, /<svg/);
  t.equal((await analyst.get(`/api/charts/comparison?edition=${editionId}&question=nothing`, { accept: 'application/json' })).statusCode, 404);
});

t.test('who may download which chart', async (t) => {
  const { app, editionId, campaignId } = await setup(t);
  t.equal((await app.inject({ method: 'GET', url: `/api/charts/question?edition=${editionId}&question=experience` })).statusCode, 401, 'staff only');
  const ipnc = await staffClient(app, 'ipnc', 'FR');
  t.equal((await ipnc.get(`/api/charts/question?edition=${editionId}&question=experience`)).statusCode, 200, 'their own country');
  for (const q of ['link_country=ES', 'country=ES']) {
    t.equal((await ipnc.get(`/api/charts/question?edition=${editionId}&question=experience&${q}`, { accept: 'application/json' })).statusCode, 404, q);
    t.equal((await ipnc.get(`/api/charts/cross-tab?edition=${editionId}&rows=q.experience&columns=authority_type&${q}`, { accept: 'application/json' })).statusCode, 404, `cross-tab ${q}`);
  }
  t.equal((await ipnc.get(`/api/charts/dashboard?campaign=${campaignId}&country=ES`, { accept: 'application/json' })).statusCode, 404, "another country's dashboard");
  t.equal((await ipnc.get(`/api/charts/dashboard?campaign=${campaignId}`, { accept: 'application/json' })).statusCode, 403, 'every country: analysts and admins');
  const own = await ipnc.get(`/api/charts/dashboard?campaign=${campaignId}&country=FR`);
  t.equal(own.statusCode, 200, 'their own dashboard curve');
  t.same(own.rawPayload.subarray(0, 4), PNG);
  const analyst = await staffClient(app, 'analyst');
  const all = await analyst.get(`/api/charts/dashboard?campaign=${campaignId}&format=svg`);
  t.equal(all.statusCode, 200);
  t.match(all.body, /<svg/);
});

t.test('every results page links its charts to their pictures, with the same filters', async (t) => {
  const { app, editionId, campaignId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  const pages: [string, RegExp][] = [
    [`/staff/results?edition=${editionId}&country=FR`, /href="\/api\/charts\/question\?edition&#x3D;[^"]*country&#x3D;FR&amp;question&#x3D;experience&amp;format=png"/],
    [`/staff/results/cross-tab?edition=${editionId}&rows=q.experience&columns=link_country`, /href="\/api\/charts\/cross-tab\?edition&#x3D;[^"]*rows&#x3D;q.experience&amp;columns&#x3D;link_country&amp;format=svg"/],
    [`/staff/results/compare?edition=${editionId}`, /href="\/api\/charts\/comparison\?edition&#x3D;[^"]*question&#x3D;experience&amp;format=png"/],
    [`/staff/campaigns/${campaignId}/country/FR`, /href="\/api\/charts\/dashboard\?campaign=[^"]+&amp;country=FR&amp;format=png"/],
    [`/staff/campaigns/${campaignId}/overview`, /href="\/api\/charts\/dashboard\?campaign=[^"&]+&amp;format=svg"/],
  ];
  for (const [url, link] of pages) {
    const page = await analyst.get(url);
    t.equal(page.statusCode, 200, url);
    t.match(page.body, link, `${url} links its chart`);
    const href = page.body.match(link)?.[0].slice(6, -1).replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    if (href) t.equal((await analyst.get(href)).statusCode, 200, `${href} answers`);
  }
  t.match((await analyst.get(`/staff/results?edition=${editionId}`)).body, /href="\/static\/css\/results-print\.[\w-]+\.css"/, 'a print stylesheet');
});
