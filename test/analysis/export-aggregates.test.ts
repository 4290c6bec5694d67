import t from 'tap';
import type { EditionSummary } from '../../analysis/aggregate-types.ts';
import { aggregateTable } from '../../analysis/export-aggregates.ts';
import type { Cell } from '../../analysis/export-cells.ts';

const ctx = { surveyId: 'jpp-experience', edition: '2022', filters: 'country=FR' };
const rows = (s: EditionSummary) => [...(aggregateTable(s, ctx).rows as Iterable<Cell[]>)];
const head = { title: 'T', type: 'x' };

t.test('a suppressed edition: who, which filters, and no figure', async (t) => {
  const out = rows({ suppressed: true, reason: 'fewer-than-k', message: 'Fewer than 5 responses: no figures are shown.', k: 5 });
  t.same(out.map((r) => [r[6], r[7]]), [['survey', 'jpp-experience'], ['edition', '2022'], ['filters', 'country=FR'], ['k', 5], ['responses', null]]);
  t.equal(out[4]![8], 'Fewer than 5 responses: no figures are shown.');
});

t.test('every kind of summary becomes one figure per line; hidden figures are empty with a note', async (t) => {
  const out = rows({
    suppressed: false, k: 5, responses: 20,
    questions: [
      { ...head, name: 'q_hidden', kind: 'single', suppressed: true, reason: 'fewer-than-k', message: 'Fewer than 5 answers: no figures are shown.' },
      { ...head, name: 'q_rank', kind: 'ranking', suppressed: false, base: 20, items: [{ value: 'a', label: 'A', meanRank: null, firstChoice: 12, firstChoiceShare: 0.6, byPosition: [12, null] }] },
      { ...head, name: 'q_matrix', kind: 'matrix', suppressed: false, base: 20, columns: [{ value: 'c1', label: 'C1' }], rows: [{ value: 'r1', label: 'R1', base: null, cells: [{ count: null, share: null }] }] },
      { ...head, name: 'q_num', kind: 'number', suppressed: false, base: 20, mean: 3.5, q1: 2, median: 3, q3: 5, histogram: [{ from: 0, to: 5, label: '0–5', count: 20 }] },
      { ...head, name: 'q_text', kind: 'text', suppressed: false, base: 9, texts: ['never exported'] },
    ],
  });
  const lines = out.slice(5).map((r) => [r[0], r[3], r[4], r[6], r[7], r[8]]);
  t.same(lines, [
    ['q_hidden', null, null, 'answers', null, 'Fewer than 5 answers: no figures are shown.'],
    ['q_rank', null, null, 'answers', 20, null],
    ['q_rank', null, 'a', 'mean_rank', null, 'hidden: fewer than k responses'],
    ['q_rank', null, 'a', 'first_choice', 12, null],
    ['q_rank', null, 'a', 'first_choice_share', 0.6, null],
    ['q_rank', null, 'a', 'position_1', 12, null],
    ['q_rank', null, 'a', 'position_2', null, 'hidden: fewer than k responses'],
    ['q_matrix', null, null, 'answers', 20, null],
    ['q_matrix', 'r1', null, 'row_answers', null, 'hidden: fewer than k responses'],
    ['q_matrix', 'r1', 'c1', 'count', null, 'hidden: fewer than k responses'],
    ['q_matrix', 'r1', 'c1', 'share', null, 'hidden: fewer than k responses'],
    ['q_num', null, null, 'answers', 20, null],
    ['q_num', null, null, 'mean', 3.5, null],
    ['q_num', null, null, 'q1', 2, null],
    ['q_num', null, null, 'median', 3, null],
    ['q_num', null, null, 'q3', 5, null],
    ['q_num', null, '0..5', 'count', 20, 'bin: from <= value < to'],
    ['q_text', null, null, 'answers', 9, null],
  ]);
  t.notOk(JSON.stringify(out).includes('never exported'), 'free texts are not part of aggregated tables');
});
