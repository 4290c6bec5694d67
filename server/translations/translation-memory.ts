/**
 * Translation memory: every English text an earlier edition of a survey has, with its translations.
 * A new edition is drafted from an earlier one and filled from the memory by English text, so a
 * string whose English is new or was changed starts untranslated, and only those reach translators.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalogue, englishOf, type CatalogueEntry } from './string-catalogue.ts';

export type Memory = Map<string, Record<string, string>>;

/** The memory of a survey's edition files, the preferred edition's translations winning, then the newest. */
export async function surveyMemory(surveysDir: string, surveyId: string, opts: { prefer?: string; exclude?: string } = {}): Promise<Memory> {
  const names = (await readdir(join(surveysDir, surveyId))).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''))
    .filter((e) => e !== opts.exclude)
    .sort((a, b) => (a === opts.prefer ? -1 : b === opts.prefer ? 1 : b.localeCompare(a)));
  const memory: Memory = new Map();
  for (const edition of names) {
    const raw = JSON.parse(await readFile(join(surveysDir, surveyId, `${edition}.json`), 'utf8')) as Record<string, unknown>;
    for (const entry of buildCatalogue(raw).entries) {
      const known = memory.get(entry.source) ?? {};
      for (const [lang, text] of Object.entries(entry.texts)) {
        if (lang === 'default' || lang === 'en' || !text.trim() || known[lang]) continue;
        known[lang] = text;
      }
      memory.set(entry.source, known);
    }
  }
  return memory;
}

/** Gives the entry its English and the memory's translations of that English, nothing else. */
export function fillFromMemory(entry: CatalogueEntry, memory: Memory): boolean {
  const english = englishOf(entry.texts);
  const remembered = memory.get(english);
  const plain = typeof entry.holder[entry.key] === 'string';
  if (!remembered || Object.keys(remembered).length === 0) {
    entry.holder[entry.key] = plain ? english : { default: english };
    return false;
  }
  entry.holder[entry.key] = { default: english, ...remembered };
  return true;
}
