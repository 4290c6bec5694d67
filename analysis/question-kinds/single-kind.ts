/**
 * One answer from a list: radiogroup, dropdown, boolean (true / false as its two choices), and the
 * image picker and button group read the same way. One breakdown of the answers, suppressed across
 * the choices.
 */
import type { Question } from 'survey-core';
import { choiceChart } from '../chart-configs.ts';
import * as build from '../question-summaries.ts';
import { allowedChoiceValues, isScalar, pick, type Scalar } from './answer-shapes.ts';
import { choiceAggregateLines, choiceCard, choiceDashboard, choiceReport } from './choice-parts.ts';
import { describeChoices, props, valueColumn, type KindModule } from './kind-module.ts';

const LISTS = new Set(['radiogroup', 'dropdown', 'imagepicker', 'buttongroup']);

export const singleKind: KindModule<'single'> = {
  kind: 'single',
  label: 'One answer',
  hosts: (q) => (LISTS.has(q.getType()) && !(q.getType() === 'imagepicker' && props(q).multiSelect)) || q.getType() === 'boolean',
  describe(q, info) {
    const qa = props(q);
    if (q.getType() === 'boolean') {
      info.choices = [
        { value: String(qa.valueTrue ?? true), label: String(qa.labelTrue ?? 'Yes') },
        { value: String(qa.valueFalse ?? false), label: String(qa.labelFalse ?? 'No') },
      ];
    } else describeChoices(q, info);
  },
  entries: 'scalar',
  tally: 'values',
  filterable: true,
  summarize: (x, input, opts) =>
    build.singleChoiceSummary(x, input.byValue, opts.k, input.comment, opts.viewerMaySeeTexts, opts.textLimit),
  chart: (s) => choiceChart(s),
  card: choiceCard,
  wideCard: false,
  report: (s) => choiceReport(s),
  dashboard: (s, visualizer) => choiceDashboard(s, visualizer),
  aggregateLines: choiceAggregateLines,
  comparison: { rows: (s) => s.choices },
  exportColumns: valueColumn,
  check(q: Question, value: unknown) {
    const qa = props(q);
    switch (q.getType()) {
      case 'radiogroup':
      case 'dropdown':
        if (!isScalar(value)) return ['Choose one of the listed answers.'];
        return allowedChoiceValues(q).includes(value as Scalar) ? [] : [`"${String(value)}" is not one of the listed answers.`];
      case 'boolean': {
        const yes = qa.valueTrue ?? true;
        const no = qa.valueFalse ?? false;
        return value === yes || value === no ? [] : ['Expected yes or no.'];
      }
      default:
        return null;
    }
  },
  demoAnswer(q, rng) {
    const qa = props(q);
    switch (q.getType()) {
      case 'radiogroup':
      case 'dropdown': {
        const other = (qa.otherItem as { value: unknown } | undefined)?.value;
        return pick(rng, allowedChoiceValues(q).filter((v) => v !== other || rng() < 0.5));
      }
      case 'boolean':
        return rng() < 0.5 ? (qa.valueTrue ?? true) : (qa.valueFalse ?? false);
      default:
        return undefined;
    }
  },
};
