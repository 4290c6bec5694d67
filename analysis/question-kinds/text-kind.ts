/**
 * Free text: short text (any input type but numbers), and long text (comment). Counted as
 * answered; the texts are kept for samples and shown only to those allowed, in groups of k.
 */
import * as build from '../question-summaries.ts';
import { isBelowK } from '../suppress-small-cells.ts';
import { DEFAULT_COMMENT_LIMIT, DEFAULT_TEXT_LIMIT, DEMO_WORDS, pick, textLimit } from './answer-shapes.ts';
import { emptyCardPart, textsBlock } from './card-parts.ts';
import { emptyShape, wordCounts } from './dashboard-parts.ts';
import { props, valueColumn, type KindModule } from './kind-module.ts';
import { isMasked, maskedValueProblems } from './masked-text.ts';

export const textKind: KindModule<'text'> = {
  kind: 'text',
  label: 'Free text',
  hosts: (q) => q.getType() === 'text' || q.getType() === 'comment',
  describe() {},
  entries: 'answered',
  tally: 'texts',
  filterable: false,
  summarize(x, input, opts) {
    const base = input.answered;
    if (isBelowK(base, opts.k)) return build.suppressedQuestion(x, opts.k);
    const { count: _count, ...t } = build.textSummary(base, base, opts.k, input.texts, opts.viewerMaySeeTexts, { identifying: !x.textsMayBeShown, limit: opts.textLimit });
    return { ...build.head(x), kind: 'text', suppressed: false, base, ...t };
  },
  chart: () => null,
  card(s, k) {
    const out = emptyCardPart();
    out.texts = textsBlock({ count: s.base, texts: s.texts, ...(s.withheld ? { withheld: s.withheld } : {}), ...(s.truncated ? { truncated: true } : {}) }, k, 'Answers');
    return out;
  },
  wideCard: false,
  report: (s) => ({ tables: [], stats: [{ label: 'Answered', value: String(s.base) }], notes: [] }),
  dashboard(s, visualizer) {
    if (visualizer === 'wordcloud') return wordCounts(s.texts ?? []);
    if (visualizer === 'text') return { columnCount: 1, data: (s.texts ?? []).map((t) => [t]) };
    return emptyShape(visualizer);
  },
  aggregateLines: () => [],
  exportColumns: valueColumn,
  check(q, value) {
    if (q.getType() === 'comment') {
      if (typeof value !== 'string') return ['Expected text.'];
      return value.length > textLimit(q, DEFAULT_COMMENT_LIMIT) ? ['The answer is too long.'] : [];
    }
    if (isMasked(q)) {
      const masked = maskedValueProblems(q, value);
      if (masked.length > 0 || typeof value !== 'string') return masked;
    }
    if (typeof value !== 'string') return ['Expected text.'];
    return value.length > textLimit(q, DEFAULT_TEXT_LIMIT) ? ['The answer is too long.'] : [];
  },
  demoAnswer: (q, rng) => (q.getType() === 'comment' ? `${pick(rng, DEMO_WORDS)}; ${pick(rng, DEMO_WORDS)}.` : pick(rng, DEMO_WORDS)),
};
