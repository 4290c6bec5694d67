import t from 'tap';
import { buildTestApp } from '../helper.ts';
import { AnalysisInputError } from '../../analysis/analysis-input.ts';
import { crossTabulate, parseDimension, type CrossTabShown } from '../../analysis/cross-tab.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { crossTabChart } from '../../analysis/chart-configs.ts';
import { recoverBySearch, recoverBySubtraction } from './support/disclosure-attack.ts';
import { seedResults, times, type Row } from './support/results-fixture.ts';

const row = (country: string, experience: string, authority = 'police'): Row => ({
  link: country === 'ES' ? 'B' : 'A', country, authority, language: 'en', answers: { experience, country },
});
// experience x answered country:  FR  ES
//   yes                           10   5
//   no                             6   8
//   dont_know                      3   4
const ROWS = [
  ...times(10, row('FR', 'yes')), ...times(5, row('ES', 'yes')),
  ...times(6, row('FR', 'no')), ...times(8, row('ES', 'no', 'border_guard')),
  ...times(3, row('FR', 'dont_know')), ...times(4, row('ES', 'dont_know')),
];

t.test('a question by country: counts, row and column shares, totals', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app, ROWS);
  const filters = resultFilters({ editionId });
  const table = (await crossTabulate(app.db, definition, parseDimension('q.experience')!, parseDimension('country')!, filters, { k: 3 })) as CrossTabShown;
  t.equal(table.suppressed, false);
  t.same(table.rows.values.map((v) => v.value), ['yes', 'no', 'dont_know']);
  t.same(table.columns.values.map((v) => v.value), ['FR', 'ES'], 'the countries found, in the order of the list');
  t.same(table.cells.map((r) => r.map((c) => c.count)), [[10, 5], [6, 8], [3, 4]]);
  t.same(table.rowTotals, [15, 14, 7]);
  t.same(table.columnTotals, [19, 17]);
  t.equal(table.total, 36);
  t.same(table.cells[0]!.map((c) => [c.rowShare, c.columnShare]), [[0.6667, 0.5263], [0.3333, 0.2941]]);

  const chart = crossTabChart(table);
  t.same(chart.data.labels, ['FR', 'ES']);
  t.same(chart.data.datasets.map((d) => d.data), [[52.6, 29.4], [31.6, 47.1], [15.8, 23.5]], 'column percentages per country');

  const hidden = (await crossTabulate(app.db, definition, parseDimension('q.experience')!, parseDimension('country')!, filters, { k: 5 })) as CrossTabShown;
  t.equal(hidden.total, 36);
  t.equal(hidden.cells[2]![0]!.count, null, 'dont_know in FR (3) hidden with k = 5');
  t.equal(hidden.cells[2]![1]!.count, null);
  const view = { cells: hidden.cells.map((r) => r.map((c) => c.count)), rowTotals: hidden.rowTotals, columnTotals: hidden.columnTotals, total: hidden.total };
  t.same(recoverBySubtraction(view), {}, 'subtraction from the totals recovers nothing');
  t.same(recoverBySearch(view), {}, 'nor does any reasoning on every figure shown');
  for (const r of hidden.cells) for (const c of r) if (c.count === null) t.same([c.rowShare, c.columnShare], [null, null], 'a hidden cell has no shares');
});

t.test('by authority type and by another question; bad axes are refused', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId, definition } = await seedResults(app, ROWS);
  const filters = resultFilters({ editionId });
  const byAuthority = (await crossTabulate(app.db, definition, parseDimension('q.experience')!, parseDimension('authority_type')!, filters, { k: 3 })) as CrossTabShown;
  t.same(byAuthority.columns.values.map((v) => v.value), ['border_guard', 'police']);
  t.same(byAuthority.cells.map((r) => r.map((c) => c.count)), [[0, 15], [8, 6], [0, 7]]);
  const byQuestion = (await crossTabulate(app.db, definition, parseDimension('q.experience')!, parseDimension('q.country')!, filters, { k: 3 })) as CrossTabShown;
  t.same(byQuestion.columns.values.map((v) => v.value), ['FR', 'ES', 'OTHER'], 'every choice of a question');
  t.same(byQuestion.cells.map((r) => r.map((c) => c.count)), [[10, 5, 0], [6, 8, 0], [3, 4, 0]]);

  for (const [rows, columns] of [['q.kinds', 'country'], ['q.nope', 'country'], ['q.experience', 'q.experience'], ['q.remarks', 'country']] as const) {
    await t.rejects(crossTabulate(app.db, definition, parseDimension(rows)!, parseDimension(columns)!, filters, { k: 3 }), AnalysisInputError, `${rows} x ${columns}`);
  }
  t.equal(parseDimension('answers'), undefined);
});
