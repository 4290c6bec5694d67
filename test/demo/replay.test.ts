/**
 * The demo replay: the same seed gives the same campaign; the funnel agrees with the answers;
 * the daily curve rises after the waves; partial responses stopped on several pages; 2019 and 2022
 * differ in the comparison; everything is flagged as demo and every change is in the audit log.
 */
import t from 'tap';
import { sql, type Kysely } from 'kysely';
import { compareEditions } from '../../analysis/edition-comparison.ts';
import { resultFilters } from '../../analysis/filters.ts';
import type { Database } from '../../server/db/schema.ts';
import { STORY_2019, STORY_2022 } from '../../server/demo/campaign-stories.ts';
import { addDays } from '../../server/demo/daily-volumes.ts';
import { replayCampaign } from '../../server/demo/replay-campaign.ts';
import { buildDemo } from '../../server/demo/seed-demo.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { buildTestApp } from '../helper.ts';
import { staffClient } from '../routes/staff/staff-client.ts';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { demoReplay } from '../../server/cli/demo-commands.ts';

// Replaying three campaigns takes a while on a busy machine.
t.setTimeout(420_000);
const { app } = await buildTestApp(t);
const test = t.test.bind(t);
const countries = app.reference.countryCodes;
const { replayed, links } = await buildDemo(app.db, { countries, publicUrl: 'http://demo.test', actor: 'server', seed: 11 });
const [c2019, c2022] = replayed as [(typeof replayed)[0], (typeof replayed)[0]];

/** Everything a replay stored for a campaign, without ids, tokens or creation times, in a stable order. */
async function fingerprint(db: Kysely<Database>, campaignId: string) {
  const responses = await db.selectFrom('response').innerJoin('link', 'link.id', 'response.link_id')
    .select(['link.country', 'link.channel', 'response.language', 'response.status', 'response.started_on', 'response.submitted_on',
      'response.last_page', 'response.authority_type', sql<string>`response.answers::text`.as('answers')])
    .where('response.campaign_id', '=', campaignId).execute();
  const funnel = await db.selectFrom('link_funnel_day as f').innerJoin('link', 'link.id', 'f.link_id')
    .select((eb) => ['link.country', 'link.channel', sql<string>`f.day::text`.as('day'), eb.fn.sum<number>('f.visits').as('v'), eb.fn.sum<number>('f.starts').as('s'), eb.fn.sum<number>('f.completions').as('c')])
    .where('link.campaign_id', '=', campaignId).groupBy(['link.country', 'link.channel', 'f.day']).execute();
  const waves = await db.selectFrom('wave').select(['country', 'kind', sql<string>`wave_on::text`.as('on'), 'channel', 'note']).where('campaign_id', '=', campaignId).execute();
  const targets = await db.selectFrom('target').select(['country', 'authority_type', 'invited']).where('campaign_id', '=', campaignId).execute();
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).sort();
  return { responses: sorted(responses), funnel: sorted(funnel.map((f) => ({ ...f, v: Number(f.v), s: Number(f.s), c: Number(f.c) }))), waves: sorted(waves), targets: sorted(targets) };
}

test('the same seed replays the same campaign; another seed another one', async (t) => {
  const again = await replayCampaign(app.db, STORY_2019, { countries, actor: 'cli', seed: 11 });
  const other = await replayCampaign(app.db, STORY_2019, { countries, actor: 'cli', seed: 12 });
  const first = await fingerprint(app.db, c2019.campaignId);
  t.ok(first.responses.length > 200, `${first.responses.length} responses`);
  t.same(await fingerprint(app.db, again.campaignId), first, 'seed 11 twice: the same answers, days, pages, counters, waves and targets');
  t.notSame((await fingerprint(app.db, other.campaignId)).responses, first.responses, 'seed 12: other answers');
});

test('the funnel agrees with the responses of every link: visits >= starts >= completions', async (t) => {
  for (const r of [c2019, c2022]) {
    const rows = await app.db.selectFrom('link')
      .select((eb) => [
        'link.id',
        eb.selectFrom('link_funnel_day').select((f) => f.fn.coalesce(f.fn.sum<number>('visits'), sql`0`).as('n')).whereRef('link_id', '=', 'link.id').as('visits'),
        eb.selectFrom('link_funnel_day').select((f) => f.fn.coalesce(f.fn.sum<number>('starts'), sql`0`).as('n')).whereRef('link_id', '=', 'link.id').as('starts'),
        eb.selectFrom('link_funnel_day').select((f) => f.fn.coalesce(f.fn.sum<number>('completions'), sql`0`).as('n')).whereRef('link_id', '=', 'link.id').as('completions'),
        eb.selectFrom('response').select((x) => x.fn.countAll<number>().as('n')).whereRef('link_id', '=', 'link.id').as('responses'),
        eb.selectFrom('response').select((x) => x.fn.countAll<number>().as('n')).whereRef('link_id', '=', 'link.id').where('status', '=', 'complete').as('complete'),
      ])
      .where('campaign_id', '=', r.campaignId).execute();
    let bad = 0;
    for (const l of rows) {
      const [v, s, c] = [Number(l.visits), Number(l.starts), Number(l.completions)];
      if (!(v >= s && s >= c && c === Number(l.complete) && s === Number(l.responses))) bad += 1;
    }
    t.equal(bad, 0, `${r.edition}: every one of ${rows.length} links: completions = complete responses, starts = responses, visits above`);
    const total = rows.reduce((a, l) => a + Number(l.visits), 0);
    t.ok(total > rows.reduce((a, l) => a + Number(l.starts), 0), `${r.edition}: some visitors only looked (${total} visits)`);
  }
});

test('the daily curve rises after the waves, and responses carry the wave of their day', async (t) => {
  const byDay = new Map((await app.db.selectFrom('response').select((eb) => [sql<string>`submitted_on::text`.as('day'), eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', c2019.campaignId).where('status', '=', 'complete').groupBy('submitted_on').execute()).map((r) => [r.day, Number(r.n)]));
  const around = (day: string, from: number, to: number) => { let n = 0; for (let i = from; i <= to; i++) n += byDay.get(addDays(day, i)) ?? 0; return n; };
  t.equal(Math.min(...[...byDay.keys()].map((d) => Date.parse(d))), Date.parse(STORY_2019.opensOn), 'the first answers on the day of the launch');
  t.ok([...byDay.keys()].every((d) => d >= STORY_2019.opensOn && d <= STORY_2019.extendedUntil!), 'none outside the campaign');
  t.ok([...byDay.keys()].some((d) => d > STORY_2019.closesOn), 'answers during the extension');
  for (const day of ['2019-11-12', '2019-11-19', '2019-11-29']) {
    t.ok(around(day, 0, 1) > around(day, -2, -1), `${day}: ${around(day, 0, 1)} answers on the day and the next, ${around(day, -2, -1)} on the two before`);
  }
  const launch = around(STORY_2019.opensOn, 0, 1);
  t.ok(launch > around('2019-12-09', 0, 1), 'the launch brings more than a quiet December day');

  // France's relaunch of 12 November: French answers of 13 November belong to it.
  const relaunch = await app.db.selectFrom('wave').select('id').where('campaign_id', '=', c2019.campaignId).where('country', '=', 'FR').where('kind', '=', 'relaunch').executeTakeFirstOrThrow();
  const of13 = await app.db.selectFrom('response').select('wave_id').where('campaign_id', '=', c2019.campaignId).where('link_country', '=', 'FR')
    .where('submitted_on', '=', '2019-11-13').where('status', '=', 'complete').execute();
  t.ok(of13.length > 0 && of13.every((r) => r.wave_id === relaunch.id), `the ${of13.length} French answers of 13 November are the relaunch's`);
});

test('partial responses stopped on several pages and are not attributed', async (t) => {
  for (const r of [c2019, c2022]) {
    const pages = await app.db.selectFrom('response').select((eb) => ['last_page', eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', r.campaignId).where('status', '=', 'partial').groupBy('last_page').execute();
    t.ok(pages.length >= 3, `${r.edition}: partial responses on pages ${pages.map((p) => `${p.last_page + 1} (${p.n})`).join(', ')}`);
    t.ok(pages.every((p) => p.last_page >= 1), 'each saved at least its first page');
  }
  const resumed = await app.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', c2019.campaignId).whereRef('started_on', '<', 'submitted_on').executeTakeFirstOrThrow();
  t.ok(Number(resumed.n) > 0, `${resumed.n} respondents saved one day and finished later`);
});

test('2022 differs from 2019 in the edition comparison', async (t) => {
  const before = (await findEditionById(app.db, (await app.db.selectFrom('campaign').select('edition_id').where('id', '=', c2019.campaignId).executeTakeFirstOrThrow()).edition_id))!;
  const after = (await findEditionById(app.db, (await app.db.selectFrom('campaign').select('edition_id').where('id', '=', c2022.campaignId).executeTakeFirstOrThrow()).edition_id))!;
  const c = await compareEditions(app.db,
    { label: '2019', definition: before.definition, filters: resultFilters({ editionId: before.id }) },
    { label: '2022', definition: after.definition, filters: resultFilters({ editionId: after.id }) },
    { k: 5, viewerMaySeeTexts: false });
  if (c.suppressed) return t.fail('the comparison is shown');
  const experience = c.questions.find((q) => q.name === 'jpp_experience')!;
  const yes = experience.values.find((v) => v.value === 'yes')!;
  t.ok(yes.difference !== null && yes.difference > 3, `more respondents with experience in 2022 (${yes.difference} points)`);
  const interest = c.questions.find((q) => q.name === 'jpp_interest')!;
  const high = interest.values.find((v) => v.value === '5')!;
  t.ok(high.difference !== null && high.difference > 3, `more "very interested" in 2022 (${high.difference} points)`);
  const differing = c.questions.filter((q) => q.values.some((v) => v.difference !== null && Math.abs(v.difference) >= 1));
  t.ok(differing.length >= 5, `${differing.length} questions differ by a point or more`);
  t.equal(STORY_2022.edition, '2022');
});

test('flagged as demo, links printed, every change audited', async (t) => {
  const campaigns = await app.db.selectFrom('campaign').select(['name', 'demo']).execute();
  t.ok(campaigns.every((c) => c.demo && /demo/.test(c.name)), 'every campaign is flagged and named as demo');
  t.same(links.map((l) => l.language).sort(), ['en', 'en', 'fr', 'fr'], 'an English and a French link per edition to try');
  t.ok(links.every((l) => /^http:\/\/demo\.test\/s\/[A-Za-z0-9_-]{24}$/.test(l.url)));
  const open = await app.db.selectFrom('campaign').select('id').where('name', 'like', '%open to try%').execute();
  t.equal(open.length, 2);

  const audit = await app.db.selectFrom('audit_event').select(['actor', 'action', 'object_id']).where('actor', '=', 'server').execute();
  const count = (action: string) => audit.filter((a) => a.action === action).length;
  const linkRows = await app.db.selectFrom('link').innerJoin('campaign', 'campaign.id', 'link.campaign_id').select('link.id')
    .where('campaign.id', 'in', [c2019.campaignId, c2022.campaignId, ...open.map((o) => o.id)]).execute();
  t.equal(count('link.create'), linkRows.length, `each of the ${linkRows.length} links is in the audit log`);
  t.equal(count('campaign.create'), 4);
  t.equal(count('target.set'), STORY_2019.countries.length + STORY_2022.countries.length);
  t.equal(count('wave.create'), STORY_2019.waves.length + STORY_2022.waves.length + 2);
  t.same(audit.filter((a) => a.action === 'demo.replay').map((a) => a.object_id).sort(), [c2019.campaignId, c2022.campaignId].sort());
});

test('the dashboards and results of demo campaigns say they show demo data', async (t) => {
  const admin = await staffClient(app, 'admin');
  const dashboard = await admin.get(`/staff/campaigns/${c2019.campaignId}/country/FR`);
  t.equal(dashboard.statusCode, 200);
  t.match(dashboard.body, /class="demo-banner"/, 'the national dashboard');
  t.match(dashboard.body, /Relaunch/, 'with its waves');
  const overview = await admin.get(`/staff/campaigns/${c2019.campaignId}/overview`);
  t.match(overview.body, /class="demo-banner"/, 'the overview of every country');
  const edition = await app.db.selectFrom('campaign').select('edition_id').where('id', '=', c2022.campaignId).executeTakeFirstOrThrow();
  const results = await admin.get(`/staff/results?edition=${edition.edition_id}`);
  t.equal(results.statusCode, 200);
  t.match(results.body, /class="demo-banner"/, 'the results');
});

test('demo:replay refuses a database that already holds the demo, and changes nothing', async (t) => {
  const before = await app.db.selectFrom('campaign').select('id').execute();
  const lines: string[] = [];
  const ctx: CliContext = { config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => '' };
  await t.rejects(demoReplay.run(ctx, ['--seed', '3']), /already holds the demo/);
  await t.rejects(demoReplay.run(ctx, ['--seed', 'x']), /Invalid arguments/);
  t.equal((await app.db.selectFrom('campaign').select('id').execute()).length, before.length);
});
