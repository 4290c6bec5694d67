/**
 * Checks one imported translation against its catalogue entry, before anything is changed: HTML only
 * from the allow-list the definitions use (and only where the English has HTML), no active content,
 * SurveyJS placeholders such as {country} kept, a length near the source's, not empty, not left in
 * English (the rules `npm run surveys:check` applies).
 */
import { mayStayEnglish } from '../surveys/translation-check.ts';
import type { CatalogueEntry } from './string-catalogue.ts';

/** The tags definitions may use (definition-check.ts keeps only these in HTML texts). */
export const ALLOWED_TAGS = new Set(['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'h3', 'h4', 'span', 'div', 'small']);
const TAG = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>/g;
const ACTIVE = /javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|\bon[a-z]+\s*=|<\s*(script|iframe|object|embed|link|meta|style|base|form|svg|img|a)\b/i;
/** Beyond this factor (either way) a translation is too far from its source to be one. */
const LENGTH_FACTOR = 3;
const LENGTH_FLOOR = 20;

/**
 * Whether a translation may be the English text itself: acronyms and numbers, the official names
 * listed as exceptions, and place names (surveys:check counts only gaps in the countries list).
 */
export function mayKeepEnglish(entry: CatalogueEntry, exceptions: readonly string[]): boolean {
  return mayStayEnglish(entry.source) || exceptions.includes(entry.source) || entry.id.startsWith('list.countries.');
}

const placeholders = (s: string) => [...s.matchAll(/\{[^{}]+\}/g)].map((m) => m[0]).sort();

export function checkUnit(entry: CatalogueEntry, target: string, exceptions: readonly string[]): string[] {
  const problems: string[] = [];
  if (!target.trim()) return ['the translation is empty'];
  if (ACTIVE.test(target)) problems.push('the translation holds a script, an event handler or active HTML, which is never allowed');
  const sourceHasTags = /<\s*[a-zA-Z]/.test(entry.source);
  for (const m of target.matchAll(TAG)) {
    const tag = m[2]!.toLowerCase();
    if (!sourceHasTags && !entry.html) {
      problems.push(`HTML (<${tag}>) is not allowed here: this text is shown as plain text`);
      break;
    }
    if (!ALLOWED_TAGS.has(tag)) problems.push(`the tag <${tag}> is not allowed (allowed: ${[...ALLOWED_TAGS].join(', ')})`);
    else if (m[3]!.replace(/\/\s*$/, '').trim()) problems.push(`the tag <${tag}> has attributes, which are not allowed`);
  }
  if (/<\s*[a-zA-Z][^>]*$/.test(target.replace(TAG, ''))) problems.push('the translation has an unclosed "<"');
  const want = placeholders(entry.source);
  const have = placeholders(target);
  if (want.join() !== have.join()) problems.push(`the placeholders must stay as in English (${want.join(' ') || 'none'}), found ${have.join(' ') || 'none'}`);
  const [a, b] = [entry.source.trim().length, target.trim().length];
  if (Math.max(a, b) >= LENGTH_FLOOR && (b > a * LENGTH_FACTOR || b * LENGTH_FACTOR < a)) {
    problems.push(`the translation has ${b} characters against ${a} in English: more than ${LENGTH_FACTOR} times longer or shorter`);
  }
  if (target === entry.source && !mayKeepEnglish(entry, exceptions)) {
    problems.push('the translation is the English text (list official names that stay in English in surveys/translation-exceptions.json)');
  }
  return [...new Set(problems)];
}
