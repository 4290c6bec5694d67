/**
 * What a chart picture says around its bars, the same for a download and a report: the question's
 * title, the n it shows, and the name of its category axis.
 */
import type { QuestionSummary } from '../../analysis/aggregate-types.ts';
import type { ChartConfig } from '../../analysis/chart-configs.ts';
import type { PictureOptions } from './chart-picture.ts';

const CATEGORY: Record<string, string> = { single: 'Answer', multi: 'Answer', rating: 'Rating', number: 'Range of answers', ranking: 'Item', matrix: 'Row' };

function hiddenNote(config: ChartConfig): string {
  return config.data.datasets.some((d) => d.data.some((v) => v === null)) ? '; hidden figures (fewer than k answers) are left out' : '';
}

export function questionCaption(s: QuestionSummary, config: ChartConfig): Omit<PictureOptions, 'format'> {
  const base = s.suppressed ? 0 : s.base;
  const who = s.kind === 'multi' || s.kind === 'ranking' ? 'respondents' : 'answers';
  return { title: s.title, subtitle: `n = ${base} ${who}${hiddenNote(config)}`, categoryTitle: CATEGORY[s.kind] ?? 'Answer' };
}

export function crossTabCaption(title: string, total: number, columnTitle: string, config: ChartConfig): Omit<PictureOptions, 'format'> {
  return { title, subtitle: `n = ${total} responses that answered both${hiddenNote(config)}`, categoryTitle: columnTitle };
}

export function comparisonCaption(title: string, sides: { label: string; n: number | null }[], config: ChartConfig): Omit<PictureOptions, 'format'> {
  return { title, subtitle: `${sides.map((s) => `${s.label}: n = ${s.n ?? 'hidden'}`).join(' · ')}${hiddenNote(config)}`, categoryTitle: 'Answer' };
}
