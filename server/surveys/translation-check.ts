/**
 * Finds, per edition and language, every respondent-facing string that is missing or left in English,
 * and strings that both editions share but translate differently. Used by `npm run surveys:check`.
 */
export const NETWORK_LANGUAGES = ['en', 'fr', 'sk', 'lt', 'bg', 'et', 'el', 'pt', 'es', 'ro'] as const;

/** Properties SurveyJS shows to respondents; a plain string there cannot be translated. */
const LOCALISABLE_KEYS = new Set([
  'title', 'description', 'text', 'html', 'otherText', 'noneText', 'placeholder', 'otherPlaceholder', 'commentText',
  'minRateDescription', 'maxRateDescription', 'labelTrue', 'labelFalse', 'requiredErrorText', 'completedHtml',
  'pageNextText', 'pagePrevText', 'completeText', 'selectAllText', 'navigationTitle', 'navigationDescription',
]);

/** A string may stay as in English when it has no word of four letters or more (acronyms, numbers, "PPI", "1–5"). */
export function mayStayEnglish(text: string): boolean {
  const words = text.replace(/\{[^}]*\}/g, '').match(/\p{L}{4,}/gu) ?? [];
  return words.every((w) => w === w.toUpperCase());
}

export interface LocalisedString {
  path: string;
  texts: Record<string, string>;
}

/** Every localisable string in a definition, with its path, as { default, fr, ... } (plain strings as { default }). */
export function collectStrings(node: unknown, path = '', out: LocalisedString[] = []): LocalisedString[] {
  if (Array.isArray(node)) {
    node.forEach((v, i) => collectStrings(v, `${path}[${i}]`, out));
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    const named = (node as Record<string, unknown>).name ?? (node as Record<string, unknown>).value;
    const label = named !== undefined && typeof named !== 'object' ? `${here}(${String(named)})` : here;
    if (LOCALISABLE_KEYS.has(key) && typeof value === 'string') {
      out.push({ path: label, texts: { default: value } });
    } else if (LOCALISABLE_KEYS.has(key) && value && typeof value === 'object' && !Array.isArray(value) && 'default' in value) {
      out.push({ path: label, texts: value as Record<string, string> });
    } else if (typeof value === 'object') {
      collectStrings(value, here, out);
    }
  }
  return out;
}

export interface TranslationProblem {
  language: string;
  path: string;
  kind: 'missing' | 'untranslated' | 'inconsistent';
  english: string;
}

export function checkTranslations(definition: unknown, languages: readonly string[] = NETWORK_LANGUAGES): TranslationProblem[] {
  const problems: TranslationProblem[] = [];
  for (const s of collectStrings(definition)) {
    const english = s.texts.default ?? s.texts.en ?? '';
    for (const lang of languages) {
      if (lang === 'en') continue;
      const text = s.texts[lang];
      if (!text || !text.trim()) problems.push({ language: lang, path: s.path, kind: 'missing', english });
      else if (text === english && !mayStayEnglish(english)) problems.push({ language: lang, path: s.path, kind: 'untranslated', english });
    }
  }
  return problems;
}

/** Strings identical in English in both editions must be translated identically too. */
export function checkConsistency(a: unknown, b: unknown, languages: readonly string[] = NETWORK_LANGUAGES): TranslationProblem[] {
  const byEnglish = new Map<string, LocalisedString>();
  for (const s of collectStrings(a)) byEnglish.set(s.texts.default ?? '', s);
  const problems: TranslationProblem[] = [];
  for (const s of collectStrings(b)) {
    const twin = byEnglish.get(s.texts.default ?? '');
    if (!twin) continue;
    for (const lang of languages) {
      if (lang === 'en') continue;
      const x = twin.texts[lang];
      const y = s.texts[lang];
      if (x && y && x !== y) problems.push({ language: lang, path: s.path, kind: 'inconsistent', english: s.texts.default ?? '' });
    }
  }
  return problems;
}
