/** The staff home page lists every entry of the menu, for each role; campaign rows lead to their dashboards and links. */
import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';
import { staffClient } from './staff-client.ts';

const { app } = await buildTestApp(t);

function hrefs(html: string, start: string, end: string): string[] {
  const part = html.slice(html.indexOf(start), html.indexOf(end, html.indexOf(start)));
  return [...part.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

for (const [role, country, expected] of [
  ['admin', undefined, ['/staff/editions', '/staff/translations', '/staff/campaigns', '/staff/results', '/staff/country', '/staff/exports', '/staff/reports', '/staff/users', '/staff/audit']],
  ['analyst', undefined, ['/staff/results', '/staff/country', '/staff/exports', '/staff/reports']],
  ['ipnc', 'ES', ['/staff/country/ES', '/staff/results', '/staff/exports', '/staff/reports']],
] as const) {
  t.test(`the ${role}'s home page lists what the menu lists`, async (t) => {
    const member = await staffClient(app, role, country);
    const res = await member.get('/staff');
    t.equal(res.statusCode, 200);
    const menu = hrefs(res.body, 'class="staff-nav-links"', '</ul>');
    const home = hrefs(res.body, 'class="staff-cards"', '</ul>');
    t.same(menu, expected, 'the menu of the role');
    t.same(home, menu, 'the home page offers the same pages, in the same order');
    for (const href of home) t.ok([200, 302, 303].includes((await member.get(href)).statusCode), `${href} opens for the ${role}`);
  });
}

t.test('each campaign row leads to its dashboards, links and waves', async (t) => {
  const admin = await staffClient(app, 'admin');
  const { campaignId } = await openLink(app, { country: 'FR' });
  const list = await admin.get('/staff/campaigns');
  t.match(list.body, `href="/staff/campaigns/${campaignId}/overview"`);
  t.match(list.body, `href="/staff/campaigns/${campaignId}/waves"`);
  const dashboards = await admin.get('/staff/country');
  t.match(dashboards.body, `<a href="/staff/campaigns/${campaignId}/overview">`, 'the campaign name is a link');
  const overview = await admin.get(`/staff/campaigns/${campaignId}/overview`);
  t.equal(overview.statusCode, 200);
  const links = `/staff/campaigns/${campaignId}/country/FR/links`;
  t.match(overview.body, `href="${links}"`, 'each country row links to its links');
  t.equal((await admin.get(links)).statusCode, 200);
});
