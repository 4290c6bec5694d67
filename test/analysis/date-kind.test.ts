/**
 * Dates and times: bins hand-counted from the answers below (k = 3), on the results summary, the
 * report, the chart, the SurveyJS Dashboard feed and page, and the export (the date as stored).
 */
import t from 'tap';
import { sql } from 'kysely';
import { buildTestApp } from '../helper.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import type { DateSummary, EditionSummaryShown } from '../../analysis/aggregate-types.ts';
import { chooseGrain, dateBins } from '../../analysis/question-kinds/date-bins.ts';
import { kindModule } from '../../analysis/question-kinds/registry.ts';
import { questionChart } from '../../analysis/chart-configs.ts';
import { questionReport } from '../../analysis/report-tables.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { staffClient } from '../routes/staff/staff-client.ts';
import { seedResults } from './support/results-fixture.ts';
import { definition, rows } from './support/date-fixture.ts';

const bins = (s: DateSummary) => s.bins.map((b) => [b.label, b.count]);

t.test('the grain follows the spread of the answers', async (t) => {
  t.equal(chooseGrain('date', ['2026-01-01', '2026-03-31']), 'day', '89 days: by day');
  t.equal(chooseGrain('date', ['2026-01-01', '2026-04-02']), 'month', '91 days: by month');
  t.equal(chooseGrain('time', ['09:00']), 'hour');
  const small = dateBins('date', new Map([['2026-01-01', 2]]), 3);
  t.same(small.bins, [], 'fewer than k answers: no bins');
  const one = dateBins('date', new Map([['2026-01-01', 1], ['not a date', 4]]), 3);
  t.same([one.bins, one.unread], [[], 4], 'answers not in the form are counted apart');
});

t.test('every date and time question is counted in hand-counted bins, none under k', async (t) => {
  const { app } = await buildTestApp(t);
  const { editionId } = await seedResults(app, rows, { definition });
  const summary = await summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: true }) as EditionSummaryShown;
  const dates = summary.questions.filter((s) => s.name !== 'size');
  const q = Object.fromEntries(dates.map((s) => [s.name, s as DateSummary]));
  t.same(dates.map((s) => s.kind), ['date', 'date', 'date', 'date', 'date', 'date']);
  t.same(bins(q.start!), [['2 Mar 2026', 4], ['3 Mar 2026 – 9 Mar 2026', 6]]);
  t.equal(q.start!.grain, 'day');
  t.same(bins(q.born!), [['Jan 1980', 3], ['Jun 1985', 3], ['Dec 1990', 4]]);
  t.equal(q.born!.grain, 'month');
  t.same(bins(q.at!), [['09:00–09:59', 3], ['10:00–10:59', 3], ['14:00–23:59', 4]]);
  t.same(bins(q.month!), [['Jan 2026', 5], ['Feb 2026', 5]]);
  t.same(bins(q.when!), [['2 Mar 2026', 5], ['4 Mar 2026', 5]]);
  t.same(bins(q.wk!), [['week 10 of 2026', 6], ['week 11 of 2026 – week 12 of 2026', 4]]);
  t.same(q.start!.bins.map((b) => b.share), [0.4, 0.6]);
  for (const s of Object.values(q)) t.equal(s.base, 10, `${s.name}: every answer counted`);

  const chart = questionChart(q.at!)!;
  t.same(chart.data.datasets[0]!.data, [3, 3, 4], 'the chart draws the bins');
  const report = questionReport(q.start!);
  t.same(report.tables[0]!.rows.map((r) => r.slice(0, 3)), [['2 Mar 2026', '4', '40.0 %'], ['3 Mar 2026 – 9 Mar 2026', '6', '60.0 %']]);
  const card = kindModule('date').card(q.born!, 3);
  t.same(card.tables[0]!.rows.map((r) => r.cells[0]!.text), ['3', '3', '4']);

  // Folded into the running tallies, the same figures as reading the responses.
  const read = await summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: true });
  t.ok(await foldPending(app.db) >= 0);
  t.same(await summarizeEdition(app.db, definition, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: true }), read, 'the tallies count the dates as the responses do');
  const [{ n }] = (await sql<{ n: string }>`select count(*)::text as n from answer_tally where key = 'at'`.execute(app.db)).rows as [{ n: string }];
  t.ok(Number(n) > 0, 'the times are in the tallies');

  // France only (responses 1-6): start 2 Mar 4, 3 Mar 1, 5 Mar 1 -> 3-5 Mar 2 is small and last: all in one bin of 6.
  const fr = await summarizeEdition(app.db, definition, resultFilters({ editionId, country: ['FR'] }), { k: 3, viewerMaySeeTexts: true }) as EditionSummaryShown;
  t.same(bins(fr.questions[0] as DateSummary), [['2 Mar 2026 – 5 Mar 2026', 6]]);
});

t.test('the SurveyJS Dashboard gets bars of the bins, the page a list of them, the export the dates as stored', async (t) => {
  const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
  const { editionId } = await seedResults(app, rows, { definition });
  const analyst = await staffClient(app, 'analyst');
  const feed = async (question: string, visualizer: string, extra = '') => {
    const res = await analyst.get(`/api/dashboard/summary?edition=${editionId}&question=${question}&visualizer=${visualizer}${extra}`, { accept: 'application/json' });
    t.equal(res.statusCode, 200, `${question} ${visualizer}`);
    return res.json();
  };
  t.same(await feed('start', 'selectBase'), { '2026-03-02': 4, '2026-03-03': 6 });
  t.same(await feed('born', 'selectBase'), { '1980-01': 3, '1985-06': 3, '1990-12': 4 });
  t.same(await feed('at', 'selectBase'), { '09': 3, '10': 3, '14': 4 }, 'a time has its counts (no empty word cloud)');
  t.same(await feed('at', 'wordcloud'), {});
  // A page filter chooses the page's bins: France's 6 answers make one bin (see above).
  t.same(await feed('start', 'selectBase', '&country=FR'), { '2026-03-02': 6 });
  // A Dashboard click keeps the page's bins: "small" (responses 7-10) has 2 Mar 0 and 3-9 Mar 4.
  const click = (value: string) => encodeURIComponent(JSON.stringify([{ field: 'size', type: '=', value }]));
  t.same(await feed('start', 'selectBase', `&filter=${click('small')}`), { '2026-03-02': 0, '2026-03-03': 4 });
  // "big" (responses 1-6): 2 Mar 4 and 3-9 Mar 2; the 2 is hidden, and the 4 with it (6 is known from "size").
  t.same(await feed('start', 'selectBase', `&filter=${click('big')}`), {}, 'no small count, and none worked out');

  const page = await analyst.get(`/staff/dashboard?edition=${editionId}`);
  t.equal(page.statusCode, 200);
  const config = JSON.parse(/data-config="([^"]*)"/.exec(page.body)![1]!.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&')) as { definition: typeof definition };
  const at = config.definition.pages[0]!.elements.find((e) => e.name === 'at') as unknown as { type: string; choices: unknown };
  t.same(at, { type: 'dropdown', name: 'at', choices: [{ value: '09', text: '09:00–09:59' }, { value: '10', text: '10:00–10:59' }, { value: '14', text: '14:00–23:59' }] });

  const results = await analyst.get(`/staff/results?edition=${editionId}`);
  t.equal(results.statusCode, 200);
  t.match(results.body, /Answers per hour/, 'the results page has the card of the time question');
  t.match(results.body, /14:00–23:59/);
  t.notMatch(results.body, /No results yet/i);

  t.same(questionCatalogue(definition).map((q) => q.inputType), ['date', 'date', 'time', 'month', 'datetime-local', 'week', undefined]);
  const csv = await analyst.get(`/api/exports/responses?edition=${editionId}&format=csv`, { accept: '*/*' });
  t.equal(csv.statusCode, 200);
  t.match(csv.body, /2026-03-02T08:00/, 'the export holds the date and time as stored');
  t.match(csv.body, /2026-W11/);
  t.match(csv.body, /23:59/);
});

t.test('answers are checked against their input form', async (t) => {
  const { Model } = await import('survey-core');
  const m = new Model(definition);
  const check = (name: string, v: unknown) => kindModule('date').check(m.getQuestionByName(name), v, 'en');
  t.same(check('start', '2026-03-02'), []);
  t.same(check('start', '2 March'), ['Expected a date (YYYY-MM-DD).']);
  t.same(check('at', '09:30'), []);
  t.same(check('at', 930), ['Expected a time (hh:mm).']);
  t.same(check('when', '2026-03-02T08:00'), []);
  t.same(check('wk', '2026-W10'), []);
  t.same(check('month', '2026-1'), ['Expected a month (YYYY-MM).']);
});
