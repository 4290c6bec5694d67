import t from 'tap';
import { setup, waveOf, submit } from './attribution-world.ts';

t.test('a response submitted on the day of a relaunch counts for the relaunch; a wave recorded for later does not count yet', async (t) => {
  const { app, fr, wave } = await setup(t);
  await wave('FR', 'launch', -5);
  const relaunch = await wave('FR', 'relaunch', 0);
  await wave('FR', 'reminder', 3);
  t.equal(await waveOf(app, await submit(app, fr.token, 1)), relaunch.id);
});

t.test('before any wave a response has none; the launch then takes the next ones', async (t) => {
  const { app, fr, wave } = await setup(t);
  const first = await submit(app, fr.token, 2);
  t.equal(await waveOf(app, first), null);
  const launch = await wave('FR', 'launch', -1);
  t.equal(await waveOf(app, first), null, 'recording a wave does not move a stored attribution');
  t.equal(await waveOf(app, await submit(app, fr.token, 3)), launch.id);
});

t.test('a wave of all countries counts for every country; a wave of another country does not', async (t) => {
  const { app, fr, es, wave } = await setup(t);
  const frLaunch = await wave('FR', 'launch', -3);
  const extension = await wave(null, 'extension', -1);
  const esReminder = await wave('ES', 'reminder', 0);
  t.equal(await waveOf(app, await submit(app, fr.token, 4)), extension.id, 'the later all-countries wave wins over the earlier FR one');
  t.equal(await waveOf(app, await submit(app, es.token, 5)), esReminder.id);
  t.not(frLaunch.id, extension.id);
});
