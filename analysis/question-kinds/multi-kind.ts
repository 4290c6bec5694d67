/**
 * Several answers from a list: checkbox, tagbox, image picker with multiSelect. Choices overlap, so each count is suppressed
 * against the respondents who did not choose it; exported as one 0 / 1 column per item.
 */
import { choiceChart } from '../chart-configs.ts';
import * as build from '../question-summaries.ts';
import { allowedChoiceValues, isScalar, type ChoiceLike } from './answer-shapes.ts';
import { choiceAggregateLines, choiceCard, choiceDashboard, choiceReport } from './choice-parts.ts';
import { describeChoices, props, type KindModule } from './kind-module.ts';

const TYPES = new Set(['checkbox', 'tagbox']);

export const multiKind: KindModule<'multi'> = {
  kind: 'multi',
  label: 'Several answers',
  // An image picker with multiSelect stores a list, like a checkbox.
  hosts: (q) => TYPES.has(q.getType()) || (q.getType() === 'imagepicker' && Boolean(props(q).multiSelect)),
  describe: describeChoices,
  entries: 'array',
  tally: 'values',
  filterable: true,
  summarize: (x, input, opts) =>
    build.multiChoiceSummary(x, input.answered, input.byValue, opts.k, input.comment, opts.viewerMaySeeTexts, opts.textLimit),
  chart: (s) => choiceChart(s),
  card: choiceCard,
  wideCard: false,
  report: (s) => choiceReport(s),
  dashboard: (s, visualizer) => choiceDashboard(s, visualizer),
  aggregateLines: choiceAggregateLines,
  comparison: { rows: (s) => s.choices, changedListNote: 'With a different list of answers, shares of a multiple choice may not be comparable.' },
  exportColumns(q) {
    const items = [...q.choices, ...(q.otherItem ? [q.otherItem] : []), ...(q.noneItem ? [q.noneItem] : [])];
    return items.map((c) => ({ name: `${q.name}.${String(c.value)}`, question: q.name, kind: 'choice', item: c.value }));
  },
  check(q, value) {
    const qa = props(q);
    if (!Array.isArray(value) || !value.every(isScalar)) return ['Expected a list of the listed answers.'];
    const allowed = allowedChoiceValues(q);
    const bad = value.filter((v) => !allowed.includes(v));
    if (bad.length > 0) return [`${bad.map((v) => `"${String(v)}"`).join(', ')} not among the listed answers.`];
    if (new Set(value).size !== value.length) return ['The same answer is chosen twice.'];
    const max = Number(qa.maxSelectedChoices ?? 0);
    if (max > 0 && value.length > max) return [`Choose at most ${max} answers.`];
    const none = (qa.noneItem as ChoiceLike | undefined)?.value;
    if (qa.showNoneItem && (value as unknown[]).includes(none) && value.length > 1) return ['"None" cannot be combined with other answers.'];
    return [];
  },
  demoAnswer(q, rng) {
    const qa = props(q);
    const none = (qa.noneItem as ChoiceLike | undefined)?.value;
    const values = allowedChoiceValues(q).filter((v) => v !== none);
    const max = Number(qa.maxSelectedChoices ?? 0) || values.length;
    const min = Math.max(1, Number(qa.minSelectedChoices ?? 0));
    const count = Math.min(max, values.length, min + Math.floor(rng() * 3));
    const shuffled = [...values].sort(() => rng() - 0.5);
    return shuffled.slice(0, count);
  },
};
