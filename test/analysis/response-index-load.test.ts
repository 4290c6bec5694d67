/**
 * A server copy loading its response index goes on answering meanwhile: between two turns of the
 * event loop it takes at most LOAD_SLICE responses into the index, however many a page of the read
 * holds, and it still loads every folded response.
 */
import t from 'tap';
import { sql } from 'kysely';
import { attachResponseIndex, detachResponseIndex, LOAD_SLICE } from '../../analysis/response-index-source.ts';
import { ResponseSet } from '../../analysis/response-set.ts';
import { seedDemoResponses } from '../../server/cli/demo-commands.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { buildTestApp } from '../helper.ts';

t.test('loading the index leaves the event loop a turn every LOAD_SLICE responses', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 20, seed: 5 });
  // Copies of the generated responses: more than two slices in one page of the read.
  await sql`insert into response (id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status, answers, last_page, started_on, submitted_on)
    select gen_random_uuid(), r.edition_id, r.campaign_id, r.link_id, r.link_country, r.country, r.authority_type, r.language, r.status, r.answers, r.last_page, r.started_on, r.submitted_on
    from response r cross join generate_series(1, 134) g`.execute(app.db);
  await foldPending(app.db);
  const { rows: [folded] } = await sql<{ n: number }>`select count(*)::int as n from response where tallied`.execute(app.db);
  t.ok(folded!.n > 2.5 * LOAD_SLICE, `${folded!.n} folded responses to load`);

  // Every call of add is counted; a ticker on the event loop notes how many came between two of its turns.
  let added = 0;
  const add = ResponseSet.prototype.add;
  ResponseSet.prototype.add = function (this: ResponseSet, ...args: Parameters<typeof add>) {
    added++;
    return add.apply(this, args);
  };
  t.teardown(() => {
    ResponseSet.prototype.add = add;
  });
  let mostInOneTurn = 0;
  let seen = 0;
  let ticking = true;
  const tick = () => {
    mostInOneTurn = Math.max(mostInOneTurn, added - seen);
    seen = added;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);

  const handle = attachResponseIndex(app.db);
  t.teardown(() => detachResponseIndex(app.db));
  await handle.loaded;
  ticking = false;
  await new Promise((resolve) => setImmediate(resolve));

  t.equal(handle.broken(), null, 'every answer is reproduced');
  t.equal(handle.responses(), folded!.n, 'every folded response is loaded');
  t.equal(added, folded!.n, 'each read once');
  t.ok(mostInOneTurn <= LOAD_SLICE, `at most ${LOAD_SLICE} responses between two turns of the event loop (${mostInOneTurn})`);
});
