/**
 * Any other answer-holding element survey-core knows: counted as answered, nothing more. The
 * registry's fallback, so that no answer goes unseen.
 */
import * as build from '../question-summaries.ts';
import { isBelowK } from '../suppress-small-cells.ts';
import { emptyCardPart } from './card-parts.ts';
import { emptyShape } from './dashboard-parts.ts';
import { valueColumn, type KindModule } from './kind-module.ts';

export const otherKind: KindModule<'other'> = {
  kind: 'other',
  label: 'Other',
  hosts: () => true,
  describe() {},
  entries: 'answered',
  tally: 'answered',
  filterable: false,
  summarize(x, input, opts) {
    if (isBelowK(input.answered, opts.k)) return build.suppressedQuestion(x, opts.k);
    return { ...build.head(x), kind: 'other', suppressed: false, base: input.answered };
  },
  chart: () => null,
  card: (s) => ({ ...emptyCardPart(), stats: [{ label: 'Answered', value: String(s.base) }] }),
  wideCard: false,
  report: (s) => ({ tables: [], stats: [{ label: 'Answered', value: String(s.base) }], notes: [] }),
  dashboard: (_s, visualizer) => emptyShape(visualizer),
  aggregateLines: () => [],
  exportColumns: valueColumn,
  check: () => null,
  demoAnswer: () => undefined,
};
