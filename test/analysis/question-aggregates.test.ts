import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition, summarizeQuestion } from '../../analysis/question-aggregates.ts';
import { groupCounts } from '../../analysis/group-counts.ts';
import type { EditionSummaryShown, QuestionSummary } from '../../analysis/aggregate-types.ts';
import { recoverBySearch } from './support/disclosure-attack.ts';
import { seedResults } from './support/results-fixture.ts';

const byName = (s: EditionSummaryShown) => Object.fromEntries(s.questions.map((q) => [q.name, q])) as Record<string, QuestionSummary & Record<string, unknown>>;
const counts = (rows: unknown) => (rows as { count: number | null }[]).map((r) => r.count);

t.test('the summary of every question type, suppressed with k = 3', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app);
  const summary = await summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: true });
  t.equal(summary.suppressed, false);
  const s = summary as EditionSummaryShown;
  t.equal(s.responses, 8);
  const q = byName(s);

  // experience: yes 5, no 2, dont_know 1 -> 2 and 1 hidden (their sum 3 >= k and > 2 cells).
  t.same(counts(q.experience!.choices), [5, null, null]);
  t.same((q.experience!.choices as { share: number | null }[]).map((c) => c.share), [0.625, null, null]);
  t.same(counts(q.country!.choices), [5, 3, 0], 'FR 5, ES 3, OTHER 0: nothing small');
  t.same(counts(q.again!.choices), [null, null], 'false 2 hidden, so true 5 too (the base 7 is shown)');
  // satisfaction 1..5: 1 1 1 3 2 -> only 4 (3 answers) shown; no mean or median beside hidden values.
  t.same(counts(q.satisfaction!.values), [null, null, null, 3, null]);
  t.same([q.satisfaction!.mean, q.satisfaction!.median], [null, null]);
  // kinds, base 5: cots 4 (1 did not), ppi 3 (2 did not), pcp 2, other 1 -> hidden; ip and none 0.
  t.equal(q.kinds!.base, 5);
  t.same(counts(q.kinds!.choices), [null, null, null, 0, 0, null]);
  t.same(q.kinds!.comments, { count: null, texts: null, withheld: 'fewer-than-k' });
  t.equal(q.segments!.suppressed, true, 'nobody answered: no figures');
  // obstacles: law 4 2 1, language 2 2 3, budget 1 3 3 (each row and column adds to 7).
  const items = q.obstacles!.items as { value: string; byPosition: (number | null)[]; meanRank: number | null }[];
  t.equal(q.obstacles!.base, 7);
  for (const [i, row] of [[4, 2, 1], [2, 2, 3], [1, 3, 3]].entries()) {
    row.forEach((n, p) => {
      const shown = items[i]!.byPosition[p];
      if (n < 3) t.equal(shown, null, `${items[i]!.value} at ${p + 1} (${n}) hidden`);
      else if (shown !== null) t.equal(shown, n);
    });
  }
  t.same(recoverBySearch({ cells: items.map((i) => i.byPosition), rowTotals: [7, 7, 7], columnTotals: [7, 7, 7], total: 21 }), {}, 'no hidden position can be recovered');
  // phases: pre easy 4 hard 2; tender 2 / 2; post 1 / 1 (a row of 2 < k).
  t.same((q.phases!.rows as { base: number | null; cells: { count: number | null }[] }[]).map((r) => [r.base, r.cells.map((c) => c.count)]), [
    [6, [null, null]], [4, [null, null]], [null, [null, null]],
  ]);
  t.same([q.count!.base, q.count!.mean, q.count!.q1, q.count!.median, q.count!.q3], [7, 4, 1.5, 3, 6]);
  t.same((q.count!.histogram as { label: string; count: number }[]).map((b) => [b.label, b.count]), [['0–2', 3], ['3–10', 4]], 'answers 0 1 2 | 3 5 7 10: no bin under k');
  t.equal(q.email!.suppressed, true);
  t.same([q.remarks!.base, q.remarks!.texts], [4, ['alpha', 'beta', 'delta', 'gamma']]);
  t.same(counts(q.channel!.choices), [null, 4, null], 'mail 2, web 4, other 2');
  t.same(q.channel!.comments, { count: null, texts: null, withheld: 'fewer-than-k' });
});

t.test('texts are withheld from viewers who may not read them', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app);
  const s = (await summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: false })) as EditionSummaryShown;
  const remarks = byName(s).remarks!;
  t.same([remarks.base, remarks.texts, remarks.withheld], [4, null, 'not-allowed']);
  t.notMatch(JSON.stringify(s), /alpha|fax|pigeon|joint lab/, 'no text anywhere in the summary');
});

t.test('a filtered set under k shows no figures at all', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app);
  const es = await summarizeEdition(app.db, definition, resultFilters({ editionId, country: ['ES'] }), { k: 3, viewerMaySeeTexts: true });
  t.equal(es.suppressed, false, 'Spain has 3 responses: shown with k = 3');
  const hidden = await summarizeEdition(app.db, definition, resultFilters({ editionId, country: ['ES'] }), { k: 5, viewerMaySeeTexts: true });
  t.same(hidden, { suppressed: true, reason: 'fewer-than-k', message: 'Fewer than 5 responses: no figures are shown.', k: 5 });
  t.equal(Object.keys(hidden).includes('responses'), false, 'not even the number of responses');
  const none = await summarizeEdition(app.db, definition, resultFilters({ editionId, language: ['bg'] }), { k: 3, viewerMaySeeTexts: true });
  t.equal(none.suppressed, true);
});

t.test('a filter value that adds fewer than k responses is refused (differencing)', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app);
  const both = await summarizeEdition(app.db, definition, resultFilters({ editionId, authorityType: ['police', 'border_guard'] }), { k: 3, viewerMaySeeTexts: true });
  t.equal(both.suppressed, true, 'police 6 + border guard 2: "both" minus "police" would show the 2');
  t.match(both, { reason: 'small-filter-group', message: /authority_type = border_guard/ });
  const partial = await summarizeEdition(app.db, definition, resultFilters({ editionId, status: 'all' }), { k: 3, viewerMaySeeTexts: true });
  t.match(partial, { suppressed: true, message: /partial responses/ }, 'one partial response would be the difference with the default view');
  const countries = await summarizeEdition(app.db, definition, resultFilters({ editionId, country: ['FR', 'ES'] }), { k: 3, viewerMaySeeTexts: true });
  t.equal(countries.suppressed, false, 'FR 5 and ES 3 each add at least k');
  const police = await summarizeEdition(app.db, definition, resultFilters({ editionId, authorityType: ['police'] }), { k: 3, viewerMaySeeTexts: true });
  t.match(police, { suppressed: true, reason: 'small-filter-group' }, 'police (6) alone: all (8) minus police would show the 2 border guards');
  const groups = await groupCounts(app.db, definition, 'authorityType', resultFilters({ editionId }), { k: 3 });
  t.match(groups, { suppressed: false, total: 8, groups: [{ value: 'border_guard', count: null, open: false }, { value: 'police', count: null, open: false }] }, 'the per-type page hides both and opens neither');
  const byCountry = await groupCounts(app.db, definition, 'country', resultFilters({ editionId }), { k: 3 });
  t.match(byCountry, { groups: [{ value: 'FR', count: 5, share: 0.625, open: true }, { value: 'ES', count: 3, open: true }] }, 'in the order of the country list');
  const yes = await summarizeEdition(app.db, definition, resultFilters({ editionId, questions: [{ question: 'experience', values: ['yes'] }] }), { k: 3, viewerMaySeeTexts: true });
  t.match(yes, { suppressed: false, responses: 5 }, 'experience yes 5 / no 2 / dont_know 1: "yes" leaves 3 split over two hidden groups');
  const no = await summarizeEdition(app.db, definition, resultFilters({ editionId, status: 'complete', questions: [{ question: 'experience', values: ['no', 'dont_know'] }] }), { k: 3, viewerMaySeeTexts: true });
  t.match(no, { suppressed: true, reason: 'small-filter-group' }, 'the hidden answers have no view of their own');
});

t.test('one question on its own', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app);
  const s = await summarizeQuestion(app.db, definition, 'country', resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: false });
  t.match(s, { name: 'country', kind: 'single', base: 8 });
  t.equal(await summarizeQuestion(app.db, definition, 'nope', resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: false }), undefined);
});
