import t from 'tap';
import { K, chartOf, setup, frPage } from './dashboard-pages.ts';

t.test('the daily curve never shows a day of 1..k-1; merged periods say so', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  const fr = await link('FR');
  for (const [day, n] of [[-8, 2], [-7, 1], [-6, 3], [-4, 6], [-2, 1], [-1, 1]] as const) await add(fr, n, day);
  const html = await frPage(app, campaign.id);
  const chart = chartOf(html)!;
  const perDay = chart.data.datasets[0]!.data;
  const cumulative = chart.data.datasets[1]!.data;
  const steps = cumulative.filter((v): v is number => v !== null);
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]! - steps[i - 1]!;
    t.ok(step === 0 || step >= K, `cumulative steps by 0 or at least k (${step})`);
  }
  t.equal(Math.max(...steps), 14);
  const notes = chart.options.plugins.periodNotes!.notes;
  perDay.forEach((v, i) => {
    // A day showing fewer than k is an average over a merged period (which its note names), never an exact day.
    if (v !== null && v > 0 && v < K) t.match(notes[i], /responses over \d+ days/, `${chart.data.labels[i]} is part of a merged period`);
  });
  t.same(notes.filter((n): n is string => n !== null).map((n) => n.replace(/^.*: /, '')).filter((n, i, a) => a.indexOf(n) === i),
    ['6 responses over 3 days', '8 responses over 5 days'], 'the periods: 2+1+3 over three days, then 6+1+1 to today');
  t.match(html, /Days with fewer than 5 responses are merged/);
  t.notMatch(html, /\b(2026-\d\d-\d\d): [1-4] responses\b/);
});

t.test('a country under k shows no count, no curve and no rate', async (t) => {
  const { app, campaign, link, add } = await setup(t);
  const fr = await link('FR');
  await add(fr, 3, -1);
  await app.db.insertInto('target').values({ id: crypto.randomUUID(), campaign_id: campaign.id, country: 'FR', authority_type: '', invited: 10, updated_by: null }).execute();
  const html = await frPage(app, campaign.id);
  t.equal(chartOf(html), null);
  t.match(html, /fewer than 5 complete responses so far/);
  const figures = html.slice(html.indexOf('key-figures'), html.indexOf('curve-title'));
  t.notMatch(figures.replace(/<[^>]+>/g, ' '), /\b3\b|30\.0/, 'neither the count nor the rate it would give');
});
