/**
 * Page data for one question's results: a chart.js configuration (analysis/chart-configs.ts) and a
 * small table that says the same for screen readers and for copying. Hidden figures are null; the
 * partial views/partials/results/cell.hbs shows them as "hidden".
 */
import type { QuestionSummary, TextSummary } from '../../analysis/aggregate-types.ts';
import { LONG_LIST, hasShownFigure, questionChart, type ChartConfig } from '../../analysis/chart-configs.ts';

export interface Cell {
  /** Text to show, or null when the figure is hidden. */
  text: string | null;
  num?: boolean;
}

export interface Table {
  caption: string;
  head: string[];
  rows: { label: string; cells: Cell[] }[];
  foot?: { label: string; cells: Cell[] };
}

export interface TextsBlock {
  count: string | null;
  texts: string[] | null;
  note: string | null;
  label: string;
}

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
}

export const pct = (share: number | null | undefined): string | null => (share === null || share === undefined ? null : `${(share * 100).toFixed(1)} %`);
const num = (n: number | null | undefined): Cell => ({ text: n === null || n === undefined ? null : String(n), num: true });
const share = (s: number | null | undefined): Cell => ({ text: pct(s), num: true });
const fixed = (x: number | null, digits = 2) => (x === null ? null : String(Math.round(x * 10 ** digits) / 10 ** digits));

const KIND_LABELS: Record<string, string> = {
  single: 'One answer', multi: 'Several answers', rating: 'Rating', ranking: 'Ranking', matrix: 'Matrix',
  number: 'Number', text: 'Free text', other: 'Other',
};

function textsBlock(t: TextSummary, k: number, label: string): TextsBlock {
  const notes: Record<string, string> = {
    'not-allowed': 'The texts themselves are shown to analysts and admins only.',
    'fewer-than-k': `Fewer than ${k} texts, or hidden with a small group: not shown.`,
    identifying: 'These answers identify people (e-mail addresses, telephone numbers): never shown.',
  };
  return {
    label,
    count: t.count === null ? null : String(t.count),
    texts: t.texts,
    note: t.withheld ? (notes[t.withheld] ?? null) : t.truncated ? `The first ${t.texts?.length ?? 0} texts, in alphabetical order.` : null,
  };
}

export function questionCard(s: QuestionSummary, k: number): QuestionCard {
  const card: QuestionCard = {
    id: `q-${s.name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    name: s.name, title: s.title, kind: KIND_LABELS[s.kind] ?? s.kind,
    suppressed: s.suppressed, message: s.suppressed ? s.message : null, base: s.suppressed ? null : s.base,
    chart: questionChart(s), chartLabel: `Chart of the answers to: ${s.title}. The table below gives the same figures.`,
    tables: [], stats: [], texts: null, notes: [],
    wide: !s.suppressed && (s.kind === 'matrix' || s.kind === 'ranking'),
  };
  if (s.suppressed) return card;
  // Every figure hidden (a national contact's small groups): a sentence instead of empty axes.
  if (card.chart && !hasShownFigure(card.chart)) {
    card.chart = null;
    card.notes.push(`No chart: every answer to this question falls in a group of fewer than ${k} responses, and such groups are never shown, so that no one can be singled out.`);
  }
  switch (s.kind) {
    case 'single':
    case 'multi': {
      // A long list (countries) keeps its table short: the answers nobody gave go in one line.
      const long = s.choices.length > LONG_LIST;
      const nobody = long ? s.choices.filter((c) => c.count === 0).map((c) => c.label) : [];
      card.tables.push({
        caption: s.kind === 'multi' ? 'Respondents choosing each answer (several answers possible)' : 'Answers',
        head: ['Answer', 'Responses', s.kind === 'multi' ? '% of respondents' : '%'],
        rows: s.choices.filter((c) => !long || c.count !== 0).map((c) => ({ label: c.label, cells: [num(c.count), share(c.share)] })),
        foot: { label: 'Answered', cells: [num(s.base), { text: null, num: true }] },
      });
      if (nobody.length > 0) card.notes.push(`Nobody answered: ${nobody.join(', ')}.`);
      if (s.comments) card.texts = textsBlock(s.comments, k, 'Texts given with "other" or as a comment');
      break;
    }
    case 'rating':
      card.tables.push({
        caption: 'Ratings', head: ['Rating', 'Responses', '%'],
        rows: s.values.map((c) => ({ label: c.label, cells: [num(c.count), share(c.share)] })),
        foot: { label: 'Answered', cells: [num(s.base), { text: null, num: true }] },
      });
      card.stats = [{ label: 'Mean', value: fixed(s.mean) }, { label: 'Median', value: fixed(s.median) }];
      break;
    case 'ranking': {
      const positions = s.items[0]?.byPosition.length ?? 0;
      card.tables.push({
        caption: 'How often each item was ranked 1st, 2nd, ...',
        head: ['Item', 'Mean rank', ...Array.from({ length: positions }, (_, p) => `Ranked ${p + 1}`)],
        rows: s.items.map((i) => ({ label: i.label, cells: [{ text: fixed(i.meanRank), num: true }, ...i.byPosition.map(num)] })),
      });
      break;
    }
    case 'matrix':
      card.tables.push({
        caption: 'Answers per row (% of the row)', head: ['', ...s.columns.map((c) => c.label), 'Answered'],
        rows: s.rows.map((r) => ({ label: r.label, cells: [...r.cells.map((c) => share(c.share)), num(r.base)] })),
      });
      break;
    case 'number':
      card.stats = [
        { label: 'Answered', value: String(s.base) }, { label: 'Mean', value: fixed(s.mean) }, { label: 'Lower quartile', value: fixed(s.q1) },
        { label: 'Median', value: fixed(s.median) }, { label: 'Upper quartile', value: fixed(s.q3) },
      ];
      card.tables.push({ caption: 'Distribution', head: ['Range', 'Responses'], rows: s.histogram.map((b) => ({ label: b.label, cells: [num(b.count)] })) });
      break;
    case 'text':
      card.texts = textsBlock({ count: s.base, texts: s.texts, ...(s.withheld ? { withheld: s.withheld } : {}), ...(s.truncated ? { truncated: true } : {}) }, k, 'Answers');
      break;
    default:
      card.stats = [{ label: 'Answered', value: String(s.base) }];
  }
  return card;
}
