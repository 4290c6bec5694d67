import t from 'tap';
import { questionChart } from '../../analysis/chart-configs.ts';
import type { QuestionSummary } from '../../analysis/aggregate-types.ts';

const head = { title: 'T', type: 'radiogroup' } as const;

t.test('a chart per question kind, from the suppressed figures', async (t) => {
  const single = questionChart({ ...head, name: 'a', kind: 'single', suppressed: false, base: 10, choices: [
    { value: 'x', label: 'X', count: 8, share: 0.8 }, { value: 'y', label: 'Y', count: null, share: null }, { value: 'z', label: 'Z', count: null, share: null },
  ] } as QuestionSummary)!;
  t.same(single.data, { labels: ['X', 'Y', 'Z'], datasets: [{ label: '% of answers', data: [80, null, null], backgroundColor: '#0072B2' }] }, 'hidden shares stay null');
  t.equal(single.options.indexAxis, 'y');
  t.doesNotThrow(() => JSON.parse(JSON.stringify(single)), 'plain JSON, no functions');

  const matrix = questionChart({ ...head, name: 'm', kind: 'matrix', suppressed: false, base: 20, columns: [{ value: 'e', label: 'Easy' }, { value: 'h', label: 'Hard' }], rows: [
    { value: 'pre', label: 'Pre', base: 20, cells: [{ count: 12, share: 0.6 }, { count: 8, share: 0.4 }] },
  ] } as QuestionSummary)!;
  t.same(matrix.data.datasets.map((d) => [d.label, d.data, d.stack]), [['Easy', [60], 'rows'], ['Hard', [40], 'rows']]);

  const ranking = questionChart({ ...head, name: 'r', kind: 'ranking', suppressed: false, base: 10, items: [
    { value: 'a', label: 'A', meanRank: 1.5, firstChoice: 5, firstChoiceShare: 0.5, byPosition: [5, 5] },
    { value: 'b', label: 'B', meanRank: 1.5, firstChoice: 5, firstChoiceShare: 0.5, byPosition: [5, 5] },
  ] } as QuestionSummary)!;
  t.same(ranking.data.datasets.map((d) => d.label), ['Ranked 1', 'Ranked 2']);

  const histogram = questionChart({ ...head, name: 'n', kind: 'number', suppressed: false, base: 7, mean: 4, q1: 1, median: 3, q3: 6, histogram: [
    { from: 0, to: 25, label: '0–25', count: 7 },
  ] } as QuestionSummary)!;
  t.same(histogram.data.labels, ['0–25']);

  t.equal(questionChart({ ...head, name: 't', kind: 'text', suppressed: false, base: 5, texts: null } as QuestionSummary), null, 'texts have no chart');
  t.equal(questionChart({ ...head, name: 's', kind: 'single', suppressed: true, reason: 'fewer-than-k', message: '' } as QuestionSummary), null, 'a hidden question has no chart');
});
