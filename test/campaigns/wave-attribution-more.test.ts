import t from 'tap';
import { countStaleAttributions } from '../../server/waves/wave-repository.ts';
import { reattribute } from '../../server/waves/wave-service.ts';
import { insertResponses, isoDay, submitThrough } from '../routes/campaigns/campaign-fixture.ts';
import { setup, waveOf, submit } from './attribution-world.ts';

t.test('on the same day a wave of the country wins over an all-countries wave', async (t) => {
  const { app, fr, es, wave } = await setup(t);
  const all = await wave(null, 'extension', 0);
  const frRelaunch = await wave('FR', 'relaunch', 0);
  t.equal(await waveOf(app, await submit(app, fr.token, 6)), frRelaunch.id);
  t.equal(await waveOf(app, await submit(app, es.token, 7)), all.id);
});

t.test('completing a saved partial response attributes it on the day of completion', async (t) => {
  const { app, fr, wave } = await setup(t);
  const save = await app.inject({ method: 'POST', url: `/s/${fr.token}/progress`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ answers: {}, locale: 'en', page: 0 }) });
  t.equal(save.statusCode, 200, save.body);
  const launch = await wave('FR', 'launch', 0);
  const { resumeToken } = save.json() as { resumeToken: string };
  const res = await submitThrough(app, fr.token, 8, { resumeToken });
  t.equal(res.statusCode, 201, res.body);
  t.equal(await waveOf(app, (res.json() as { id: string }).id), launch.id);
});

t.test('re-attribution applies the rule to earlier days explicitly and says how many changed', async (t) => {
  const { app, campaign, fr, es, wave } = await setup(t);
  await insertResponses(app, { campaignId: campaign.id, linkId: fr.id, linkCountry: 'FR', count: 3, submittedOn: isoDay(-6) });
  await insertResponses(app, { campaignId: campaign.id, linkId: fr.id, linkCountry: 'FR', count: 4, submittedOn: isoDay(-2) });
  await insertResponses(app, { campaignId: campaign.id, linkId: es.id, linkCountry: 'ES', count: 2, submittedOn: isoDay(-2) });
  await insertResponses(app, { campaignId: campaign.id, linkId: fr.id, linkCountry: 'FR', count: 5, status: 'partial', submittedOn: isoDay(-2) });
  const launch = await wave('FR', 'launch', -7);
  const relaunch = await wave('FR', 'relaunch', -2);
  t.equal(await countStaleAttributions(app.db, campaign.id), 7, 'seven FR responses would change; ES has no wave, partials are not attributed');
  t.equal(await reattribute(app.db, 'cli', campaign.id), 7);
  const byWave = await app.db.selectFrom('response').select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', campaign.id).where('status', '=', 'complete').groupBy('wave_id').execute();
  const count = (id: string | null) => Number(byWave.find((r) => r.wave_id === id)?.n ?? 0);
  t.equal(count(launch.id), 3);
  t.equal(count(relaunch.id), 4, 'the responses of the relaunch day count for it');
  t.equal(count(null), 2, 'the ES responses keep no wave');
  t.equal(await reattribute(app.db, 'cli', campaign.id), 0, 'a second run changes nothing');
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'response.reattribute').where('object_id', '=', campaign.id).execute();
  t.equal(audit.length, 2);
  t.same(audit.map((a) => (a.detail as { changed: number }).changed).sort(), [0, 7]);
});
