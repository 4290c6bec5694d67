/**
 * The console's table: per edition and language, how many strings are translated, missing, the same
 * as in English, and translated otherwise than the same English text in a sister edition.
 */
import { listLatestEditions } from '../surveys/edition-repository.ts';
import { checkConsistency } from '../surveys/translation-check.ts';
import { loadEditionSource } from './edition-source.ts';
import { buildCatalogue } from './string-catalogue.ts';
import { loadExceptions, TRANSLATABLE_LANGUAGES, type TranslationContext } from './translation-service.ts';
import { mayKeepEnglish } from './unit-checks.ts';

export interface LanguageStatus {
  language: string;
  translated: number;
  missing: number;
  sameAsEnglish: number;
  inconsistent: number;
}

export interface EditionStatus {
  id: string;
  surveyId: string;
  edition: string;
  version: number;
  responses: number;
  strings: number;
  fromFile: boolean;
  languages: LanguageStatus[];
}

export async function translationStatus(ctx: TranslationContext): Promise<EditionStatus[]> {
  const latest = await listLatestEditions(ctx.db);
  const definitions = new Map<string, Record<string, unknown>>();
  for (const e of latest) {
    definitions.set(e.id, (await ctx.db.selectFrom('edition').select('definition').where('id', '=', e.id).executeTakeFirstOrThrow()).definition);
  }
  const out: EditionStatus[] = [];
  for (const e of latest) {
    const source = await loadEditionSource(ctx.db, ctx.surveysDir, e.survey_id, e.edition);
    const catalogue = buildCatalogue(source.raw, source.lists);
    const sisters = latest.filter((o) => o.survey_id === e.survey_id && o.id !== e.id);
    const languages: LanguageStatus[] = [];
    for (const language of TRANSLATABLE_LANGUAGES) {
      const exceptions = await loadExceptions(ctx.surveysDir, language);
      const row: LanguageStatus = { language, translated: 0, missing: 0, sameAsEnglish: 0, inconsistent: 0 };
      for (const entry of catalogue.entries) {
        const text = entry.texts[language];
        if (!text || !text.trim()) row.missing++;
        else if (text === entry.source && !mayKeepEnglish(entry, exceptions)) row.sameAsEnglish++;
        else row.translated++;
      }
      for (const sister of sisters) {
        row.inconsistent += checkConsistency(definitions.get(sister.id), definitions.get(e.id), [language]).length;
      }
      languages.push(row);
    }
    out.push({
      id: e.id, surveyId: e.survey_id, edition: e.edition, version: e.version, responses: Number(e.responses ?? 0),
      strings: catalogue.entries.length, fromFile: source.filePath !== undefined, languages,
    });
  }
  return out;
}
