/**
 * What one-answer and several-answer questions share: their card, report table and Dashboard
 * counts. A long list (countries) keeps its tables short: the answers nobody gave go in one line.
 */
import type { ChoiceSummary } from '../aggregate-types.ts';
import { LONG_LIST } from '../chart-configs.ts';
import { countText, shareRows, type QuestionReport } from '../report-tables.ts';
import { emptyCardPart, num, share, textsBlock, type CardPart } from './card-parts.ts';
import { countLines, type AggregateLine } from './kind-module.ts';
import { emptyShape, shownCounts, type DashboardShape, type VisualizerType } from './dashboard-parts.ts';

const caption = (s: ChoiceSummary) => (s.kind === 'multi' ? 'Respondents choosing each answer (several answers possible)' : 'Answers');

export function choiceCard(s: ChoiceSummary, k: number): CardPart {
  const out = emptyCardPart();
  const long = s.choices.length > LONG_LIST;
  const nobody = long ? s.choices.filter((c) => c.count === 0).map((c) => c.label) : [];
  out.tables.push({
    caption: caption(s),
    head: ['Answer', 'Responses', s.kind === 'multi' ? '% of respondents' : '%'],
    rows: s.choices.filter((c) => !long || c.count !== 0).map((c) => ({ label: c.label, cells: [num(c.count), share(c.share)] })),
    foot: { label: 'Answered', cells: [num(s.base), { text: null, num: true }] },
  });
  if (nobody.length > 0) out.notes.push(`Nobody answered: ${nobody.join(', ')}.`);
  if (s.comments) out.texts = textsBlock(s.comments, k, 'Texts given with "other" or as a comment');
  return out;
}

export function choiceReport(s: ChoiceSummary): QuestionReport {
  const out: QuestionReport = { tables: [], stats: [], notes: [] };
  const long = s.choices.length > LONG_LIST;
  const nobody = long ? s.choices.filter((c) => c.count === 0).length : 0;
  out.tables.push({
    caption: caption(s),
    head: ['Answer', 'Responses', s.kind === 'multi' ? '% of respondents' : '% of answers', '95 % interval (%)'],
    rows: shareRows(long ? s.choices.filter((c) => c.count !== 0) : s.choices, s.base),
    foot: ['Answered', String(s.base), '', ''],
  });
  if (nobody > 0) out.notes.push(`${nobody} other answers of the list were given by nobody.`);
  if (s.comments) out.stats.push({ label: 'Texts given with "other" or as a comment', value: countText(s.comments.count) });
  return out;
}

export function choiceAggregateLines(s: ChoiceSummary, line: AggregateLine) {
  const lines = countLines(s.choices, line);
  if (s.comments) lines.push(line(null, null, null, 'texts', s.comments.count));
  return lines;
}

export function choiceDashboard(s: ChoiceSummary, visualizer: VisualizerType): DashboardShape {
  return visualizer === 'selectBase' || visualizer === 'choices' || visualizer === 'boolean' || visualizer === 'options'
    ? shownCounts(s.choices)
    : emptyShape(visualizer);
}
