/**
 * The migration that folds every response again (what the fold counts changed): the tallies are
 * emptied, results stay exact meanwhile by reading the responses, and folding brings back the same
 * figures; every copy's response index starts again from the database.
 */
import t from 'tap';
import { sql } from 'kysely';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { up } from '../../migrations/2026-12-04-95-fold-again.ts';
import { buildTestApp } from '../helper.ts';
import { seedResults } from './support/results-fixture.ts';

const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
const { editionId, definition } = await seedResults(app);
const summary = () => summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: true });
const count = async (table: string) => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(app.db)).rows[0]!.n);

t.test('every response is folded again, and the figures never change', async (t) => {
  await foldPending(app.db);
  const folded = await summary();
  t.ok(await count('answer_tally') > 0, 'tallies before');
  const untallied = async () => Number((await sql<{ n: string }>`select count(*)::text as n from response where not tallied and status = 'complete'`.execute(app.db)).rows[0]!.n);
  t.equal(await untallied(), 0, 'every complete response folded before');

  await app.db.transaction().execute((trx) => up(trx));
  t.equal(await count('answer_tally'), 0, 'the tallies are emptied');
  t.equal(await count('answer_text'), 0, 'and their copies of free texts');
  t.ok(await untallied() > 0, 'every response waits to be folded again');
  const { rows } = await sql<{ kind: string; upto: string }>`select kind, upto::text as upto from tally_event order by seq desc limit 1`.execute(app.db);
  t.same(rows[0], { kind: 'shuffle', upto: '9223372036854775807' }, 'response indexes start again from the database');
  t.same(await summary(), folded, 'meanwhile the results read the responses: the same figures');

  await foldPending(app.db);
  t.equal(await untallied(), 0, 'folded again');
  t.same(await summary(), folded, 'the same figures from the tallies');
  await up(app.db);
  t.equal(await count('answer_tally'), 0, 'it also runs outside a transaction');
});
