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

t.test('long labels wrap onto lines, whole, never cut with an ellipsis', async (t) => {
  const { wrapLabel } = await import('../../analysis/chart-configs.ts');
  const long = 'It is too complex, legally and administratively, for what it brings';
  const lines = wrapLabel(long);
  t.ok(Array.isArray(lines) && lines.length > 1, 'several lines');
  t.equal((lines as string[]).join(' '), long, 'every word kept');
  t.ok((lines as string[]).every((l) => l.length <= 32), 'each line fits');
  t.equal(wrapLabel('Short'), 'Short');
  const single = questionChart({ ...head, name: 'a', kind: 'single', suppressed: false, base: 10, choices: [{ value: 'x', label: long, count: 10, share: 1 }] } as QuestionSummary)!;
  t.notMatch(JSON.stringify(single.data.labels), /…/, 'no ellipsis in a chart');
});

t.test('ordered scales get ordered colours: a diverging ramp for Likert columns, greys off the scale, dark to light ranks', async (t) => {
  const { orderedColours, rankColours } = await import('../../analysis/chart-configs.ts');
  const lightness = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);
  const blueness = (hex: string) => parseInt(hex.slice(5, 7), 16) - parseInt(hex.slice(1, 3), 16);
  const likert = orderedColours(['very_easy', 'easy', 'neutral', 'difficult', 'very_difficult', 'not_applicable']);
  t.equal(new Set(likert).size, 6, 'six distinct colours');
  const onScale = likert.slice(0, 5);
  for (let i = 1; i < onScale.length; i++) t.ok(blueness(onScale[i]!) > blueness(onScale[i - 1]!), `step ${i} moves along one direction`);
  t.ok(lightness(onScale[2]!) > lightness(onScale[0]!) && lightness(onScale[2]!) > lightness(onScale[4]!), 'the middle is the lightest');
  const grey = likert[5]!;
  t.equal(grey.slice(1, 3), grey.slice(3, 5), '"not applicable" is a grey');
  const ranks = rankColours(4);
  for (let i = 1; i < ranks.length; i++) t.ok(lightness(ranks[i]!) > lightness(ranks[i - 1]!), `rank ${i + 1} is lighter than rank ${i}`);
  const matrix = questionChart({ ...head, name: 'm', kind: 'matrix', suppressed: false, base: 20, columns: [{ value: 'disagree', label: 'Disagree' }, { value: 'agree', label: 'Agree' }, { value: 'dont_know', label: "Don't know" }], rows: [
    { value: 'r', label: 'R', base: 20, cells: [{ count: 10, share: 0.5 }, { count: 5, share: 0.25 }, { count: 5, share: 0.25 }] },
  ] } as QuestionSummary)!;
  t.same(matrix.data.datasets.map((d) => d.backgroundColor), orderedColours(['disagree', 'agree', 'dont_know']), 'a matrix uses the ordered colours');
});

t.test('a stacked bar with hidden cells is completed by a named grey part; a chart with nothing shown says so', async (t) => {
  const { crossTabChart, hasShownFigure, HIDDEN_PART } = await import('../../analysis/chart-configs.ts');
  const axis = (title: string, values: string[]) => ({ title, values: values.map((v) => ({ value: v, label: v })) });
  const cell = (columnShare: number | null) => ({ count: columnShare === null ? null : 1, rowShare: null, columnShare });
  const chart = crossTabChart({
    suppressed: false, k: 5, rows: axis('Answer', ['yes', 'no']), columns: axis('Authority type', ['police', 'customs']),
    cells: [[cell(0.6), cell(null)], [cell(0.4), cell(null)]], rowTotals: [null, null], columnTotals: [10, null], total: 14,
  } as unknown as Parameters<typeof crossTabChart>[0]);
  const hidden = chart.data.datasets.find((d) => d.label === HIDDEN_PART);
  t.ok(hidden, 'the hidden part is in the legend');
  t.same(hidden!.data, [null, 100], 'a column shown whole has no hidden part; one hidden whole is all grey');
  t.ok(hasShownFigure(chart));
  const nothing = crossTabChart({
    suppressed: false, k: 5, rows: axis('Answer', ['yes']), columns: axis('Authority type', ['police']),
    cells: [[cell(null)]], rowTotals: [null], columnTotals: [null], total: 6,
  } as unknown as Parameters<typeof crossTabChart>[0]);
  t.notOk(hasShownFigure(nothing), 'only the hidden part: nothing to draw');
});

t.test('a cross-tab of a rating colours its values in order; of a choice question, apart', async (t) => {
  const { crossTabChart, orderedColour } = await import('../../analysis/chart-configs.ts');
  const values = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }));
  const table = (ordered: boolean) => ({
    suppressed: false, k: 5, rows: { title: 'Attitude', values, ...(ordered ? { ordered: true } : {}) },
    columns: { title: 'Authority type', values: [{ value: 'police', label: 'Police' }] },
    cells: values.map(() => [{ count: 6, rowShare: 1, columnShare: 0.2 }]), rowTotals: values.map(() => 6), columnTotals: [30], total: 30,
  } as unknown as Parameters<typeof crossTabChart>[0]);
  t.same(crossTabChart(table(true)).data.datasets.map((d) => d.backgroundColor), values.map((_, i) => orderedColour(i, 5)), 'dark to light, in the order of the scale');
  const apart = crossTabChart(table(false)).data.datasets.map((d) => d.backgroundColor);
  t.equal(new Set(apart).size, 5, 'five distinct colours');
  t.not(apart[0], orderedColour(0, 5), 'not the ordered scale');
});
