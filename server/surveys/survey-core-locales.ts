/** survey-core's UI-string files (served from the project) for the network's languages; English is built in. */
export const SURVEY_CORE_LOCALE_FILES: Readonly<Record<string, string>> = {
  fr: 'french', sk: 'slovak', lt: 'lithuanian', bg: 'bulgarian', et: 'estonian', el: 'greek',
  pt: 'portuguese', es: 'spanish', ro: 'romanian', de: 'german', it: 'italian', nl: 'dutch', pl: 'polish',
};

/** The logical path of a language's file (the asset manifest turns it into a hashed URL). */
export function surveyCoreLocaleScript(lang: string): string | undefined {
  const file = SURVEY_CORE_LOCALE_FILES[lang];
  return file ? `/vendor/survey-core/i18n/${file}.min.js` : undefined;
}
