import t from 'tap';
import { dashboardShape, emptyShape, histogramShape, wordCounts } from '../../../server/routes/dashboard/summary-shapes.ts';

const head = { name: 'q', title: 'Q', type: 'radiogroup' };

t.test('empty shapes per visualizer', async (t) => {
  t.same(emptyShape('selectBase'), {});
  t.same(emptyShape('histogram'), []);
  t.same(emptyShape('text'), { columnCount: 1, data: [] });
  t.same(dashboardShape({ ...head, kind: 'single', suppressed: true, reason: 'fewer-than-k', message: '' }, 'matrix'), {});
});

t.test('hidden counts are left out, zeros kept', async (t) => {
  const s = { ...head, kind: 'single' as const, suppressed: false as const, base: 12, choices: [{ value: 'a', label: 'A', count: 7, share: 0.58 }, { value: 'b', label: 'B', count: null, share: null }, { value: 'c', label: 'C', count: 0, share: 0 }] };
  t.same(dashboardShape(s, 'selectBase'), { a: 7, c: 0 });
  t.same(dashboardShape(s, 'histogram'), [], 'a visualizer that does not fit the question gets its empty shape');
});

t.test('a histogram is whole or empty', async (t) => {
  t.same(histogramShape([{ count: 5 }, { count: 0 }, { count: 9 }]), [5, 0, 9]);
  t.same(histogramShape([{ count: 5 }, { count: null }]), []);
});

t.test('a rating gauge needs the mean and a declared range', async (t) => {
  const r = { ...head, type: 'rating', kind: 'rating' as const, suppressed: false as const, base: 10, values: [{ value: '1', label: '1', count: 5, share: 0.5 }, { value: '2', label: '2', count: 5, share: 0.5 }], mean: 1.5, median: 1.5 };
  t.same(dashboardShape(r, 'number', { min: 1, max: 2 }), { value: 1.5, minValue: 1, maxValue: 2 });
  t.same(dashboardShape({ ...r, mean: null }, 'number', { min: 1, max: 2 }), {});
  t.same(dashboardShape(r, 'histogram'), [5, 5]);
});

t.test('word counts skip short words, numbers and common words, in any script', async (t) => {
  t.same(wordCounts(['The framework agreement, and the FRAMEWORK!', 'Ελληνικά 2022 ok']), { framework: 2, agreement: 1, 'ελληνικά': 1 });
});
