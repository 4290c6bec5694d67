/**
 * Page data for one question's results: a chart.js configuration (analysis/chart-configs.ts) and a
 * small table that says the same for screen readers and for copying, which the question's kind
 * gives (analysis/question-kinds/). Hidden figures are null; the partial
 * views/partials/results/cell.hbs shows them as "hidden".
 */
import type { QuestionSummary } from '../../analysis/aggregate-types.ts';
import { hasShownFigure, questionChart, type ChartConfig } from '../../analysis/chart-configs.ts';
import type { Table, TextsBlock } from '../../analysis/question-kinds/card-parts.ts';
import { countedOverNote } from '../../analysis/nested-catalogue.ts';
import { kindModule, withModule } from '../../analysis/question-kinds/registry.ts';

export { pct, type Cell, type Table, type TextsBlock } from '../../analysis/question-kinds/card-parts.ts';

export interface QuestionCard {
  id: string;
  name: string;
  title: string;
  kind: string;
  suppressed: boolean;
  message: string | null;
  base: number | null;
  chart: ChartConfig | null;
  chartLabel: string;
  tables: Table[];
  stats: { label: string; value: string | null }[];
  texts: TextsBlock | null;
  notes: string[];
  /** Matrices and rankings: their tables are wide, so the card takes the page's full width. */
  wide: boolean;
  /** Counted over all rows or panels: the base is a number of rows or panels, not of responses. */
  over: 'rows' | 'panels' | null;
}

export function questionCard(s: QuestionSummary, k: number): QuestionCard {
  const card: QuestionCard = {
    id: `q-${s.name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    name: s.name, title: s.title, kind: kindModule(s.kind).label,
    suppressed: s.suppressed, message: s.suppressed ? s.message : null, base: s.suppressed ? null : s.base,
    chart: questionChart(s), chartLabel: `Chart of the answers to: ${s.title}. The table below gives the same figures.`,
    tables: [], stats: [], texts: null, notes: [],
    wide: !s.suppressed && kindModule(s.kind).wideCard,
    over: s.over ?? null,
  };
  if (s.suppressed) return card;
  // Every figure hidden (a national contact's small groups): a sentence instead of empty axes.
  if (card.chart && !hasShownFigure(card.chart)) {
    card.chart = null;
    card.notes.push(`No chart: every answer to this question falls in a group of fewer than ${k} responses, and such groups are never shown, so that no one can be singled out.`);
  }
  const part = withModule(s, (m, shown) => m.card(shown, k));
  card.tables = part.tables;
  card.stats = part.stats;
  card.texts = part.texts;
  card.notes.push(...part.notes);
  if (s.over) card.notes.push(countedOverNote(s.over));
  return card;
}
