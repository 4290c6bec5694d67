/** A question card whose every figure is hidden says why instead of drawing empty axes. */
import t from 'tap';
import { questionCard } from '../../server/results/question-cards.ts';
import type { QuestionSummary } from '../../analysis/aggregate-types.ts';

t.test('every figure hidden: no chart, the sentence saying why', async (t) => {
  const card = questionCard({ title: 'Type', type: 'radiogroup', name: 'a', kind: 'single', suppressed: false, base: 7, choices: [
    { value: 'x', label: 'X', count: null, share: null }, { value: 'y', label: 'Y', count: null, share: null },
  ] } as QuestionSummary, 5);
  t.equal(card.chart, null, 'no chart');
  t.match(card.notes.join(' '), /every answer to this question falls in a group of fewer than 5 responses/);
  const shown = questionCard({ title: 'Type', type: 'radiogroup', name: 'a', kind: 'single', suppressed: false, base: 7, choices: [
    { value: 'x', label: 'X', count: 7, share: 1 }, { value: 'y', label: 'Y', count: 0, share: 0 },
  ] } as QuestionSummary, 5);
  t.ok(shown.chart, 'a chart when something is shown');
  t.same(shown.notes, []);
});

t.test('matrices and rankings are wide cards', async (t) => {
  const matrix = questionCard({ title: 'M', type: 'matrix', name: 'm', kind: 'matrix', suppressed: false, base: 10, columns: [{ value: 'a', label: 'A' }], rows: [{ value: 'r', label: 'R', base: 10, cells: [{ count: 10, share: 1 }] }] } as QuestionSummary, 5);
  t.ok(matrix.wide);
});
