import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { compareEditions, type EditionComparisonShown } from '../../analysis/edition-comparison.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { comparisonChart } from '../../analysis/chart-configs.ts';
import { seedResults, times, type Row } from './support/results-fixture.ts';

const page = (elements: unknown[]) => ({ pages: [{ name: 'p1', elements }] });
const before = page([
  { type: 'radiogroup', name: 'experience', choices: ['yes', 'no', { value: 'dont_know', text: "Don't know" }] },
  { type: 'checkbox', name: 'kinds', choices: ['cots', 'ppi'] },
  { type: 'text', name: 'count', inputType: 'number' },
  { type: 'radiogroup', name: 'mode', choices: ['a', 'b'] },
  { type: 'comment', name: 'old_only' },
]);
const after = page([
  { type: 'radiogroup', name: 'experience', choices: ['yes', 'no', { value: 'not_sure', text: "Don't know" }, 'planned'] },
  { type: 'checkbox', name: 'kinds', choices: ['cots', 'ppi', 'pcp'] },
  { type: 'text', name: 'count', inputType: 'number' },
  { type: 'checkbox', name: 'mode', choices: ['a', 'b'] },
  { type: 'rating', name: 'new_only' },
]);
const r = (answers: Record<string, unknown>): Row => ({ link: 'A', country: 'FR', authority: 'police', language: 'en', answers });

t.test('two editions side by side, compared only where both have the value', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await seedResults(app, [
    ...times(6, r({ experience: 'yes', kinds: ['cots'], count: 2, mode: 'a' })),
    ...times(4, r({ experience: 'no', kinds: ['cots', 'ppi'], count: 4, mode: 'b' })),
  ], { definition: before, edition: '2019' });
  const b = await seedResults(app, [
    ...times(5, r({ experience: 'yes', kinds: ['cots'], count: 3, mode: ['a'] })),
    ...times(5, r({ experience: 'no', kinds: ['ppi', 'pcp'], count: 5, mode: ['a', 'b'] })),
    ...times(5, r({ experience: 'planned', kinds: ['pcp'], count: 7, mode: ['b'] })),
    ...times(5, r({ experience: 'not_sure', kinds: ['cots'], count: 9, mode: ['b'] })),
  ], { definition: after, edition: '2022' });

  const c = (await compareEditions(
    app.db,
    { label: '2019', definition: a.definition, filters: resultFilters({ editionId: a.editionId }) },
    { label: '2022', definition: b.definition, filters: resultFilters({ editionId: b.editionId }) },
    { k: 3, viewerMaySeeTexts: false },
  )) as EditionComparisonShown;
  t.equal(c.suppressed, false);
  t.same([c.before, c.after], [{ label: '2019', responses: 10 }, { label: '2022', responses: 20 }]);
  t.same(c.questions.map((q) => q.name), ['experience', 'kinds', 'count', 'mode']);
  t.same([c.onlyBefore, c.onlyAfter], [['old_only'], ['new_only']]);

  const experience = c.questions[0]!;
  t.same(experience.values.map((v) => [v.value, v.before?.share ?? null, v.after?.share ?? null, v.difference]), [
    ['yes', 0.6, 0.25, -35],
    ['no', 0.4, 0.25, -15],
    ['dont_know', 0, null, null],
    ['not_sure', null, 0.25, null],
    ['planned', null, 0.25, null],
  ], 'a difference only for values asked in both');
  t.same(experience.added, ['not_sure', 'planned']);
  t.same(experience.removed, ['dont_know']);
  t.same(experience.renamed, [['dont_know', 'not_sure']], 'same label, another value');
  t.match(experience.notes.join(' '), /New answers.*planned.*dropped.*dont_know.*renamed/);

  const kinds = c.questions[1]!;
  t.same(kinds.values.find((v) => v.value === 'cots')!.difference, -50, 'cots: 100% of 2019 respondents, 50% of 2022');
  t.same(c.questions[2]!.numbers, { before: { base: 10, mean: 2.8, median: 2 }, after: { base: 20, mean: 6, median: 6 } });
  const mode = c.questions[3]!;
  t.equal(mode.compared, false, 'asked as a single choice, then as a multiple choice');
  t.same(mode.values, []);

  const chart = comparisonChart(experience, { before: '2019', after: '2022' })!;
  t.same(chart.data.labels, ['yes', 'no']);
  t.same(chart.data.datasets.map((d) => [d.label, d.data]), [['2019', [60, 40]], ['2022', [25, 25]]]);
  t.equal(comparisonChart(mode, { before: '2019', after: '2022' }), null);

  const small = await compareEditions(
    app.db,
    { label: '2019', definition: a.definition, filters: resultFilters({ editionId: a.editionId, questions: [{ question: 'experience', values: ['no'] }] }) },
    { label: '2022', definition: b.definition, filters: resultFilters({ editionId: b.editionId }) },
    { k: 5, viewerMaySeeTexts: false },
  );
  t.match(small, { suppressed: true, reason: 'fewer-than-k', side: '2019' });
});
