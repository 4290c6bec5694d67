/**
 * Items put in order: the item x position table, suppressed as a cross-tab; first choices are
 * its first column. Exported as one column per item holding its position.
 */
import { rankingChart } from '../chart-configs.ts';
import { wilsonInterval } from '../intervals.ts';
import * as build from '../question-summaries.ts';
import { countText, decimalText, HIDDEN, percent, range, type QuestionReport } from '../report-tables.ts';
import { allowedChoiceValues, isScalar } from './answer-shapes.ts';
import { emptyCardPart, fixed, num } from './card-parts.ts';
import { emptyShape, type CountsShape } from './dashboard-parts.ts';
import { describeChoices, props, type KindModule } from './kind-module.ts';

export const rankingKind: KindModule<'ranking'> = {
  kind: 'ranking',
  label: 'Ranking',
  hosts: (q) => q.getType() === 'ranking',
  describe: describeChoices,
  entries: 'ranking',
  tally: 'values',
  filterable: true,
  summarize: (x, input, opts) => build.rankingSummary(x, input.answered, input.positions, opts.k),
  chart: (s) => rankingChart(s),
  card(s) {
    const out = emptyCardPart();
    const positions = s.items[0]?.byPosition.length ?? 0;
    out.tables.push({
      caption: 'How often each item was ranked 1st, 2nd, ...',
      head: ['Item', 'Mean rank', ...Array.from({ length: positions }, (_, p) => `Ranked ${p + 1}`)],
      rows: s.items.map((i) => ({ label: i.label, cells: [{ text: fixed(i.meanRank), num: true }, ...i.byPosition.map(num)] })),
    });
    return out;
  },
  wideCard: true,
  report(s) {
    const out: QuestionReport = { tables: [], stats: [], notes: [] };
    const positions = s.items[0]?.byPosition.length ?? 0;
    out.tables.push({
      caption: 'How often each item was ranked 1st, 2nd, ...',
      head: ['Item', 'Mean rank', ...Array.from({ length: positions }, (_, p) => `Ranked ${p + 1}`), 'Ranked 1st: % (95 % interval)'],
      rows: s.items.map((i) => [
        i.label, decimalText(i.meanRank), ...i.byPosition.map(countText),
        i.firstChoice === null ? HIDDEN : `${percent(i.firstChoiceShare)} (${range(wilsonInterval(i.firstChoice, s.base))})`,
      ]),
      foot: ['Answered', String(s.base), ...Array.from({ length: positions + 1 }, () => '')],
    });
    return out;
  },
  /**
   * How many respondents put each item first. SurveyJS's own points (n - position, summed) would
   * need every position of an item, and with a handful of respondents per position most are
   * hidden; first choices add up to the base like any breakdown, so they are suppressed as one.
   */
  dashboard(s, visualizer) {
    if (visualizer !== 'ranking' && visualizer !== 'selectBase') return emptyShape(visualizer);
    const out: CountsShape = {};
    for (const item of s.items) if (item.firstChoice !== null) out[item.value] = item.firstChoice;
    return out;
  },
  aggregateLines: (s, line) => s.items.flatMap((item) => [
    line(null, item.value, item.label, 'mean_rank', item.meanRank),
    line(null, item.value, item.label, 'first_choice', item.firstChoice),
    line(null, item.value, item.label, 'first_choice_share', item.firstChoiceShare),
    ...item.byPosition.map((n, p) => line(null, item.value, item.label, `position_${p + 1}`, n)),
  ]),
  exportColumns: (q) => q.choices.map((c) => ({ name: `${q.name}.${String(c.value)}`, question: q.name, kind: 'rank', item: c.value })),
  check(q, value) {
    if (!Array.isArray(value) || !value.every(isScalar)) return ['Expected a ranked list.'];
    const allowed = allowedChoiceValues(q);
    if (value.some((v) => !allowed.includes(v)) || new Set(value).size !== value.length) {
      return ['The ranked list contains an unknown or repeated item.'];
    }
    if (!props(q).selectToRankEnabled && value.length !== allowed.length) return ['Rank every item.'];
    return [];
  },
  demoAnswer: (q, rng) => [...allowedChoiceValues(q)].sort(() => rng() - 0.5),
};
