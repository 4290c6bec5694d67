/**
 * A rating scale: the distribution over its rate values, with mean and median only when no value
 * is hidden (with the visible counts they would give the hidden ones away).
 */
import { choiceChart } from '../chart-configs.ts';
import { meanIntervalFromCounts } from '../intervals.ts';
import * as build from '../question-summaries.ts';
import { decimalText, meanLine, shareRows, type QuestionReport } from '../report-tables.ts';
import { isScalar, pick, type ChoiceLike } from './answer-shapes.ts';
import { emptyCardPart, fixed, num, share } from './card-parts.ts';
import { shownCounts } from './dashboard-parts.ts';
import { countLines, labelled, props, valueColumn, type KindModule } from './kind-module.ts';

const rateValues = (q: Parameters<KindModule<'rating'>['hosts']>[0]) => ((props(q).visibleRateValues as ChoiceLike[] | undefined) ?? []).map((r) => r.value);

export const ratingKind: KindModule<'rating'> = {
  kind: 'rating',
  label: 'Rating',
  hosts: (q) => q.getType() === 'rating',
  describe(q, info) {
    info.choices = labelled(props(q).visibleRateValues as ChoiceLike[]);
  },
  entries: 'scalar',
  statsFromValues: true,
  tally: 'values',
  filterable: true,
  summarize: (x, input, opts) => build.ratingSummary(x, input.byValue, input.stats, opts.k),
  chart: (s) => choiceChart(s),
  card(s) {
    const out = emptyCardPart();
    out.tables.push({
      caption: 'Ratings', head: ['Rating', 'Responses', '%'],
      rows: s.values.map((c) => ({ label: c.label, cells: [num(c.count), share(c.share)] })),
      foot: { label: 'Answered', cells: [num(s.base), { text: null, num: true }] },
    });
    out.stats = [{ label: 'Mean', value: fixed(s.mean) }, { label: 'Median', value: fixed(s.median) }];
    return out;
  },
  wideCard: false,
  report(s) {
    const out: QuestionReport = { tables: [], stats: [], notes: [] };
    out.tables.push({ caption: 'Ratings', head: ['Rating', 'Responses', '% of answers', '95 % interval (%)'], rows: shareRows(s.values, s.base), foot: ['Answered', String(s.base), '', ''] });
    const numeric = s.values.every((v) => Number.isFinite(Number(v.value)));
    const interval = numeric ? meanIntervalFromCounts(s.values.map((v) => ({ value: Number(v.value), count: v.count }))) : null;
    out.stats.push(meanLine('Mean (95 % interval)', interval, s.mean === null), { label: 'Median', value: decimalText(s.median) });
    return out;
  },
  dashboard(s, visualizer, range) {
    if (visualizer === 'number') {
      return s.mean === null || !range ? {} : { value: s.mean, minValue: range.min, maxValue: range.max };
    }
    if (visualizer === 'histogram') return s.values.map((v) => v.count ?? 0);
    return shownCounts(s.values);
  },
  aggregateLines: (s, line) => [...countLines(s.values, line), line(null, null, null, 'mean', s.mean), line(null, null, null, 'median', s.median)],
  comparison: { rows: (s) => s.values },
  exportColumns: valueColumn,
  check(q, value) {
    const values = rateValues(q);
    return isScalar(value) && values.includes(value) ? [] : [`Expected one of ${values.join(', ')}.`];
  },
  demoAnswer: (q, rng) => pick(rng, rateValues(q)),
};
