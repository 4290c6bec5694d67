/**
 * The log each server copy's response index follows (tally_event) does not grow for ever: a fold
 * now and then drops all but its last EVENTS_KEPT events. A copy that had not read the events
 * dropped (a deletion among them) loads again from a snapshot, so that it never counts a response
 * that is gone.
 */
import t from 'tap';
import { sql } from 'kysely';
import { EVENTS_KEPT, pruneTallyEvents, tallyKeys, untallyResponse } from '../../analysis/answer-tally.ts';
import { countResponses } from '../../analysis/answer-queries.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { attachResponseIndex, detachResponseIndex, suspendResponseIndex } from '../../analysis/response-index-source.ts';
import { seedDemoResponses } from '../../server/cli/demo-commands.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { buildTestApp } from '../helper.ts';

t.test('a copy behind a pruned log loads again and counts what the database holds', async (t) => {
  const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
  await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 24, seed: 3 });
  const edition = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  const all = resultFilters({ editionId: edition.id });
  await foldPending(app.db);
  const handle = attachResponseIndex(app.db);
  t.teardown(() => detachResponseIndex(app.db));
  await handle.loaded;
  const before = await countResponses(app.db, all);
  t.equal(handle.responses(), before, 'the index holds every folded response');

  /** What reading the database answers, the index set aside. */
  const fromDatabase = async () => {
    const resume = suspendResponseIndex(app.db);
    try {
      return await countResponses(app.db, all);
    } finally {
      resume();
    }
  };

  // A response is deleted with its code, and the log is pruned before this copy reads the deletion.
  const { rows: [victim] } = await sql<{ id: string }>`select id::text as id from response where tallied order by id limit 1`.execute(app.db);
  await app.db.transaction().execute(async (trx) => {
    await untallyResponse(trx, victim!.id, tallyKeys(edition.definition));
    await trx.deleteFrom('response').where('id', '=', victim!.id).execute();
  });
  await app.db.transaction().execute((trx) => pruneTallyEvents(trx, 0));
  const { rows: left } = await sql<{ kind: string }>`select kind from tally_event order by seq`.execute(app.db);
  t.same(left.map((e) => e.kind), ['prune'], 'only the note of the pruning is left');
  t.equal(await fromDatabase(), before - 1, 'the database holds one response less');
  t.equal(await countResponses(app.db, all), before - 1, 'the copy, behind the pruned deletion, loaded again and agrees');

  // The fold prunes by itself: with more than EVENTS_KEPT events, the next fold whose number is a
  // multiple of 1,000 keeps the last EVENTS_KEPT.
  await sql`insert into tally_event (kind) select 'fold' from generate_series(1, ${EVENTS_KEPT + 500}::int)`.execute(app.db);
  const { rows: [top] } = await sql<{ seq: number }>`select max(seq)::float8 as seq from tally_event`.execute(app.db);
  const next = Math.ceil((top!.seq + 1) / 1_000) * 1_000;
  await sql`select setval(pg_get_serial_sequence('tally_event', 'seq'), ${next - 1}::bigint)`.execute(app.db);
  await seedDemoResponses(app.db, app.reference.countryCodes, { surveyId: 'jpp-experience', edition: '2022', count: 6, seed: 4 });
  await foldPending(app.db);
  const { rows: [log] } = await sql<{ n: number; low: number; high: number; prunes: number }>`select count(*)::int as n,
    min(seq)::float8 as low, max(seq)::float8 as high, count(*) filter (where kind = 'prune')::int as prunes from tally_event`.execute(app.db);
  t.ok(log!.high >= next, 'the fold took the number that prunes');
  t.ok(log!.low > next - EVENTS_KEPT - 1 && log!.n <= EVENTS_KEPT + 2, `the log keeps its last ${EVENTS_KEPT} events and the note (${log!.n} left, from ${log!.low})`);
  t.ok(log!.prunes >= 1, 'the pruning is noted');
  t.equal(await countResponses(app.db, all), await fromDatabase(), 'the copy agrees with the database after the fold and the pruning');
  t.equal(await fromDatabase(), before - 1 + 6, 'the new responses are counted');
});
