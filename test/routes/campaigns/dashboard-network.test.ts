import t from 'tap';
import { fileStaff } from './campaign-fixture.ts';
import { chartOf, tableAfter, setup, frPage } from './dashboard-pages.ts';

t.test('the network figure is shown to a contact only when it gives away no single other country', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  await add(await link('FR'), 10, -1);
  await add(await link('ES'), 7, -1);
  const network = (html: string) => tableFigure(html, 'network, all countries');
  const tableFigure = (html: string, caption: string) => {
    const i = html.indexOf(caption);
    return html.slice(html.lastIndexOf('<li', i), i).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };
  t.equal(network(await frPage(app, campaign.id)), '–', 'FR + ES alone: the total minus FR would be ES');
  await add(await link('PT'), 2, -1);
  t.equal(network(await frPage(app, campaign.id)), '19', 'two other countries with at least k together');
  const analyst = await fileStaff('analyst');
  const es = (await analyst.get(`/staff/campaigns/${campaign.id}/country/ES`)).body;
  t.equal(network(es), '19', 'analysts see the network as it is (k applied)');
});

t.test('the overview of every country: analysts and admins only, small countries hidden with one more', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  await add(await link('FR'), 20, -1);
  await add(await link('ES'), 9, -1);
  await add(await link('PT'), 6, -1);
  await add(await link('LT'), 2, -1);
  const analyst = await fileStaff('analyst');
  const res = await analyst.get(`/staff/campaigns/${campaign.id}/overview`);
  t.equal(res.statusCode, 200);
  const rows = tableAfter(res.body, 'Countries').slice(1);
  t.same(rows.map((r) => [r[0], r[1]]), [['Spain (ES)', '9'], ['France (FR)', '20'], ['Lithuania (LT)', 'hidden'], ['Portugal (PT)', 'hidden'], ['Network', '37']]);
  const chart = chartOf(res.body)!;
  t.same(chart.data.datasets[0]!.data, [9, 20, null, null], 'the chart leaves hidden countries out');
  const fr = await fileStaff('ipnc', 'FR');
  t.equal((await fr.get(`/staff/campaigns/${campaign.id}/overview`)).statusCode, 403);
});
