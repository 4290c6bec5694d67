/**
 * The pieces of a results-page card that each kind of question fills in: tables whose hidden
 * figures are null (the partial views/partials/results/cell.hbs shows them as "hidden"), figures
 * under the chart, and a block of free texts. The server wraps them into the page's card.
 */
import type { TextSummary } from '../aggregate-types.ts';

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

/** What a kind puts on its card, under the chart. */
export interface CardPart {
  tables: Table[];
  stats: { label: string; value: string | null }[];
  texts: TextsBlock | null;
  notes: string[];
}

export const emptyCardPart = (): CardPart => ({ tables: [], stats: [], texts: null, notes: [] });

export const pct = (share: number | null | undefined): string | null => (share === null || share === undefined ? null : `${(share * 100).toFixed(1)} %`);
export const num = (n: number | null | undefined): Cell => ({ text: n === null || n === undefined ? null : String(n), num: true });
export const share = (s: number | null | undefined): Cell => ({ text: pct(s), num: true });
export const fixed = (x: number | null, digits = 2) => (x === null ? null : String(Math.round(x * 10 ** digits) / 10 ** digits));

export function textsBlock(t: TextSummary, k: number, label: string): TextsBlock {
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
