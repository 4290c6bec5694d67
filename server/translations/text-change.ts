/**
 * Tells a text fix from any other change: two definitions whose every text is masked are the same
 * when only texts (in any language) differ. Names, values, types, logic, validators and the order of
 * choices all stay in the masked skeleton, so a change to any of them is not a text fix.
 */
import { canonicalJson } from '../surveys/canonical-json.ts';
import { buildCatalogue, TEXT_KEYS } from './string-catalogue.ts';

/** Whether a definition declares a grouping question anywhere (`"grouping": "country"` …). */
function declaresGrouping(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(declaresGrouping);
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => key === 'grouping' || declaresGrouping(value));
}

/**
 * `implicitGrouping`: the definition before the change declared no grouping, so it was answered when a
 * question named `country` or `authority_type` grouped the responses by its name alone. Declaring
 * `"grouping"` equal to that name keeps what the answers meant, so it is left out of the comparison;
 * any other grouping change (a removal, another question) stays a logic change.
 */
function skeleton(node: unknown, implicitGrouping: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => skeleton(n, implicitGrouping));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const name = (node as Record<string, unknown>).name;
  for (const [key, value] of Object.entries(node)) {
    if (implicitGrouping && key === 'grouping' && value === name) continue;
    out[key] = TEXT_KEYS.has(key) && (typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value))) ? '(text)' : skeleton(value, implicitGrouping);
  }
  return out;
}

/** The first place where two skeletons differ, as a JSON path, for the refusal message. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (canonicalJson(a) === canonicalJson(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || '(root)'}: ${a.length} items became ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 80)} became ${JSON.stringify(b)?.slice(0, 80)}`;
}

export interface TextChange {
  id: string;
  languages: string[];
}

export type DefinitionChange = { textOnly: true; changes: TextChange[] } | { textOnly: false; difference: string };

export function compareDefinitions(before: Record<string, unknown>, after: Record<string, unknown>): DefinitionChange {
  const difference = firstDifference(skeleton(before, false), skeleton(after, !declaresGrouping(before)));
  if (difference) return { textOnly: false, difference };
  const old = buildCatalogue(before).byId;
  const changes: TextChange[] = [];
  for (const entry of buildCatalogue(after).entries) {
    const was = old.get(entry.id)?.texts ?? {};
    const languages = [...new Set([...Object.keys(was), ...Object.keys(entry.texts)])]
      .filter((l) => was[l] !== entry.texts[l])
      .map((l) => (l === 'default' ? 'en' : l))
      .sort();
    if (languages.length > 0) changes.push({ id: entry.id, languages });
  }
  return { textOnly: true, changes };
}
