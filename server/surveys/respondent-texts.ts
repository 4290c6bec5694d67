/**
 * The respondent pages' own words (thank-you, deletion, closed campaign...), kept in
 * surveys/respondent-texts.json with one entry per language; English fills any gap.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type RespondentTexts = Record<string, Record<string, string>>;

export async function loadRespondentTexts(surveysDir: string): Promise<RespondentTexts> {
  return JSON.parse(await readFile(join(surveysDir, 'respondent-texts.json'), 'utf8')) as RespondentTexts;
}

/** The texts in one language, each falling back to English. */
export function textsIn(texts: RespondentTexts, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, byLang] of Object.entries(texts)) out[key] = byLang[lang] ?? byLang.en ?? key;
  return out;
}
