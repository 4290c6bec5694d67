import t from 'tap';
import { bumpFunnel } from '../../../server/funnel/funnel-repository.ts';
import { tableAfter, setup, frPage } from './dashboard-pages.ts';

t.test('authority types: small groups are hidden, with one more, so that none can be worked out from the total', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  const fr = await link('FR');
  await add(fr, 3, -2, { authorityType: 'police' });
  await add(fr, 8, -2, { authorityType: 'border_guard' });
  await add(fr, 12, -1, { authorityType: 'civil_protection' });
  await add(fr, 1, -1, { authorityType: 'interior_ministry' });
  const rows = tableAfter(await frPage(app, campaign.id), 'Response rate by authority type');
  const cell = (label: string) => rows.find((r) => r[0]?.startsWith(label))?.[1];
  t.equal(cell('Police'), 'hidden');
  t.equal(cell('Ministry of interior'), 'hidden');
  t.equal(cell('Civil protection'), '12');
  t.equal(cell('All types'), '24');
  // With 8 shown, 24 - 12 - 8 = 4 would be the two small groups together: so 8 goes too.
  t.equal(cell('Border guard'), 'hidden', 'the smallest visible group is hidden as well');
  t.equal(rows.filter((r) => r[1] === 'hidden').length, 3);
});

t.test('the funnel per link hides small completions and the starts they would reveal', async (t) => {
  const { app, campaign, link } = await setup(t);
  const big = await link('FR', 'ipnc_email');
  const small = await link('FR', 'event');
  const third = await link('FR', 'website');
  for (const [l, v, s, c] of [[big, 50, 20, 12], [small, 9, 3, 2], [third, 30, 11, 6]] as const) {
    for (let i = 0; i < v; i++) await bumpFunnel(app.db, l.id, { visits: 1, starts: i < s ? 1 : 0, completions: i < c ? 1 : 0 });
  }
  const rows = tableAfter(await frPage(app, campaign.id), 'Links: visits, starts, completions').slice(1);
  t.same(rows.map((r) => r.slice(-4)), [
    ['50', '20', '12', '24.0 %'],
    ['9', 'hidden', 'hidden', '–'],
    ['30', 'hidden', 'hidden', '–'],
    ['89', '34', '20', '22.5 %'],
  ], 'the small link and one more are hidden; visits are page loads and stay');
});

t.test('drop-off by page follows the k rule', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  const fr = await link('FR');
  await add(fr, 6, -1, { status: 'partial', lastPage: 1 });
  await add(fr, 7, -1, { status: 'partial', lastPage: 2 });
  await add(fr, 2, -1, { status: 'partial', lastPage: 4 });
  const rows = tableAfter(await frPage(app, campaign.id), 'Where partial answers stopped').slice(1);
  t.same(rows.map((r) => [r[0]!.split(':')[0], r[1]]), [['Page 2', 'hidden'], ['Page 3', '7'], ['Page 5', 'hidden'], ['All partial responses', '15']]);
});
