/**
 * Which language a respondent sees: an explicit choice, then the link's default language, then the
 * browser's Accept-Language, then English, each only if the edition offers it.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => /^[a-z]{2,3}$/.test(x.lang) && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.lang);
}

export function chooseLanguage(offered: readonly string[], choices: { explicit?: string | undefined; link?: string | undefined; acceptLanguage?: string | undefined }): string {
  const candidates = [choices.explicit, choices.link, ...parseAcceptLanguage(choices.acceptLanguage), 'en'];
  return candidates.find((c): c is string => !!c && offered.includes(c)) ?? offered[0] ?? 'en';
}
