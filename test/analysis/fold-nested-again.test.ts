/**
 * The migration that folds again the responses of editions with answers inside answers: only
 * those editions' tallies go, the others stay folded, and folding brings the nested counts.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { up } from '../../migrations/2026-12-04-97-fold-nested-answers.ts';
import { buildTestApp } from '../helper.ts';
import { publishAndLink } from '../support/publish-definition.ts';
import { VALID } from '../support/nested-answers.ts';
import { seedResults } from './support/results-fixture.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
const plain = await seedResults(app);
const link = await publishAndLink(app, 'nested-again', fixture);
for (let i = 0; i < 3; i++) {
  const res = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': `nested-again-${i}-abcdefghij` },
    payload: JSON.stringify({ answers: VALID, locale: 'en' }),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
}
const tallied = async (editionId: string) => Number((await sql<{ n: string }>`select count(*)::text as n from answer_tally where edition_id = ${editionId}::uuid`.execute(app.db)).rows[0]!.n);
const waiting = async (editionId: string) => Number((await sql<{ n: string }>`select count(*)::text as n from response where edition_id = ${editionId}::uuid and not tallied and status = 'complete'`.execute(app.db)).rows[0]!.n);

t.test('only editions with nested answers are folded again; figures never change', async (t) => {
  await foldPending(app.db);
  const nested = (await app.db.selectFrom('edition').select('definition').where('id', '=', link.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
  const summary = () => summarizeEdition(app.db, nested, resultFilters({ editionId: link.editionId }), { k: 3, viewerMaySeeTexts: true });
  const before = await summary();
  const plainTallies = await tallied(plain.editionId);
  t.ok(plainTallies > 0 && await tallied(link.editionId) > 0, 'both editions folded');

  await app.db.transaction().execute((trx) => up(trx));
  t.equal(await tallied(link.editionId), 0, 'the nested edition\'s tallies are emptied');
  t.equal(await waiting(link.editionId), 3, 'its responses wait to be folded again');
  t.equal(await tallied(plain.editionId), plainTallies, 'the other edition keeps its tallies');
  t.equal(await waiting(plain.editionId), 0, 'and its responses stay folded');
  t.same(await summary(), before, 'meanwhile the results read the responses');

  await foldPending(app.db);
  t.equal(await waiting(link.editionId), 0, 'folded again');
  t.same(await summary(), before, 'the same figures from the tallies');
});
