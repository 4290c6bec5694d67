/**
 * A survey definition with its texts in one language only. The edition keeps every text as
 * { default, fr, de, ... }; a respondent reads one language at a time, so the page carries only
 * that one (a tenth of the size) and fetches another when the respondent switches. A text missing
 * in the language falls back to the default (English), as survey-core itself would do.
 */
export type Definition = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** { default: '…', fr: '…' }: every key a language of the edition, every value a string. */
function isLocalizedText(value: Record<string, unknown>, locales: ReadonlySet<string>): boolean {
  const keys = Object.keys(value);
  if (!keys.includes('default') && !keys.includes('en')) return false;
  return keys.every((k) => (k === 'default' || locales.has(k)) && typeof value[k] === 'string');
}

function localize(value: unknown, lang: string, locales: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang, locales));
  if (!isPlainObject(value)) return value;
  // A plain string is survey-core's text for every language: the one chosen here.
  if (isLocalizedText(value, locales)) return value[lang] ?? value.default ?? value.en;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = localize(v, lang, locales);
  return out;
}

export function definitionInLanguage(definition: Definition, lang: string, locales: readonly string[]): Definition {
  return localize(definition, lang, new Set(locales)) as Definition;
}

const cache = new Map<string, Definition>();

/** The same, kept per edition and language: a published edition never changes. */
export function cachedDefinitionInLanguage(editionId: string, definition: Definition, lang: string, locales: readonly string[]): Definition {
  const key = `${editionId}:${lang}`;
  let out = cache.get(key);
  if (!out) cache.set(key, (out = definitionInLanguage(definition, lang, locales)));
  return out;
}
