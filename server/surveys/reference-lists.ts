/**
 * Reference lists (countries, authority types) kept once in surveys/reference/ and written into
 * any question that names one with the custom property `choicesFromReference`. The list becomes
 * part of the edition's content, so changing a list changes the hash of every edition using it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReferenceItem {
  value: string;
  text: Record<string, string>;
}
export type ReferenceLists = Map<string, ReferenceItem[]>;

export async function loadReferenceLists(surveysDir: string): Promise<ReferenceLists> {
  const dir = join(surveysDir, 'reference');
  const lists: ReferenceLists = new Map();
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  } catch {
    return lists;
  }
  for (const file of files.sort()) {
    const items = JSON.parse(await readFile(join(dir, file), 'utf8')) as ReferenceItem[];
    lists.set(file.replace(/\.json$/, ''), items);
  }
  return lists;
}

/** Returns a copy of the definition with every `choicesFromReference` replaced by `choices`. */
export function expandReferences(definition: unknown, lists: ReferenceLists, problems: string[]): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'choicesFromReference') continue;
      out[key] = walk(value);
    }
    const ref = (node as Record<string, unknown>).choicesFromReference;
    if (ref !== undefined) {
      const list = typeof ref === 'string' ? lists.get(ref) : undefined;
      if (!list) problems.push(`unknown reference list "${String(ref)}" (question "${String(out.name)}")`);
      else out.choices = list.map((i) => ({ value: i.value, text: { ...i.text } }));
    }
    return out;
  };
  return walk(definition);
}
