/** survey-core's UI-string files (served from the project) for the network's languages; English is built in. */
const FILES: Record<string, string> = {
  fr: 'french', sk: 'slovak', lt: 'lithuanian', bg: 'bulgarian', et: 'estonian', el: 'greek',
  pt: 'portuguese', es: 'spanish', ro: 'romanian', de: 'german', it: 'italian', nl: 'dutch', pl: 'polish',
};

export function surveyCoreLocaleScript(lang: string): string | undefined {
  const file = FILES[lang];
  return file ? `/vendor/survey-core/i18n/${file}.min.js` : undefined;
}
