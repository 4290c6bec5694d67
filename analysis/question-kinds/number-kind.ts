/**
 * A number (a text question with inputType number or range, or with a numeric or currency mask,
 * which survey-core stores as a number, or a slider of one value): count, mean and quartiles, and a
 * histogram whose bins are widened until none holds 1 to k-1 answers.
 */
import type { Question } from 'survey-core';
import { histogramChart } from '../chart-configs.ts';
import * as build from '../question-summaries.ts';
import { countText, decimalText, meanLine, type QuestionReport } from '../report-tables.ts';
import { emptyCardPart, fixed, num } from './card-parts.ts';
import { emptyShape, histogramShape } from './dashboard-parts.ts';
import { props, valueColumn, type KindModule } from './kind-module.ts';
import { isMasked, maskedValueProblems } from './masked-text.ts';
import { takesWholeNumbers, wholeNumberMessage } from './whole-number-rule.ts';

const NUMBER_INPUTS = new Set(['number', 'range']);

/** A numeric or currency mask stores a number (unless told to save the masked text). */
function storesMaskedNumber(q: Question): boolean {
  if (!isMasked(q)) return false;
  const mask = props(q).maskSettings as { getType(): string; saveMaskedValue?: boolean };
  return /numeric|currency/.test(mask.getType()) && !mask.saveMaskedValue;
}

export const numberKind: KindModule<'number'> = {
  kind: 'number',
  label: 'Number',
  hosts: (q) => (q.getType() === 'text' && (NUMBER_INPUTS.has(String(props(q).inputType ?? 'text')) || storesMaskedNumber(q)))
    // A slider of one value is a number; a range of two is counted as answered (other-kind.ts).
    || (q.getType() === 'slider' && props(q).sliderType !== 'range'),
  describe(q, info) {
    const qa = props(q);
    const min = Number(qa.min);
    const max = Number(qa.max);
    if (qa.min !== undefined && qa.min !== '' && Number.isFinite(min)) info.min = min;
    if (qa.max !== undefined && qa.max !== '' && Number.isFinite(max)) info.max = max;
  },
  entries: 'number',
  tally: 'values',
  filterable: true,
  summarize: (x, input, opts) => build.numberSummary(x, input.stats, input.bins, input.binCounts, opts.k),
  chart: (s) => (s.histogram.length > 0 ? histogramChart(s) : null),
  card(s) {
    const out = emptyCardPart();
    out.stats = [
      { label: 'Answered', value: String(s.base) }, { label: 'Mean', value: fixed(s.mean) }, { label: 'Lower quartile', value: fixed(s.q1) },
      { label: 'Median', value: fixed(s.median) }, { label: 'Upper quartile', value: fixed(s.q3) },
    ];
    out.tables.push({ caption: 'Distribution', head: ['Range', 'Responses'], rows: s.histogram.map((b) => ({ label: b.label, cells: [num(b.count)] })) });
    return out;
  },
  wideCard: false,
  report(s, spread) {
    const out: QuestionReport = { tables: [], stats: [], notes: [] };
    out.stats.push(
      { label: 'Answered', value: String(s.base) },
      meanLine('Mean (95 % interval)', spread ?? null, false),
      { label: 'Median', value: decimalText(s.median) },
      { label: 'Quartiles', value: `${decimalText(s.q1)} – ${decimalText(s.q3)}` },
    );
    out.tables.push({ caption: 'Distribution', head: ['Range', 'Responses'], rows: s.histogram.map((b) => [b.label, countText(b.count)]) });
    return out;
  },
  dashboard(s, visualizer, range) {
    if (visualizer === 'number') {
      const first = s.histogram[0];
      const last = s.histogram[s.histogram.length - 1];
      const min = range?.min ?? first?.from ?? 0;
      const max = range?.max ?? last?.to ?? s.mean;
      return { value: s.mean, minValue: min, maxValue: max };
    }
    return visualizer === 'histogram' ? histogramShape(s.histogram) : emptyShape(visualizer);
  },
  aggregateLines: (s, line) => [
    ...(['mean', 'q1', 'median', 'q3'] as const).map((m) => line(null, null, null, m, s[m])),
    ...s.histogram.map((bin) => line(null, `${bin.from}..${bin.to}`, bin.label, 'count', bin.count, 'bin: from <= value < to')),
  ],
  comparison: { numbers: (s) => ({ base: s.base, mean: s.mean, median: s.median }) },
  exportColumns: valueColumn,
  check(q, value, locale) {
    // A masked number is checked against its mask (its own range and decimals), not the whole-number rule.
    if (isMasked(q)) return maskedValueProblems(q, value);
    if (typeof value !== 'number' || !Number.isFinite(value)) return ['Expected a number.'];
    return takesWholeNumbers(q) && !Number.isInteger(value) ? [wholeNumberMessage(locale)] : [];
  },
  demoAnswer(q, rng) {
    const qa = props(q);
    const min = Number(qa.min ?? 0);
    const max = Number(qa.max ?? min + 20);
    return Math.round(min + rng() * Math.min(max - min, 50));
  },
};
